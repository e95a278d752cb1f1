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

ruleTester('k8s/hpa-target', {
  valid: [
    { name: 'targets a Deployment of the same file', code: workload('Deployment', 'web') + hpa('Deployment', 'web') },
    { name: 'targets a StatefulSet', code: workload('StatefulSet', 'db') + hpa('StatefulSet', 'db') },
    { name: 'no workload of the namespace in the workspace: target managed elsewhere', code: hpa('Deployment', 'web') },
    { name: 'templated target', code: workload('Deployment', 'web') + hpa('Deployment', '"{{ .Values.name }}"') },
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
  ],
});
