import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels:
        app: node-agent
        component: collector
    spec:
      containers:
      - name: agent
        image: agent:1.4
        ports:
        - containerPort: 4317
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: my-daemonset-service
  namespace: monitoring
spec:
  selector:
    app: node-agent  # all collectors
  ports:
  - port: 4317
`;

const WEBHOOK_SERVICE = SERVICE.replace('name: my-daemonset-service', 'name: node-agent-admission').replace(
  '  - port: 4317\n',
  '  - port: 443\n    targetPort: 8443\n',
);

const webhookConfig = (kind: string, service: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}
metadata:
  name: node-agent
webhooks:
- name: validate.agent.example.com
  sideEffects: None
  admissionReviewVersions: [v1]
  clientConfig:
    service: {name: ${service}, namespace: monitoring, path: /validate}
`;

ruleTester('k8s/daemonset-traffic-policy', {
  valid: [
    { name: 'already Local (seed 001)', code: `${DAEMONSET}---\n${SERVICE.replace('spec:\n', 'spec:\n  internalTrafficPolicy: Local\n')}` },
    { name: 'other namespace', code: `${DAEMONSET}---\n${SERVICE.replace('  namespace: monitoring\n', '')}` },
    {
      name: 'a nodeSelector keeps the pods off some nodes (ingress-nginx on labelled nodes): clients elsewhere would find none',
      code: `${DAEMONSET.replace('    spec:\n      containers:', '    spec:\n      nodeSelector:\n        ingress-ready: "true"\n      containers:')}---\n${SERVICE}`,
    },
    {
      name: 'a required node affinity does the same',
      code: `${DAEMONSET.replace(
        '    spec:\n      containers:',
        '    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: edge, operator: Exists}\n      containers:',
      )}---\n${SERVICE}`,
    },
    { name: 'selector does not match', code: `${DAEMONSET}---\n${SERVICE.replace('app: node-agent  #', 'app: other  #')}` },
    { name: 'headless Service', code: `${DAEMONSET}---\n${SERVICE.replace('spec:\n', 'spec:\n  clusterIP: None\n')}` },
    {
      name: 'a Deployment behind the Service is not a DaemonSet',
      code: `${DAEMONSET.replace('kind: DaemonSet', 'kind: Deployment')}---\n${SERVICE}`,
    },
    {
      // ingress-nginx as a DaemonSet: the API server, on control-plane nodes without a controller pod, calls the webhook.
      name: 'the Service of a ValidatingWebhookConfiguration (another file)',
      code: `${DAEMONSET}---\n${SERVICE}`,
      files: { '/work/webhook.yaml': webhookConfig('ValidatingWebhookConfiguration', 'my-daemonset-service') },
    },
    {
      name: 'the Service of a MutatingWebhookConfiguration',
      code: `${DAEMONSET}---\n${SERVICE}---\n${webhookConfig('MutatingWebhookConfiguration', 'my-daemonset-service')}`,
    },
    {
      name: 'the Service of an APIService (aggregated API)',
      code: `${DAEMONSET}---\n${SERVICE}---\napiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.example.com\nspec:\n  group: metrics.example.com\n  version: v1beta1\n  service: {name: my-daemonset-service, namespace: monitoring}\n`,
    },
    {
      name: 'no webhook configuration in the workspace: a Service named ...-admission on 443 is taken for a webhook',
      code: `${DAEMONSET}---\n${WEBHOOK_SERVICE}`,
    },
  ],
  invalid: [
    {
      name: 'Service selects the DaemonSet pods: fix adds internalTrafficPolicy: Local',
      code: `${DAEMONSET}---\n${SERVICE}`,
      errors: [
        {
          line: 27,
          severity: 'info',
          message:
            'The Service "my-daemonset-service" selects the pods of DaemonSet "node-agent" but has no internalTrafficPolicy: Local, so traffic leaves the node.',
        },
      ],
      fixTitles: ['Set internalTrafficPolicy: Local'],
      output: `${DAEMONSET}---\n${SERVICE}  internalTrafficPolicy: Local\n`,
    },
    {
      name: 'the webhook configuration calls a Service of another namespace',
      code: `${DAEMONSET}---\n${SERVICE}---\n${webhookConfig('ValidatingWebhookConfiguration', 'my-daemonset-service').replace('namespace: monitoring', 'namespace: other')}`,
      errors: [{ line: 27 }],
      output: `${DAEMONSET}---\n${SERVICE}  internalTrafficPolicy: Local\n---\n${webhookConfig('ValidatingWebhookConfiguration', 'my-daemonset-service').replace('namespace: monitoring', 'namespace: other')}`,
    },
    {
      name: 'a webhook configuration in the workspace names another Service: the name of this one says nothing',
      code: `${DAEMONSET}---\n${WEBHOOK_SERVICE}---\n${webhookConfig('ValidatingWebhookConfiguration', 'other-webhook')}`,
      errors: [{ line: 27, message: /"node-agent-admission"/ }],
      output: `${DAEMONSET}---\n${WEBHOOK_SERVICE}  internalTrafficPolicy: Local\n---\n${webhookConfig('ValidatingWebhookConfiguration', 'other-webhook')}`,
    },
    {
      name: 'a Service named ...-webhook on another port than 443/8443',
      code: `${DAEMONSET}---\n${SERVICE.replace('name: my-daemonset-service', 'name: agent-webhook')}`,
      errors: [{ line: 27 }],
      output: `${DAEMONSET}---\n${SERVICE.replace('name: my-daemonset-service', 'name: agent-webhook')}  internalTrafficPolicy: Local\n`,
    },
    {
      name: 'explicit Cluster is replaced',
      code: `${DAEMONSET}---\n${SERVICE.replace('spec:\n', 'spec:\n  internalTrafficPolicy: Cluster\n')}`,
      errors: [{ line: 27, message: /sets internalTrafficPolicy: Cluster/ }],
      output: `${DAEMONSET}---\n${SERVICE.replace('spec:\n', 'spec:\n  internalTrafficPolicy: Local\n')}`,
    },
  ],
});

describe('k8s/daemonset-traffic-policy across files', () => {
  it('finds the DaemonSet in another indexed file', () => {
    const linter = new Linter();
    linter.indexFile({ path: '/w/ds.yaml', text: DAEMONSET });
    const hits = linter.lint({ path: '/w/svc.yaml', text: SERVICE }).findings.filter((f) => f.ruleId === 'k8s/daemonset-traffic-policy');
    assert.equal(hits.length, 1);
    const fixed = applyTextEdits(SERVICE, hits[0].fixes[0].edits);
    assert.match(fixed, /\n {2}internalTrafficPolicy: Local\n$/);
    assert.equal(linter.lint({ path: '/w/svc.yaml', text: fixed }).findings.filter((f) => f.ruleId === 'k8s/daemonset-traffic-policy').length, 0);
  });
});
