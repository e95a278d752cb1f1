import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const workload = (kind: string, name: string, replicas: string | undefined, ns = 'prod') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: app:1
`;

const hpa = (kind: string, name: string, ns = 'prod') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}-hpa
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${name}
  minReplicas: 2
  maxReplicas: 10
`;

const scaledObject = (name: string, targetRef: string, annotations = '') => `---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${name}
  namespace: prod
${annotations}spec:
  scaleTargetRef:
${targetRef}  minReplicaCount: 0
  maxReplicaCount: 20
  triggers:
  - type: cpu
    metricMetadata: {}
`;

ruleTester('k8s/replicas-with-hpa', {
  valid: [
    {
      name: "examples side by side, each a copy of the Deployment: another example's HPA scales nothing here",
      path: '/work/examples/deployment-only/rendered/deployment.yaml',
      code: workload('Deployment', 'collector', '3'),
      files: {
        '/work/examples/custom-metrics-hpa/rendered/deployment.yaml': workload('Deployment', 'collector', undefined),
        '/work/examples/custom-metrics-hpa/rendered/hpa.yaml': hpa('Deployment', 'collector'),
      },
    },
    { name: 'autoscaled Deployment without replicas', code: workload('Deployment', 'web', undefined) + hpa('Deployment', 'web') },
    { name: 'replicas and no HPA', code: workload('Deployment', 'web', '3') },
    { name: 'the HPA targets another Deployment', code: workload('Deployment', 'web', '3') + hpa('Deployment', 'api') },
    { name: 'the HPA targets another kind of that name', code: workload('Deployment', 'web', '3') + hpa('StatefulSet', 'web') },
    { name: 'the HPA is in another namespace', code: workload('Deployment', 'web', '3', 'prod') + hpa('Deployment', 'web', 'staging') },
    { name: 'scaled to zero: the HPA is switched off on purpose', code: workload('Deployment', 'web', '0') + hpa('Deployment', 'web') },
    { name: 'templated replicas', code: workload('Deployment', 'web', '"{{ .Values.replicaCount }}"') + hpa('Deployment', 'web') },
    { name: 'null replicas (absent)', code: workload('Deployment', 'web', '~') + hpa('Deployment', 'web') },
    {
      name: 'KEDA ScaledObject paused (KEDA removes its HPA)',
      code: workload('Deployment', 'worker', '2') + scaledObject('worker', '    name: worker\n', '  annotations:\n    autoscaling.keda.sh/paused: "true"\n'),
    },
    {
      name: 'KEDA ScaledObject targeting a StatefulSet of that name',
      code: workload('Deployment', 'worker', '2') + scaledObject('worker', '    kind: StatefulSet\n    name: worker\n'),
    },
    {
      name: "a ScaledObject of another API group is not KEDA's",
      code: workload('Deployment', 'worker', '2') + scaledObject('worker', '    name: worker\n').replace('keda.sh/v1alpha1', 'example.com/v1'),
    },
    { name: 'a DaemonSet cannot be autoscaled', code: workload('DaemonSet', 'agent', '3') + hpa('DaemonSet', 'agent') },
  ],
  invalid: [
    {
      name: 'Deployment with replicas and an HPA in the same file',
      code: workload('Deployment', 'web', '3') + hpa('Deployment', 'web'),
      errors: [
        {
          line: 7,
          severity: 'warning',
          message:
            'Deployment "web" sets replicas: 3, but HorizontalPodAutoscaler "web-hpa" scales it: every apply of this manifest resets the pod count the HPA chose to 3.',
        },
      ],
      output: workload('Deployment', 'web', undefined) + hpa('Deployment', 'web'),
    },
    {
      name: 'StatefulSet, HPA in another file of the workspace',
      code: workload('StatefulSet', 'db', '5'),
      files: { '/work/hpa.yaml': hpa('StatefulSet', 'db') },
      errors: [{ line: 7, message: /StatefulSet "db" sets replicas: 5, but HorizontalPodAutoscaler "db-hpa" scales it/ }],
      output: workload('StatefulSet', 'db', undefined),
    },
    {
      name: 'the only copy of the Deployment: an HPA in a folder far from it still scales it',
      path: '/work/apps/web/deployment.yaml',
      code: workload('Deployment', 'web', '3'),
      files: { '/work/autoscaling/web.yaml': hpa('Deployment', 'web') },
      errors: [{ line: 7, message: /but HorizontalPodAutoscaler "web-hpa" scales it/ }],
      output: workload('Deployment', 'web', undefined),
    },
    {
      name: 'copies of the Deployment in examples side by side: the HPA of its own example counts',
      path: '/work/examples/custom-metrics-hpa/rendered/deployment.yaml',
      code: workload('Deployment', 'collector', '3'),
      files: {
        '/work/examples/deployment-only/rendered/deployment.yaml': workload('Deployment', 'collector', '3'),
        '/work/examples/custom-metrics-hpa/rendered/hpa.yaml': hpa('Deployment', 'collector'),
      },
      errors: [{ line: 7, message: /but HorizontalPodAutoscaler "collector-hpa" scales it/ }],
      output: workload('Deployment', 'collector', undefined),
    },
    {
      name: 'Argo Rollout (scale subresource)',
      code: workload('Rollout', 'canary', '2').replace('apps/v1', 'argoproj.io/v1alpha1') + hpa('Rollout', 'canary'),
      errors: [{ line: 7, message: /Rollout "canary" sets replicas: 2/ }],
      output: workload('Rollout', 'canary', undefined).replace('apps/v1', 'argoproj.io/v1alpha1') + hpa('Rollout', 'canary'),
    },
    {
      name: 'default namespace written on one side only',
      code: workload('Deployment', 'web', '1', 'default').replace('  namespace: default\n', '') + hpa('Deployment', 'web', 'default'),
      errors: [{ line: 6, message: /replicas: 1/ }],
      output: workload('Deployment', 'web', undefined, 'default').replace('  namespace: default\n', '') + hpa('Deployment', 'web', 'default'),
    },
    {
      name: 'KEDA ScaledObject (kind defaults to Deployment)',
      code: workload('Deployment', 'worker', '2') + scaledObject('worker-scaler', '    name: worker\n'),
      errors: [
        {
          line: 7,
          message:
            'Deployment "worker" sets replicas: 2, but KEDA ScaledObject "worker-scaler" scales it: every apply of this manifest resets the pod count the HPA chose to 2.',
        },
      ],
      output: workload('Deployment', 'worker', undefined) + scaledObject('worker-scaler', '    name: worker\n'),
    },
    {
      name: 'a comment on the replicas line is kept',
      code: workload('Deployment', 'web', '3 # baseline') + hpa('Deployment', 'web'),
      errors: [{ line: 7 }],
      suggestion: {
        title: 'Remove replicas (the HPA sets the pod count)',
        output: workload('Deployment', 'web', undefined).replace('spec:\n  selector', 'spec:\n  # baseline\n  selector') + hpa('Deployment', 'web'),
      },
      output: workload('Deployment', 'web', undefined).replace('spec:\n  selector', 'spec:\n  # baseline\n  selector') + hpa('Deployment', 'web'),
    },
  ],
});

