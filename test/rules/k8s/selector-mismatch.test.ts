import { ruleTester } from '../../harness/ruleTester';

const deployment = (podSpecHead: string, selector = '      app: web\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
${selector}  template:
    metadata:
      labels:
        app: web
        version: v3
    spec:
${podSpecHead}      containers:
      - name: app
        image: web:1.0
`;

ruleTester('k8s/selector-mismatch', {
  valid: [
    {
      name: 'seed 002: affinity and anti-affinity by matchExpressions on app and version',
      code: deployment(`      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - web
              - key: version
                operator: In
                values:
                - v3
            topologyKey: kubernetes.io/hostname
`),
    },
    {
      name: 'affinity to another application is legitimate',
      code: deployment(`      affinity:
        podAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            podAffinityTerm:
              labelSelector:
                matchLabels:
                  app: redis
              topologyKey: kubernetes.io/hostname
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: batch}
            topologyKey: kubernetes.io/hostname
`),
    },
    {
      name: 'a term for pods of other namespaces',
      code: deployment(`      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: web, version: v2}
            namespaces: [legacy]
            topologyKey: kubernetes.io/hostname
`),
    },
    {
      name: 'spread constraint selecting a subset of the labels',
      code: deployment(
        '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: web\n',
      ),
    },
    {
      name: 'templated selector',
      code: deployment(
        '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: "{{ .Values.name }}"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'seeds 000/001: spread constraint with a selector copied from another app',
      code: deployment(`      topologySpreadConstraints:
      - maxSkew: 2
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:  # spread web pods
          matchLabels:
            app.kubernetes.io/name: my-app
`),
      errors: [
        {
          line: 22,
          message: /topologySpreadConstraints\[0\] requires app.kubernetes.io\/name=my-app, which the pod's own labels \(app=web,version=v3\) do not meet/,
        },
      ],
      // The Deployment's selector (app=web), not every pod label: version: v3 would leave the v2 pods of the next
      // rolling update out of the count, and go stale with the next version.
      output: deployment(`      topologySpreadConstraints:
      - maxSkew: 2
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
        # spread web pods
`),
    },
    {
      name: 'anti-affinity required term with a stale version, flush sequences, comment inside kept',
      code: deployment(
        `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - {key: app, operator: In, values: [web]}
              # the previous release
              - key: version
                operator: In
                values: [v2]
            topologyKey: kubernetes.io/hostname
`,
        '      app: web\n      version: v3\n',
      ),
      errors: [{ line: 26, message: /podAntiAffinity required term 1 requires version In \(v2\)/ }],
      output: deployment(
        `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: web
                version: v3
            # the previous release
            topologyKey: kubernetes.io/hostname
`,
        '      app: web\n      version: v3\n',
      ),
    },
    {
      name: 'a bare Pod has no spec.selector: the term selects its labels',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: front\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: api\n  containers:\n  - name: app\n    image: web:1.0\n',
      errors: [{ line: 15 }],
      fixTitles: ["Select the workload's own pods"],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: front\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: web\n        tier: front\n  containers:\n  - name: app\n    image: web:1.0\n',
    },
    {
      name: 'the Deployment selector does not match its template: reported, no fix',
      code: deployment('', '      app: website\n'),
      errors: [
        { line: 9, message: /spec.selector of Deployment "web" requires app=website, which its pod template labels \(app=web,version=v3\) do not meet/ },
      ],
      // spec.selector is immutable once created, and relabelling the pods is the author's decision.
      fixTitles: [],
    },
  ],
});

const unlabelled = (template: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
${template}    spec:
      containers:
      - name: app
        image: app:1
`;

