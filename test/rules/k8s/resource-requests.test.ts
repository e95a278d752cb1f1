import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/resource-requests', {
  valid: [
    {
      name: 'requests for cpu and memory on every container and init container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        resources:
          requests: {cpu: 10m, memory: 16Mi}
      containers:
      - name: app
        image: nginx:1.25
        resources:
          requests:
            cpu: "250m"
            memory: 64Mi
`,
    },
    {
      name: 'limits alone: Kubernetes copies them into the requests',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    resources:
      limits:
        cpu: 500m
        memory: 128Mi
`,
    },
    {
      name: 'cpu from the request, memory from the limit',
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
        cpu: 1
      limits:
        memory: 1Gi
`,
    },
    {
      name: 'templated resources are unknown, not missing',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    resources: {{ toYaml .Values.resources }}
`,
    },
    {
      name: 'Helm: resources produced by template actions are unknown, not missing',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      containers:
      - name: app
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        {{- with .Values.resources }}
        resources:
          {{- toYaml . | nindent 10 }}
        {{- end }}
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n' },
  ],
  invalid: [
    {
      name: 'no resources at all: both placeholders, marked for tuning; comments survive',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web  # the web tier
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25  # pinned
`,
      errors: [{ line: 9, column: 9, message: 'The container "app" has no CPU and memory requests: the scheduler places it as if it needed nothing.' }],
      fixTitles: ['Add placeholder requests (cpu: 100m, memory: 128Mi) to tune'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web  # the web tier
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25  # pinned
        resources:
          requests:
            cpu: 100m  # placeholder: tune to measured usage
            memory: 128Mi  # placeholder: tune to measured usage
`,
    },
    {
      name: 'only what is missing: a cpu limit counts as a cpu request; requests go above limits and their comment',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: migrate
    image: migrate:3
    resources:
      # sized for the big tenant
      limits:
        cpu: 2
  containers:
  - name: app
    image: app:1
    resources:
      requests:
        memory: 256Mi
`,
      errors: [
        { line: 7, message: 'The init container "migrate" has no memory request: the scheduler places it as if it needed nothing.' },
        { line: 14, message: /container "app" has no CPU request:/ },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: migrate
    image: migrate:3
    resources:
      requests:
        memory: 128Mi  # placeholder: tune to measured usage
      # sized for the big tenant
      limits:
        cpu: 2
  containers:
  - name: app
    image: app:1
    resources:
      requests:
        cpu: 100m  # placeholder: tune to measured usage
        memory: 256Mi
`,
    },
    {
      name: '4-space indentation, indented sequence, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            resources:\r\n                limits:\r\n                    memory: 1Gi\r\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            resources:\r\n                requests:\r\n                    cpu: 100m  # placeholder: tune to measured usage\r\n                limits:\r\n                    memory: 1Gi\r\n',
    },
    {
      name: 'CronJob, empty requests map, null resources value on a second container',
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
                ephemeral-storage: 1Gi
          - name: sidecar
            image: proxy:1
            resources:
`,
      errors: [{ line: 13, message: /container "job" has no CPU and memory requests/ }, { line: 18 }],
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
                ephemeral-storage: 1Gi
                cpu: 100m  # placeholder: tune to measured usage
                memory: 128Mi  # placeholder: tune to measured usage
          - name: sidecar
            image: proxy:1
            resources:
              requests:
                cpu: 100m  # placeholder: tune to measured usage
                memory: 128Mi  # placeholder: tune to measured usage
`,
    },
    {
      name: 'flow-style resources get flow entries (a flow map cannot hold the comment)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources: {limits: {memory: 1Gi}}\n',
      errors: [{ line: 6 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources: {limits: {memory: 1Gi}, requests: {cpu: 100m}}\n',
    },
  ],
});