describe('k8s/replicas-with-hpa across files', () => {
  it('re-lints the workload when the HPA appears, changes target and goes away', () => {
    const linter = new Linter({});
    const deployment = { path: '/work/web.yaml', text: workload('Deployment', 'web', '3') };
    const ids = () =>
      linter
        .lint(deployment)
        .findings.filter((f) => f.ruleId === 'k8s/replicas-with-hpa')
        .map((f) => f.message);
    assert.deepEqual(ids(), []);
    linter.indexFile({ path: '/work/hpa.yaml', text: hpa('Deployment', 'web') });
    assert.equal(ids().length, 1);
    linter.indexFile({ path: '/work/hpa.yaml', text: hpa('Deployment', 'api') });
    assert.deepEqual(ids(), []);
    linter.indexFile({ path: '/work/hpa.yaml', text: hpa('Deployment', 'web') });
    assert.equal(ids().length, 1);
    linter.indexFile({ path: '/work/hpa.yaml', text: '' });
    assert.deepEqual(ids(), []);
  });

  it('k8s/replicas stays silent on the same workload (no contradicting advice), under an HPA or KEDA', () => {
    const ids = (text: string) =>
      new Linter({})
        .lint({ path: '/work/web.yaml', text })
        .findings.filter((f) => f.ruleId === 'k8s/replicas' || f.ruleId === 'k8s/replicas-with-hpa')
        .map((f) => f.ruleId);
    assert.deepEqual(ids(workload('Deployment', 'web', '1') + hpa('Deployment', 'web')), ['k8s/replicas-with-hpa']);
    assert.deepEqual(ids(workload('Deployment', 'web', undefined) + hpa('Deployment', 'web')), []);
    assert.deepEqual(ids(workload('Deployment', 'web', '1') + scaledObject('web', '    name: web\n')), ['k8s/replicas-with-hpa']);
    assert.deepEqual(ids(workload('Deployment', 'web', undefined) + scaledObject('web', '    name: web\n')), []);
    // Without an autoscaler, k8s/replicas is the one that speaks.
    assert.deepEqual(ids(workload('Deployment', 'web', '1')), ['k8s/replicas']);
  });
});
