import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/request-exceeds-limit', {
  valid: [
    {
      name: 'a substituted quantity is unknown, not compared',
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      requests:\n        memory: \${MEMORY}\n      limits:\n        memory: 1Gi\n        cpu: \${CPU:-2}\n`,
    },
    {
      name: 'requests at or below limits, in different units',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests:
            cpu: 0.1
            memory: 1G
            ephemeral-storage: 500Mi
            nvidia.com/gpu: 1
          limits:
            cpu: 100m
            memory: 1Gi
            ephemeral-storage: "1e9"
            nvidia.com/gpu: "1"
`,
    },
    {
      name: "only one side set, or a value that is not a quantity (not this rule's business)",
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
        cpu: 2
        memory: lots
      limits:
        memory: 1Gi
`,
    },
  ],
  invalid: [
    {
      name: 'cpu and memory over their limits; reported on the request values',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests:
            cpu: "2"
            memory: 1Gi  # measured
          limits:
            cpu: 1500m
            memory: 1000Mi
`,
      errors: [
        { line: 13, column: 18, severity: 'error', message: 'The container "app" requests more cpu (2) than its limit (1500m): the API server rejects it.' },
        { line: 14, column: 21, message: 'The container "app" requests more memory (1Gi) than its limit (1000Mi): the API server rejects it.' },
      ],
    },
    {
      name: 'ephemeral storage and an extended resource, decimal exponent; init container',
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
        ephemeral-storage: 2e9
        example.com/dongle: 2
      limits:
        ephemeral-storage: 1Gi
        example.com/dongle: 1
  containers:
  - name: app
    image: app:1
`,
      errors: [
        { line: 11, message: /init container "init" requests more ephemeral-storage \(2e9\) than its limit \(1Gi\)/ },
        { line: 12, message: /more example\.com\/dongle \(2\)/ },
      ],
    },
    {
      name: 'CronJob, 4-space indent, CRLF',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n    name: nightly\r\nspec:\r\n    schedule: "0 3 * * *"\r\n    jobTemplate:\r\n        spec:\r\n            template:\r\n                spec:\r\n                    containers:\r\n                        - name: job\r\n                          image: job:2\r\n                          resources:\r\n                              requests: {memory: 2Gi}\r\n                              limits: {memory: 1Gi}\r\n',
      errors: [{ line: 15, column: 50 }],
    },
  ],
});
