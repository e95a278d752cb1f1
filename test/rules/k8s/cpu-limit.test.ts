import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/cpu-limit', {
  valid: [
    {
      name: 'cpu limits everywhere, quoted or plain',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        resources:
          limits:
            cpu: "0.1"
      containers:
      - name: agent
        image: agent:1
        resources:
          limits:
            cpu: 1
`,
    },
    {
      name: 'off by default: nothing reported without opting in',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n',
      settings: { rules: { 'k8s/cpu-limit': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'limit = the cpu request, plain number kept a number',
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
            cpu: 2
            memory: 1Gi
          limits:
            memory: 1Gi  # OOM guard
`,
      errors: [{ line: 9, message: 'The container "app" has no CPU limit: a busy loop can take every core of the node from its neighbours.' }],
      fixTitles: ['Set the CPU limit to the CPU request (2)'],
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
            cpu: 2
            memory: 1Gi
          limits:
            cpu: 2
            memory: 1Gi  # OOM guard
`,
    },
    {
      name: 'no cpu request: placeholder; init container; 4-space indent; CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n          resources:\r\n              requests:\r\n                  memory: 16Mi\r\n',
      errors: [{ line: 7, message: /init container "init" has no CPU limit/ }],
      fixTitles: ['Add a placeholder CPU limit (100m) to tune'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n          resources:\r\n              requests:\r\n                  memory: 16Mi\r\n              limits:\r\n                  cpu: 100m  # placeholder: tune to measured usage\r\n',
    },
    {
      name: 'CronJob with a flush sequence',
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
          containers:
          - name: job
            image: job:2
            resources:
              requests:
                cpu: 500m
                memory: 64Mi
`,
      errors: [{ line: 12 }],
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
          containers:
          - name: job
            image: job:2
            resources:
              requests:
                cpu: 500m
                memory: 64Mi
              limits:
                cpu: 500m
`,
    },
  ],
});
