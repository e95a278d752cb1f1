import { ruleTester } from '../../harness/ruleTester';

const pod = (...images: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('')}`;

// microservices-demo's skaffold.yaml, shortened: `skaffold run` builds these and writes their tags into the manifests.
const skaffold = `apiVersion: skaffold/v3
kind: Config
metadata:
  name: app
build:
  artifacts:
  - image: emailservice
    context: src/emailservice
profiles:
- name: debug
  build:
    artifacts:
    - image: gcr.io/shop/cartservice
---
apiVersion: skaffold/v3
kind: Config
metadata:
  name: loadgenerator
build:
  artifacts:
  - image: loadgenerator
`;

ruleTester('k8s/image-tag', {
  valid: [
    { name: 'an image set by substitution before it is applied (envsubst, Flux post-build)', code: pod('${IMAGE}', 'ghcr.io/acme/web:${VERSION:-1.4.2}') },
    {
      name: 'an image a Skaffold Config of the workspace builds (its tag is written at deploy time), profiles and other configs too',
      code: pod('emailservice', 'gcr.io/shop/cartservice', 'loadgenerator'),
      files: { '/work/skaffold.yaml': skaffold },
    },
    {
      name: 'tags and digests',
      code: pod(
        'nginx:1.27',
        'registry:5000/team/app:2.1.0',
        'app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        '"ghcr.io/org/tool:v3"',
      ),
    },
    { name: 'templated image', code: pod('"{{ .Values.image }}"') },
    {
      // tektoncd/pipeline config/controller.yaml: `ko apply` builds the Go package and writes its digest-pinned image.
      name: 'a ko reference, replaced by ko resolve/apply with a digest-pinned image',
      code: pod('ko://github.com/tektoncd/pipeline/cmd/controller', 'ko://example.com/app'),
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: nginx\n' },
  ],
  invalid: [
    {
      name: 'Skaffold builds other images, or the manifest pins latest',
      code: pod('adservice', 'emailservice:latest'),
      files: { '/work/skaffold.yaml': skaffold },
      errors: [
        { line: 8, message: /"adservice" without a tag/ },
        { line: 10, message: /"emailservice:latest" with the moving tag/ },
      ],
    },
    {
      name: 'no tag, latest, and a registry port that is not a tag',
      code: pod('nginx', 'app:latest', 'registry:5000/app', 'docker.io/library/redis:LATEST'),
      errors: [
        { line: 8, column: 12, severity: 'warning', message: 'The container "c0" uses image "nginx" without a tag, which means the moving "latest".' },
        { line: 10, message: 'The container "c1" uses image "app:latest" with the moving tag "latest".' },
        { line: 12, message: /"registry:5000\/app" without a tag/ },
        { line: 14 },
      ],
    },
    {
      // The range is the tag (an editor underlines it; a chart's finding goes to the values line that sets it),
      // unless escapes make the scalar's text differ from its value: then the whole scalar.
      name: '"latest" is reported on the tag itself, plain or quoted; the whole scalar when written with escapes',
      code: pod('app:latest  # moving', '" registry:5000/app:latest "', "'app:latest'", '"app:\\x6catest"'),
      errors: [
        { line: 8, column: 16, endLine: 8 },
        { line: 10, column: 32, endLine: 10 },
        { line: 12, column: 17 },
        { line: 14, column: 12 },
      ],
    },
    {
      // elastic/helm-charts: "{{ .Values.image.repository }}:{{ .Values.image.tag }}" rendered with tag: "".
      name: 'an empty tag, digest or name is an invalid reference: an error, not a moving tag, even for an image Skaffold builds',
      code: pod('"busybox:"', 'busybox@', '":1.0"', '"registry:5000/app:"', '"emailservice:"'),
      files: { '/work/skaffold.yaml': skaffold },
      errors: [
        {
          line: 8,
          severity: 'error',
          message:
            'The container "c0" uses image "busybox:", which has an empty tag after ":": not a valid image reference, so the kubelet fails with InvalidImageName and the container never starts.',
        },
        { line: 10, severity: 'error', message: /"busybox@", which has an empty digest after "@": not a valid image reference/ },
        { line: 12, severity: 'error', message: /":1\.0", which has no repository name: not a valid image reference/ },
        { line: 14, severity: 'error', message: /"registry:5000\/app:", which has an empty tag/ },
        { line: 16, severity: 'error', message: /"emailservice:", which has an empty tag/ },
      ],
    },
    {
      // kubescape/regolibrary's image digest cases: distribution/reference and go-digest refuse these.
      name: 'a malformed digest is an invalid reference: cut short, upper case, an unknown algorithm',
      code: pod('nginx@sha256:abc', `nginx@sha256:${'0123456789ABCDEF'.repeat(4)}`, `nginx@md5:${'0'.repeat(32)}`, `nginx:1.27@sha512:${'a'.repeat(64)}`),
      errors: [
        { line: 8, severity: 'error', message: /"nginx@sha256:abc", which has a digest "sha256:abc" that is not 64 lower-case hexadecimal digits/ },
        { line: 10, severity: 'error', message: /that is not 64 lower-case hexadecimal digits/ },
        { line: 12, severity: 'error', message: /whose algorithm is none of sha256, sha384 or sha512/ },
        { line: 14, severity: 'error', message: /a digest "sha512:a+" that is not 128 lower-case hexadecimal digits/ },
      ],
    },
    {
      name: 'init containers and CronJobs count too',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: init
            image: busybox
          containers:
          - name: job
            image: job:2
`,
      errors: [{ line: 13, message: /init container "init"/ }],
    },
  ],
});
