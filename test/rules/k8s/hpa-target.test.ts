import { ruleTester } from '../../harness/ruleTester';

const workload = (kind: string, name: string, ns = 'prod') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: app:1
---
`;

const hpa = (kind: string, name: string, ns = 'prod') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${name}
  minReplicas: 2
  maxReplicas: 5
`;

/** An HPA named `name` that scales Deployment `target` (podinfo's frontend HPA still naming backend). */
const scaler = (name: string, target: string) => hpa('Deployment', target).replace(`  name: ${target}\n  namespace`, `  name: ${name}\n  namespace`);
const keda = (target: string) => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${target}-queue
  namespace: prod
spec:
  scaleTargetRef:
    name: ${target}
  triggers:
  - type: cpu
    metadata: {value: "60"}
`;

ruleTester('k8s/hpa-target', {
  valid: [
    { name: 'targets a Deployment of the same file', code: workload('Deployment', 'web') + hpa('Deployment', 'web') },
    { name: 'targets a StatefulSet', code: workload('StatefulSet', 'db') + hpa('StatefulSet', 'db') },
    { name: 'no workload of the namespace in the workspace: target managed elsewhere', code: hpa('Deployment', 'web') },
    { name: 'templated target', code: workload('Deployment', 'web') + hpa('Deployment', '"{{ .Values.name }}"') },
    {
      name: 'a Deployment whose name cannot be read may be the target',
      code: workload('Deployment', '"{{ .Values.app }}-web"') + hpa('Deployment', 'shop-web'),
    },
    {
      name: 'the same HPA in two example folders side by side is not two HPAs on one workload',
      path: '/w/examples/a/rendered/all.yaml',
      code: workload('Deployment', 'web') + scaler('web-cpu', 'web'),
      files: { '/w/examples/b/rendered/all.yaml': workload('Deployment', 'web') + scaler('web-memory', 'web') },
    },
  ],
  invalid: [
    {
      name: 'renamed Deployment (my-app-v2 -> my-app-v3)',
      code: workload('Deployment', 'my-app-v3') + hpa('Deployment', 'my-app-v2'),
      errors: [{ line: 26, message: /targets Deployment "my-app-v2", which is not in namespace "prod"/ }],
    },
    {
      name: 'wrong kind',
      code: workload('StatefulSet', 'db') + hpa('Deployment', 'db'),
      errors: [{ line: 26, message: /there is a StatefulSet of that name/ }],
    },
    {
      name: 'another namespace',
      code: workload('Deployment', 'web', 'prod') + workload('Deployment', 'api', 'staging') + hpa('Deployment', 'web', 'staging'),
      errors: [{ line: 42, message: /not in namespace "staging"/ }],
    },
    {
      name: "two HPAs on one Deployment (a copied HPA still naming the other's target): the controller stops both",
      path: '/w/deploy/webapp/frontend/hpa.yaml',
      code: scaler('frontend', 'backend'),
      files: {
        '/w/deploy/webapp/backend/all.yaml': workload('Deployment', 'backend') + scaler('backend', 'backend'),
        '/w/deploy/webapp/frontend/deployment.yaml': workload('Deployment', 'frontend'),
      },
      errors: [
        {
          line: 10,
          message:
            'HorizontalPodAutoscaler "frontend" targets Deployment "backend", which HorizontalPodAutoscaler "backend" scales too: the controller stops both (AmbiguousSelector).',
        },
      ],
    },
    {
      name: 'an HPA beside a KEDA ScaledObject on the same Deployment; before 1.26 they fight over the replica count',
      code: workload('Deployment', 'worker') + hpa('Deployment', 'worker') + '---\n' + keda('worker'),
      settings: { kubernetesVersion: '1.25' },
      errors: [{ line: 26, message: /which ScaledObject "worker-queue" scales too: they overwrite each other’s replica count\.$/ }],
    },
  ],
});
