import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
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
