import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/memory-limit', {
  valid: [
    {
      name: 'a substituted memory limit is a limit',
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      limits:\n        memory: \${MEMORY_LIMIT}\n`,
    },
    {
      name: 'memory limit on the container and the init container',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        resources: {limits: {memory: 32Mi}}
      containers:
      - name: db
        image: postgres:16
        resources:
          limits:
            memory: "2Gi"
`,
    },
    {
      name: 'templated limits are unknown, not missing',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    resources:
      limits: {{ .Values.limits }}
`,
    },
    { name: 'a ConfigMap has no containers', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n' },
  ],
  invalid: [
    {
      name: 'limit copied from the memory request (its text), limits created below requests',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        resources:
          requests:
            cpu: 250m
            memory: "512Mi"  # measured p99
`,
      errors: [{ line: 9, column: 9, message: 'The container "app" has no memory limit: a leak can exhaust the node and get its neighbours OOM-killed.' }],
      fixTitles: ['Set the memory limit to the memory request (512Mi)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        resources:
          requests:
            cpu: 250m
            memory: "512Mi"  # measured p99
          limits:
            memory: 512Mi
`,
    },
    {
      name: 'no request: placeholder marked for tuning; existing limits map gets the entry; init container; indented sequences',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      resources:
        requests:
          cpu: 50m
  containers:
    - name: app
      image: app:1
      resources:
        limits:
          cpu: 500m  # throttle hard
`,
      errors: [{ line: 7, message: /init container "init" has no memory limit/ }, { line: 13 }],
      fixTitles: ['Add a placeholder memory limit (128Mi) to tune'],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      resources:
        requests:
          cpu: 50m
        limits:
          memory: 128Mi  # placeholder: tune to measured usage
  containers:
    - name: app
      image: app:1
      resources:
        limits:
          cpu: 500m  # throttle hard
          memory: 128Mi  # placeholder: tune to measured usage
`,
    },
    {
      name: '4-space indentation, flush sequence, CRLF, plain-number request',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    - name: app\r\n      image: app:1\r\n      resources:\r\n          requests:\r\n              memory: 1073741824\r\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    - name: app\r\n      image: app:1\r\n      resources:\r\n          requests:\r\n              memory: 1073741824\r\n          limits:\r\n              memory: 1073741824\r\n',
    },
    {
      name: 'CronJob; a null limit counts as missing',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: job:2
            resources:
              requests:
                memory: 1Gi
              limits:
                memory:
`,
      errors: [{ line: 13 }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: job:2
            resources:
              requests:
                memory: 1Gi
              limits:
                memory: 1Gi
`,
    },
    {
      name: 'a placeholder request gives a limit still marked for tuning',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    resources:
      requests:
        cpu: 100m  # placeholder: tune to measured usage
        memory: 128Mi  # placeholder: tune to measured usage
`,
      errors: [{ line: 7 }],
      fixTitles: ['Set the memory limit to the memory request (128Mi)'],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    resources:
      requests:
        cpu: 100m  # placeholder: tune to measured usage
        memory: 128Mi  # placeholder: tune to measured usage
      limits:
        memory: 128Mi  # placeholder: tune to measured usage
`,
    },
  ],
});
