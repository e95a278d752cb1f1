import { ruleTester } from '../../harness/ruleTester';

// A PDB and spread constraints, so that raising replicas introduces no k8s/pdb-missing or k8s/topology-spread.
const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`;

const deployment = (specHead: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${specHead}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
      containers:
      - name: app
        image: web:1.0
`;

ruleTester('k8s/replicas', {
  valid: [
    { name: 'three replicas', code: deployment('  replicas: 3\n') + PDB },
    {
      name: 'an HPA in the same file scales it (judged by k8s/hpa-min-replicas instead)',
      code: `${deployment('')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
`,
    },
    { name: 'explicitly scaled to zero', code: deployment('  replicas: 0\n') },
    { name: 'templated replicas', code: deployment('  replicas: {{ .Values.replicas }}\n') },
    { name: 'DaemonSet has no replicas', code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n' },
    { name: 'Job is exempt', code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n' },
  ],
  invalid: [
    {
      name: 'replicas absent: fix adds replicas: 3 at the top of spec',
      code: deployment('') + PDB,
      errors: [{ line: 4, message: /runs a single pod/ }],
      output: deployment('  replicas: 3\n') + PDB,
    },
    {
      name: 'replicas: 1 with a comment is replaced in place',
      code: deployment('  replicas: 1  # dev sizing\n') + PDB,
      errors: [{ line: 6, message: /only 1 replica/ }],
      output: deployment('  replicas: 3  # dev sizing\n') + PDB,
    },
    {
      name: 'HPA targeting another workload does not count; StatefulSet, 4-space indent, CRLF',
      code:
        'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: db\r\nspec:\r\n    serviceName: db\r\n    template:\r\n        spec:\r\n            affinity:\r\n                podAntiAffinity:\r\n                    preferredDuringSchedulingIgnoredDuringExecution: []\r\n            containers:\r\n            -   name: db\r\n                image: db:1\r\n' +
        '---\r\napiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n    name: other\r\nspec:\r\n    scaleTargetRef:\r\n        kind: StatefulSet\r\n        name: other\r\n    minReplicas: 2\r\n    maxReplicas: 3\r\n',
      errors: [{ line: 4 }],
      output:
        'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: db\r\nspec:\r\n    replicas: 3\r\n    serviceName: db\r\n    template:\r\n        spec:\r\n            affinity:\r\n                podAntiAffinity:\r\n                    preferredDuringSchedulingIgnoredDuringExecution: []\r\n            containers:\r\n            -   name: db\r\n                image: db:1\r\n' +
        '---\r\napiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n    name: other\r\nspec:\r\n    scaleTargetRef:\r\n        kind: StatefulSet\r\n        name: other\r\n    minReplicas: 2\r\n    maxReplicas: 3\r\n',
    },
  ],
});
