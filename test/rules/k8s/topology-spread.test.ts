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
      name: 'two replicas: the node constraint allows a skew of 1 (with maxSkew: 2 both pods may share a node)',
      code: web('  replicas: 2\n'),
      errors: [{ line: 4, message: /runs 2 replicas/ }],
      output: web('  replicas: 2\n', SPREAD.replace('maxSkew: 2', 'maxSkew: 1')),
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

const versioned = (podExtra: string, selectorExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
${selectorExtra}  template:
    metadata:
      labels:
        app: web
        version: "1.2.3"
    spec:
${podExtra}      containers:
      - name: web
        image: nginx:1.27
`;

const spread = (podExtra: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podExtra}      containers:
      - name: app
        image: app:1
`;

ruleTester('k8s/topology-spread', {
  valid: [
    {
      name: 'a spread constraint on its own pods',
      code: spread(
        '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: web\n',
      ),
    },
    {
      name: 'anti-affinity listing its own namespace',
      code: spread(
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            namespaces: [shop]\n            labelSelector:\n              matchLabels:\n                app: web\n',
      ),
    },
    {
      name: 'a preferred anti-affinity term on its own pods',
      code: spread(
        '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n              labelSelector:\n                matchExpressions:\n                - {key: app, operator: In, values: [web]}\n',
      ),
    },
    {
      name: 'a namespaceSelector cannot be judged: trusted',
      code: spread(
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            namespaceSelector: {}\n            labelSelector:\n              matchLabels:\n                app: web\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'anti-affinity against another app (keeps away from the database) does not spread this one',
      code: spread(
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            labelSelector:\n              matchLabels:\n                app: db\n',
      ),
      errors: [
        {
          line: 4,
          message:
            'Deployment "web" runs 3 replicas, but its topologySpreadConstraints and podAntiAffinity select other pods (or another namespace): nothing spreads its own replicas over nodes or zones.',
        },
      ],
    },
    {
      name: 'anti-affinity limited to another namespace',
      code: spread(
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            namespaces: [other]\n            labelSelector:\n              matchLabels:\n                app: web\n',
      ),
      errors: [{ line: 4, message: /select other pods \(or another namespace\)/ }],
    },
    {
      name: 'a spread constraint without a labelSelector counts no pods',
      code: spread(
        '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n',
      ),
      errors: [{ line: 4 }],
    },
    {
      // tekton config/webhook.yaml, kube-prometheus: the pods carry a version that spec.selector leaves out, so that the
      // previous pods of a rolling update stay counted.
      name: "a version label on the pods but not in spec.selector: the constraints select with the Deployment's selector",
      code: versioned(''),
      errors: [{ line: 4 }],
      output: versioned(
        '      topologySpreadConstraints:\n' +
          '      - maxSkew: 2\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: web\n' +
          '      - maxSkew: 3\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n',
      ),
    },
    {
      name: 'a selector with matchExpressions is copied whole (a labelSelector takes them too)',
      code: versioned('', '    matchExpressions:\n    - {key: track, operator: NotIn, values: [canary]}\n'),
      errors: [{ line: 4 }],
      output: versioned(
        '      topologySpreadConstraints:\n' +
          '      - maxSkew: 2\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: web\n          matchExpressions:\n          - key: track\n            operator: NotIn\n            values:\n            - canary\n' +
          '      - maxSkew: 3\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n          matchExpressions:\n          - key: track\n            operator: NotIn\n            values:\n            - canary\n',
        '    matchExpressions:\n    - {key: track, operator: NotIn, values: [canary]}\n',
      ),
    },
    {
      name: 'a templated spec.selector: which pods it selects is unknown, so no fix',
      code: versioned('').replace('      app: web\n  template', '      app: "{{ .Values.app }}"\n  template'),
      errors: [{ line: 4, message: /without topologySpreadConstraints or podAntiAffinity/ }],
      fixTitles: [],
    },
  ],
});
