import { ruleTester } from '../../harness/ruleTester';

const pod = (...images: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('')}`;

ruleTester('k8s/image-tag', {
  valid: [
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
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: nginx\n' },
  ],
  invalid: [
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
