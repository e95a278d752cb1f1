import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A Pod with one container: its image and the lines that follow it. */
const pod = (image: string, rest = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: ${image}
${rest}`;

ruleTester('k8s/image-pull-policy', {
  valid: [
    { name: 'a tag with Always', code: pod('app:1.4', '    imagePullPolicy: Always\n') },
    { name: 'a ko build reference: ko writes a digest in its place', code: pod('ko://example.com/app', '    imagePullPolicy: IfNotPresent\n') },
    { name: 'latest without a policy: the default is Always', code: pod('app:latest') },
    { name: 'no tag without a policy: the default is Always', code: pod('registry:5000/team/app') },
    { name: 'a digest without a policy (IfNotPresent) cannot change', code: pod(`app@${DIGEST}`) },
    { name: 'a tag and a digest with IfNotPresent', code: pod(`app:1.4@${DIGEST}`, '    imagePullPolicy: IfNotPresent\n') },
    { name: 'a digest with Never', code: pod(`app@${DIGEST}`, '    imagePullPolicy: Never\n') },
    { name: 'templated image', code: pod('"{{ .Values.image }}"', '    imagePullPolicy: IfNotPresent\n') },
    { name: 'templated policy', code: pod('app:1.4', '    imagePullPolicy: {{ .Values.pullPolicy }}\n') },
    { name: 'image from an environment variable', code: pod('$(REGISTRY)/app:1.4') },
    { name: "an invalid policy is the API server's to reject", code: pod('app:1.4', '    imagePullPolicy: Sometimes\n') },
  ],
  invalid: [
    {
      name: 'a version tag relying on the default (IfNotPresent)',
      code: pod('app:1.4', '    ports:\n    - containerPort: 8080\n'),
      errors: [
        {
          line: 8,
          column: 12,
          severity: 'warning',
          message:
            'The container "app" runs image "app:1.4" by its tag with no imagePullPolicy, so IfNotPresent (the default for a tag other than latest): a node that has the tag keeps running its copy after the tag is re-pushed.',
        },
      ],
      suggestion: {
        title: 'Set imagePullPolicy: Always',
        output: pod('app:1.4', '    imagePullPolicy: Always\n    ports:\n    - containerPort: 8080\n'),
      },
      output: pod('app:1.4', '    imagePullPolicy: Always\n    ports:\n    - containerPort: 8080\n'),
    },
    {
      name: 'image is the last key',
      code: pod('ghcr.io/org/app:v2'),
      errors: [{ line: 8, message: /no imagePullPolicy, so IfNotPresent/ }],
      output: pod('ghcr.io/org/app:v2', '    imagePullPolicy: Always\n'),
    },
    {
      name: 'a version tag with IfNotPresent',
      code: pod('app:1.4', '    imagePullPolicy: IfNotPresent # cache\n'),
      errors: [{ line: 9, message: /"app:1.4" by its tag with imagePullPolicy: IfNotPresent, which pulls it only when the node lacks the tag/ }],
      output: pod('app:1.4', '    imagePullPolicy: Always # cache\n'),
    },
    {
      name: 'latest with IfNotPresent (an explicit policy overrides the Always default)',
      code: pod('app:latest', '    imagePullPolicy: "IfNotPresent"\n'),
      errors: [{ line: 9, message: /imagePullPolicy: IfNotPresent/ }],
      output: pod('app:latest', '    imagePullPolicy: "Always"\n'),
    },
    {
      name: 'a tag with Never',
      code: pod('app:dev', '    imagePullPolicy: Never\n'),
      errors: [{ line: 9, message: /imagePullPolicy: Never, which never pulls it: it runs whatever copy of the tag the node has/ }],
      output: pod('app:dev', '    imagePullPolicy: Always\n'),
    },
    {
      name: 'an upper-case LATEST is a tag like any other: the default is IfNotPresent',
      code: pod('app:LATEST'),
      errors: [{ line: 8, message: /no imagePullPolicy, so IfNotPresent/ }],
      output: pod('app:LATEST', '    imagePullPolicy: Always\n'),
    },
    {
      name: 'init containers too',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: app:1.4
        command: [migrate]
      containers:
      - name: app
        image: app:latest
`,
      errors: [{ line: 10, message: /init container "migrate"/ }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: app:1.4
        imagePullPolicy: Always
        command: [migrate]
      containers:
      - name: app
        image: app:latest
`,
    },
  ],
});

describe('k8s/image-pull-policy is opt-in', () => {
  it('reports nothing with the default settings', () => {
    const findings = new Linter({}).lint({ path: '/work/p.yaml', text: pod('app:1.4') }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/image-pull-policy'),
      [],
    );
  });
});
