import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, Linter, lintKustomizations } from '../../../server/src/engine';
import { memoryFileSystem } from '../../kustomize/helpers';
import { ruleTester } from '../../harness/ruleTester';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const pod = (...images: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('')}`;

ruleTester('k8s/image-digest', {
  valid: [
    // `ko resolve`/`ko apply` write the digest of the image they push in place of the reference.
    { name: 'ko build references', code: pod('ko://github.com/tektoncd/pipeline/cmd/controller') },
    {
      name: 'digests, with or without a tag, and a registry port',
      code: pod(`app@${DIGEST}`, `nginx:1.27@${DIGEST}`, `registry:5000/team/app@${DIGEST}`, `"ghcr.io/org/tool:v3@${DIGEST}"`),
    },
    { name: 'templated image', code: pod('"{{ .Values.image }}"') },
    { name: 'image from an environment variable', code: pod('$(REGISTRY)/app:1') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: nginx\n' },
  ],
  invalid: [
    {
      name: 'a malformed digest pins nothing',
      code: pod('nginx@sha256:abc', `nginx@sha256:${'0123456789ABCDEF'.repeat(4)}`, `nginx@sha384:${'0'.repeat(96)}`),
      errors: [{ line: 8, message: /"nginx@sha256:abc", which is not pinned by digest/ }, { line: 10 }],
    },
    {
      name: 'version tag, latest, no tag, registry port',
      code: pod('nginx:1.27', 'app:latest', 'redis', 'registry:5000/team/app:2.1.0'),
      errors: [
        {
          line: 8,
          column: 12,
          severity: 'warning',
          message: 'The container "c0" uses image "nginx:1.27", which is not pinned by digest: append @sha256:<digest> from the registry.',
        },
        { line: 10, message: /"app:latest", which is not pinned by digest/ },
        { line: 12, message: /"redis", which is not pinned by digest/ },
        { line: 14, message: /"registry:5000\/team\/app:2.1.0", which is not pinned by digest/ },
      ],
    },
    {
      name: 'init containers of a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: wait
            image: busybox:1.36
          containers:
          - name: backup
            image: backup@${DIGEST}
`,
      errors: [{ line: 13, message: /init container "wait" uses image "busybox:1.36"/ }],
    },
    {
      name: 'severity set by the user',
      code: pod('nginx:1.27'),
      settings: { rules: { 'k8s/image-digest': 'info' } },
      errors: [{ line: 8, severity: 'info' }],
    },
  ],
});

describe('k8s/image-digest is opt-in', () => {
  it('reports nothing with the default settings', () => {
    const findings = new Linter({}).lint({ path: '/work/p.yaml', text: pod('nginx:1.27') }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/image-digest'),
      [],
    );
  });
});

describe('k8s/image-digest in a Kustomize build', () => {
  it("judges the image the kustomization's images: entry sets, and reports where it is set", () => {
    const files = {
      '/w/base/kustomization.yaml': 'resources:\n- deploy.yaml\n',
      '/w/base/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:1\n',
      '/w/prod/kustomization.yaml': `resources:\n- ../base\nimages:\n- name: app\n  digest: ${DIGEST}\n`,
      '/w/dev/kustomization.yaml': 'resources:\n- ../base\nimages:\n- name: app\n  newTag: "2"\n',
    };
    const settings = { ...DEFAULT_SETTINGS, rules: { 'k8s/image-digest': 'warning' as const } };
    const lint = (overlay: string) =>
      [...lintKustomizations([overlay], settings, memoryFileSystem(files), { roots: ['/w'] }).byFile.values()]
        .flat()
        .filter((f) => f.ruleId === 'k8s/image-digest')
        .map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`);
    assert.deepEqual(lint('/w/prod/kustomization.yaml'), []);
    assert.deepEqual(lint('/w/dev/kustomization.yaml'), [
      '/w/dev/kustomization.yaml:5 The container "app" uses image "app:2", which is not pinned by digest: append @sha256:<digest> from the registry.',
    ]);
  });
});