ruleTester('k8s/selector-mismatch', {
  valid: [{ name: 'labels present and matching', code: unlabelled('    metadata:\n      labels:\n        app: web\n') }],
  invalid: [
    {
      name: 'a selector and a template without labels (the API server rejects it)',
      code: unlabelled(''),
      errors: [
        {
          line: 6,
          message:
            'Deployment "web" has a spec.selector but its pod template has no labels: the API server rejects it ("selector does not match template labels").',
        },
      ],
    },
    {
      name: 'template metadata without labels',
      code: unlabelled('    metadata:\n      annotations:\n        a: b\n'),
      errors: [{ line: 6, message: /has no labels/ }],
    },
    {
      name: 'empty labels',
      code: unlabelled('    metadata:\n      labels: {}\n'),
      errors: [{ line: 8, message: /requires app=web, which its pod template labels \(none\) do not meet/ }],
    },
  ],
});

const job = (specHead: string, labels = '        app: api\n') => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
${specHead}  template:
    metadata:
      labels:
${labels}    spec:
      restartPolicy: Never
      containers:
      - name: app
        image: app:1
`;

const cronJob = (jobSpecHead: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
${jobSpecHead}      template:
        metadata:
          labels:
            app: api
        spec:
          restartPolicy: OnFailure
          containers:
          - name: app
            image: app:1
`;

ruleTester('k8s/selector-mismatch', {
  valid: [
    { name: 'a Job without a selector: the API server generates it', code: job('') },
    {
      name: 'a Job with manualSelector: true whose selector matches its template labels',
      code: job('  manualSelector: true\n  selector:\n    matchLabels:\n      app: api\n'),
    },
    {
      name: 'a Job read back from the cluster: its selector holds only the generated labels',
      code: job(
        '  selector:\n    matchLabels:\n      batch.kubernetes.io/controller-uid: 0f1e\n',
        '        app: api\n        batch.kubernetes.io/controller-uid: 0f1e\n',
      ),
    },
    { name: 'a Job whose manualSelector is templated', code: job('  manualSelector: {{ .Values.manual }}\n  selector:\n    matchLabels:\n      app: api\n') },
    { name: 'a CronJob without a selector', code: cronJob('') },
    { name: 'a CronJob whose selector is templated', code: cronJob('      selector: {{ toYaml .Values.selector }}\n') },
  ],
  invalid: [
    {
      name: 'a Job with manualSelector: true whose selector does not match its template labels (the API server rejects it)',
      code: job('  manualSelector: true\n  selector:\n    matchLabels:\n      app: api\n      tier: backend\n'),
      errors: [
        {
          line: 10,
          column: 13,
          severity: 'error',
          message: /^spec\.selector of Job "migrate" requires tier=backend, which its pod template labels \(app=api\) do not meet/,
        },
      ],
    },
    {
      name: "a Job's selector without manualSelector: true, though it matches (the API server rejects it: not auto-generated)",
      code: job('  selector:\n    matchLabels:\n      app: api\n'),
      errors: [
        {
          line: 6,
          column: 3,
          severity: 'error',
          message:
            /^Job "migrate" sets spec\.selector without manualSelector: true: .*"`selector` not auto-generated"\)\. Remove it, or set manualSelector: true\.$/,
        },
      ],
    },
    {
      name: "Kubescape's Job: no manualSelector, and a selector its template labels do not meet",
      code: job('  selector:\n    matchLabels:\n      app: api\n      tier: backend\n', '        app: api\n        tier: frontend\n'),
      errors: [
        {
          line: 9,
          column: 13,
          message: /not auto-generated"\); it also requires tier=backend, which its pod template labels \(app=api,tier=frontend\) do not meet\.$/,
        },
      ],
    },
    {
      name: "a CronJob's jobTemplate selector, even a matching one (the API server rejects it: it generates each Job's)",
      code: cronJob('      selector:\n        matchLabels:\n          app: api\n'),
      errors: [
        {
          line: 9,
          column: 7,
          severity: 'error',
          message: /^CronJob "report" sets jobTemplate\.spec\.selector: the API server rejects it \("`selector` will be auto-generated"\)/,
        },
      ],
      suggestion: { title: 'Remove jobTemplate.spec.selector (the API server generates it)', output: cronJob('') },
    },
  ],
});
