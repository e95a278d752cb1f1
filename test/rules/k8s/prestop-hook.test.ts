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
