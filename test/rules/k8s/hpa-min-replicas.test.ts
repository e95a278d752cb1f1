import { ruleTester } from '../../harness/ruleTester';

const hpa = (limits: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
${limits}  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
`;

ruleTester('k8s/hpa-min-replicas', {
  valid: [
    { name: 'seed 002: minReplicas 3', code: hpa('  maxReplicas: 50\n  minReplicas: 3\n') },
    { name: 'minReplicas 2', code: hpa('  minReplicas: 2\n  maxReplicas: 5\n') },
    { name: 'templated', code: hpa('  minReplicas: "{{ .Values.min }}"\n  maxReplicas: 5\n') },
  ],
  invalid: [
    {
      name: 'minReplicas absent: added before maxReplicas',
      code: hpa('  # scale on CPU\n  maxReplicas: 10\n'),
      errors: [{ line: 4, message: /minReplicas absent, default 1/ }],
      output: hpa('  minReplicas: 2\n  # scale on CPU\n  maxReplicas: 10\n'),
    },
    {
      name: 'minReplicas: 1 replaced in place',
      code: hpa('  maxReplicas: 10\n  minReplicas: 1  # cheap at night\n'),
      errors: [{ line: 11, message: /may scale down to 1 pod \(minReplicas: 1\)/ }],
      output: hpa('  maxReplicas: 10\n  minReplicas: 2  # cheap at night\n'),
    },
    {
      name: 'maxReplicas 1: reported without a fix (minReplicas may not exceed maxReplicas)',
      code: hpa('  minReplicas: 1\n  maxReplicas: 1\n'),
      errors: [{ line: 10 }],
    },
  ],
});
