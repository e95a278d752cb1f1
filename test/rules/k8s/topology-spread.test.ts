import { ruleTester } from '../../harness/ruleTester';

const web = (replicas: string, podSpecHead = '') => `apiVersion: apps/v1
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
${podSpecHead}      # the app
      containers:
      - name: app
        image: web:1.0
`;

const SPREAD = `      topologySpreadConstraints:
      - maxSkew: 2
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
      - maxSkew: 3
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app: web
`;

ruleTester('k8s/topology-spread', {
  valid: [
    { name: 'already spread', code: web('  replicas: 3\n', SPREAD) },
    {
      name: 'pod anti-affinity (seed 002 style)',
      code: web(
        '  replicas: 3\n',
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels:\n                app: web\n            topologyKey: kubernetes.io/hostname\n',
      ),
    },
    { name: 'single replica', code: web('  replicas: 1\n') },
    { name: 'replicas absent', code: web('') },
    { name: 'DaemonSet runs one pod per node anyway', code: web('').replace('kind: Deployment', 'kind: DaemonSet') },
  ],
  invalid: [
    {
      name: 'three replicas: adds both constraints of the seeds above containers, keeping the comment',
      code: web('  replicas: 3\n'),
      errors: [{ line: 4, message: /runs 3 replicas without topologySpreadConstraints or podAntiAffinity/ }],
      output: web('  replicas: 3\n', SPREAD),
    },
    {
      name: 'HPA-managed, indented sequences and 4-space indentation',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                - name: db
                  image: db:1
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
    name: db
spec:
    scaleTargetRef:
        kind: StatefulSet
        name: db
    minReplicas: 2
    maxReplicas: 4
`,
      errors: [{ line: 4, message: /scaled by HorizontalPodAutoscaler "db"/ }],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    template:
        metadata:
            labels:
                app: db
        spec:
            topologySpreadConstraints:
                - maxSkew: 2
                  topologyKey: kubernetes.io/hostname
                  whenUnsatisfiable: DoNotSchedule
                  labelSelector:
                      matchLabels:
                          app: db
                - maxSkew: 3
                  topologyKey: topology.kubernetes.io/zone
                  whenUnsatisfiable: ScheduleAnyway
                  labelSelector:
                      matchLabels:
                          app: db
            containers:
                - name: db
                  image: db:1
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
    name: db
spec:
    scaleTargetRef:
        kind: StatefulSet
        name: db
    minReplicas: 2
    maxReplicas: 4
`,
    },
  ],
});
