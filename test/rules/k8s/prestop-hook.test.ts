import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

/** tempo's `*-gossip-ring`: memberlist peer discovery, headless, keeps terminating pods listed. */
const GOSSIP_RING = SERVICE.replace('name: web\nspec:\n', 'name: web-gossip-ring\nspec:\n  clusterIP: None\n  publishNotReadyAddresses: true\n');

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
      - name: app  # serves HTTP
        image: app:1
        ports:
        - containerPort: 8080
      - name: log-shipper
        image: fluent-bit:3.0
`;

ruleTester('k8s/prestop-hook', {
  valid: [
    {
      name: "an explicit grace period no longer than the wait is the owner's decision (fast restarts): silent",
      code:
        `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: web
spec:
  terminationGracePeriodSeconds: 10  # fast restarts
  containers:
  - name: app
    image: app:1
` + SERVICE,
    },
    { name: 'no Service selects the pods', code: DEPLOYMENT },
    {
      // argo-cd's notifications controller, kyverno's controllers: Prometheus scrapes them through the Service.
      name: 'the only Service selecting the pods is a metrics endpoint',
      code: DEPLOYMENT + SERVICE.replace('name: web\nspec', 'name: web-metrics\nspec').replace('  - port: 80\n', '  - name: metrics\n    port: 80\n'),
    },
    {
      name: 'Service in another namespace',
      code: DEPLOYMENT + SERVICE.replace('name: web\nspec', 'name: web\n  namespace: other\nspec'),
    },
    {
      name: 'has a preStop hook',
      code: DEPLOYMENT.replace('        ports:', '        lifecycle:\n          preStop:\n            sleep: {seconds: 10}\n        ports:') + SERVICE,
    },
    {
      name: 'Jobs are exempt',
      code:
        `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: job
        image: job:1
` + SERVICE,
    },
    {
      // Its endpoints keep a terminating pod ready until the pod is gone, and no proxy balances it: a wait lets nothing spread.
      name: 'the only Service selecting the pods is headless and publishes not-ready addresses (a gossip ring)',
      code: DEPLOYMENT + GOSSIP_RING,
    },
    {
      name: 'preStop directly under the container is k8s/misplaced-field, not this rule',
      code: DEPLOYMENT.replace('        ports:', '        preStop:\n          sleep: {seconds: 10}\n        ports:') + SERVICE,
    },
  ],
  invalid: [
    {
      name: 'a Service with a metrics port and a traffic port',
      code: DEPLOYMENT + SERVICE.replace('  - port: 80\n', '  - name: metrics\n    port: 9090\n  - name: http\n    port: 80\n'),
      errors: [{ line: 13, message: /behind Service "web"/ }],
      output:
        DEPLOYMENT.replace(
          '        - containerPort: 8080\n',
          '        - containerPort: 8080\n        lifecycle:\n          preStop:\n            sleep:\n              seconds: 15\n',
        ) + SERVICE.replace('  - port: 80\n', '  - name: metrics\n    port: 9090\n  - name: http\n    port: 80\n'),
    },
    {
      name: 'selected by a Service: only the container with ports; sleep action on 1.32',
      code: DEPLOYMENT + SERVICE,
      errors: [
        {
          line: 13,
          severity: 'info',
          message: 'The container "app" is behind Service "web" but has no preStop hook: requests in flight fail while it shuts down.',
        },
      ],
      output:
        DEPLOYMENT.replace(
          '        - containerPort: 8080\n',
          '        - containerPort: 8080\n        lifecycle:\n          preStop:\n            sleep:\n              seconds: 15\n',
        ) + SERVICE,
    },
    {
      // A terminating pod's endpoint turns not ready: DNS drops it while the container gets SIGTERM, as for any Service.
      name: 'a headless Service without publishNotReadyAddresses still takes the pod out at termination',
      code: DEPLOYMENT + SERVICE.replace('name: web\nspec:\n', 'name: web-headless\nspec:\n  clusterIP: None\n'),
      errors: [{ line: 13, message: /behind Service "web-headless"/ }],
    },
    {
      name: 'a gossip ring and a Service that balances traffic select the pods: the latter is named',
      code: DEPLOYMENT + GOSSIP_RING + SERVICE,
      errors: [{ line: 13, message: /behind Service "web" but/ }],
    },
    {
      name: 'publishNotReadyAddresses on a Service with a cluster IP: kube-proxy balances it, still reported',
      code: DEPLOYMENT + SERVICE.replace('name: web\nspec:\n', 'name: web\nspec:\n  publishNotReadyAddresses: true\n'),
      errors: [{ line: 13, message: /behind Service "web"/ }],
    },
    {
      name: 'Kubernetes 1.29: exec sleep; existing lifecycle gets preStop',
      settings: { kubernetesVersion: '1.29' },
      code:
        `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: web
spec:
  containers:
  - name: app
    image: app:1
    lifecycle:
      postStart:
        exec: {command: [/bin/true]}
` + SERVICE,
      errors: [{ line: 9 }],
      output:
        `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: web
spec:
  containers:
  - name: app
    image: app:1
    lifecycle:
      postStart:
        exec: {command: [/bin/true]}
      preStop:
        exec:
          command:
          - /bin/sh
          - -c
          - sleep 15
` + SERVICE,
    },
  ],
});

describe('k8s/prestop-hook across files', () => {
  it('sees a Service of another indexed file, and stops when it goes away', () => {
    const linter = new Linter();
    linter.indexFile({ path: '/w/svc.yaml', text: SERVICE });
    const ids = () => linter.lint({ path: '/w/deploy.yaml', text: DEPLOYMENT }).findings.filter((f) => f.ruleId === 'k8s/prestop-hook');
    assert.equal(ids().length, 1);
    linter.forget('/w/svc.yaml', true);
    assert.equal(ids().length, 0);
  });
});
