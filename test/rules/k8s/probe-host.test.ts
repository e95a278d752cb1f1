import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintCase, ruleFixes, ruleTester } from '../../harness/ruleTester';

const deployment = (container: string, podExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
${podExtra}      containers:
      - name: app
        image: app:1
${container}`;

const httpProbe = (host: string) => `        readinessProbe:
          httpGet:
            path: /healthz
            port: 8080
${host}`;

ruleTester('k8s/probe-host', {
  valid: [
    { name: 'no host', code: deployment(httpProbe('')) },
    { name: 'an empty host (allowed by the standard)', code: deployment(httpProbe('            host: ""\n')) },
    { name: 'a templated host', code: deployment(httpProbe('            host: "{{ .Values.host }}"\n')) },
    { name: 'exec probes have no host', code: deployment('        livenessProbe:\n          exec:\n            command: ["true"]\n') },
  ],
  invalid: [
    {
      name: 'httpGet.host on 1.34: error; the fix removes it',
      settings: { kubernetesVersion: '1.34' },
      code: deployment(httpProbe('            host: 169.254.169.254\n')),
      errors: [
        {
          line: 15,
          column: 19,
          severity: 'error',
          message:
            'The readinessProbe of the container "app" connects to host 169.254.169.254 instead of the pod: Pod Security admission (baseline) rejects the pod.',
        },
      ],
      output: deployment(httpProbe('')),
    },
    {
      name: 'before 1.34: a warning that says when admission starts rejecting it',
      settings: { kubernetesVersion: '1.33' },
      code: deployment(httpProbe('            host: localhost\n')),
      errors: [{ line: 15, severity: 'warning', message: /rejects it from Kubernetes 1\.34/ }],
      output: deployment(httpProbe('')),
    },
    {
      name: 'tcpSocket probes and lifecycle handlers (preStop httpGet, postStart tcpSocket)',
      code: deployment(`        startupProbe:
          tcpSocket:
            port: 8080
            host: db.example.com
        lifecycle:
          preStop:
            httpGet:
              port: 8080
              host: 10.0.0.1
          postStart:
            tcpSocket:
              port: 8080
              host: 10.0.0.2
`),
      errors: [
        { line: 14, message: /startupProbe/ },
        { line: 19, message: /preStop hook/ },
        { line: 23, message: /postStart hook/ },
      ],
      output: deployment(`        startupProbe:
          tcpSocket:
            port: 8080
        lifecycle:
          preStop:
            httpGet:
              port: 8080
          postStart:
            tcpSocket:
              port: 8080
`),
    },
    {
      // MetalLB's speaker: its health endpoint listens on 127.0.0.1:17472, and the pod uses the host's network.
      name: 'on the host network a loopback host gets no fix: the pod address is the node address, where nothing listens',
      code: deployment(httpProbe('            host: 127.0.0.1\n'), '      hostNetwork: true\n'),
      errors: [{ line: 16 }],
      fixTitles: [],
    },
    {
      name: 'on the host network another host keeps the suggestion',
      code: deployment(httpProbe('            host: 10.0.0.5\n'), '      hostNetwork: true\n'),
      errors: [{ line: 16 }],
      fixTitles: ['Remove host (connect to the pod)'],
    },
  ],
});

test('the fix is a suggestion, never preferred', () => {
  const code = deployment(httpProbe('            host: 10.0.0.5\n'), '      hostNetwork: true\n');
  const [finding] = lintCase('k8s/probe-host', { code }).filter((f) => f.ruleId === 'k8s/probe-host');
  assert.deepEqual(
    ruleFixes(finding).map((f) => [f.kind, f.isPreferred]),
    [['suggestion', false]],
  );
});
