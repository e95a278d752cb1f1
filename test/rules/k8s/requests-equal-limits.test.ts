import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/requests-equal-limits', {
  valid: [
    {
      name: 'equal quantities written differently (1 = 1000m, 1Gi = 1024Mi, quoted or not)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: core
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests:
            cpu: 1
            memory: "1Gi"
          limits:
            cpu: 1000m
            memory: 1024Mi
`,
    },
    {
      name: 'limits alone: the requests default to them (Guaranteed)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      limits:\n        cpu: 500m\n        memory: 128Mi\n',
    },
    {
      name: "nothing set: not this rule's business (see k8s/resource-requests); other resources are not compared",
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      requests:\n        ephemeral-storage: 1Gi\n',
    },
  ],
  invalid: [
    {
      name: 'the seed 003 example (Burstable): limits set to the requests, quoting kept',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: resource-demo
spec:
  containers:
  - name: demo-container
    image: nginx
    resources:
      requests:
        memory: "64Mi"
        cpu: "250m"
      limits:
        memory: "128Mi"  # room to burst
        cpu: "500m"
`,
      errors: [
        {
          line: 7,
          message:
            'The container "demo-container" has requests different from its limits (cpu request 250m ≠ limit 500m, memory request 64Mi ≠ limit 128Mi): it does not get Guaranteed QoS.',
        },
      ],
      fixTitles: ['Set the cpu and memory limits to the requests'],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: resource-demo
spec:
  containers:
  - name: demo-container
    image: nginx
    resources:
      requests:
        memory: "64Mi"
        cpu: "250m"
      limits:
        memory: "64Mi"  # room to burst
        cpu: "250m"
`,
    },
    {
      name: 'a request without a limit: limits created; init container; 4-space indent; CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n          resources:\r\n              requests:\r\n                  cpu: 100m\r\n                  memory: 32Mi\r\n',
      errors: [
        {
          line: 7,
          message: /init container "init" has requests different from its limits \(cpu request 100m has no limit, memory request 32Mi has no limit\)/,
        },
      ],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n          resources:\r\n              requests:\r\n                  cpu: 100m\r\n                  memory: 32Mi\r\n              limits:\r\n                  cpu: 100m\r\n                  memory: 32Mi\r\n',
    },
    {
      name: 'CronJob: one differing resource, a missing cpu limit added above memory',
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
                cpu: 0.5
                memory: 1Gi
              limits:
                # hard cap
                memory: 1Gi
`,
      errors: [{ line: 12, message: /\(cpu request 0\.5 has no limit\)/ }],
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
                cpu: 0.5
                memory: 1Gi
              limits:
                cpu: 0.5
                # hard cap
                memory: 1Gi
`,
    },
  ],
});
