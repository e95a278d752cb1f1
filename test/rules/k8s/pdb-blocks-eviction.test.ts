import { ruleTester } from '../../harness/ruleTester';

const web = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${replicas}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: web:1.0
---
`;

const pdb = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  ${budget}
  selector:
    matchLabels:
      app: web
`;

const hpa = (min: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  maxReplicas: 50
  minReplicas: ${min}
`;

ruleTester('k8s/pdb-blocks-eviction', {
  valid: [
    { name: 'minAvailable 75% of 4 rounds up to 3: 1 disruption allowed', code: web('  replicas: 4\n') + pdb('minAvailable: 75%') },
    { name: 'minAvailable 50% of 3 rounds up to 2: 1 allowed', code: web('  replicas: 3\n') + pdb('minAvailable: 50%') },
    { name: 'maxUnavailable 25% of 2 rounds up to 1', code: web('  replicas: 2\n') + pdb('maxUnavailable: 25%') },
    { name: 'minAvailable 1 of 2', code: web('  replicas: 2\n') + pdb('minAvailable: 1') },
    { name: 'HPA floor 4 is what counts (spec.replicas 1 is overridden)', code: web('  replicas: 1\n') + pdb('minAvailable: 75%') + hpa(4) },
    { name: 'no workload to compare with: k8s/pdb-selector territory', code: pdb('minAvailable: 2') },
    { name: 'replica count unknown (template)', code: web('  replicas: "{{ .Values.replicas }}"\n') + pdb('minAvailable: 2') },
    { name: 'both fields set is an API error, not this rule', code: web('  replicas: 3\n') + pdb('minAvailable: 3\n  maxUnavailable: 0') },
  ],
  invalid: [
    {
      name: 'maxUnavailable: 0 blocks whatever the replicas',
      code: pdb('maxUnavailable: 0  # never disrupt'),
      errors: [{ line: 6, message: /allows no voluntary disruption \(maxUnavailable: 0\)/ }],
      output: pdb('maxUnavailable: 1  # never disrupt'),
    },
    {
      name: 'maxUnavailable: "0%"',
      code: pdb('maxUnavailable: "0%"'),
      errors: [{ line: 6 }],
      output: pdb('maxUnavailable: 1'),
    },
    {
      name: 'minAvailable: 100%',
      code: web('  replicas: 5\n') + pdb('minAvailable: 100%'),
      errors: [{ line: 24 }],
      output: web('  replicas: 5\n') + pdb('maxUnavailable: 1'),
    },
    {
      name: 'seed 002 rounding trap: minAvailable 75% of 2 rounds up to 2 (ceil 1.5)',
      code: web('  replicas: 2\n') + pdb('minAvailable: 75%'),
      errors: [{ line: 24, message: /minAvailable 75% of 2 rounds up to 2 \(ceil of 75 × 2 \/ 100 = 1.5\)/ }],
      output: web('  replicas: 2\n') + pdb('maxUnavailable: 1'),
    },
    {
      name: 'seed 002 demo numbers: 75% of the HPA floor 3 rounds up to 3 (ceil 2.25), as the disruption controller computes it',
      code: web('  replicas: 3\n') + pdb('minAvailable: 75%') + hpa(3),
      errors: [{ line: 24, message: /75% of 3 rounds up to 3 .*HPA minReplicas 3/ }],
      output: web('  replicas: 3\n') + pdb('maxUnavailable: 1') + hpa(3),
    },
    {
      name: 'integer minAvailable equal to the replicas',
      code: web('  replicas: 3\n') + pdb('minAvailable: 3'),
      errors: [{ line: 24, message: /minAvailable 3 of 3/ }],
      output: web('  replicas: 3\n') + pdb('maxUnavailable: 1'),
    },
    {
      name: 'replicas absent = 1, minAvailable 1',
      code: web('') + pdb('minAvailable: 1'),
      errors: [{ line: 23, message: /1 replica \(replicas absent\)/ }],
      output: web('') + pdb('maxUnavailable: 1'),
    },
  ],
});
