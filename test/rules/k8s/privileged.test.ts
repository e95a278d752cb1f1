import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/privileged', {
  valid: [
    {
      name: 'not set, or set to false',
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
        securityContext:
          privileged: false
      containers:
      - name: app
        image: nginx:1.25
`,
    },
    {
      name: 'pod-level privileged does not exist in Kubernetes and is not read',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    privileged: true
  containers:
  - name: app
    image: app:1
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  privileged: "true"\n' },
  ],
  invalid: [
    {
      name: 'privileged: true is flipped in place; comment kept',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:1
        securityContext:
          privileged: true  # needs /dev access
          readOnlyRootFilesystem: true
`,
      errors: [{ line: 12, column: 23, severity: 'error', message: 'The container "agent" is privileged: it has full access to the node.' }],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:1
        securityContext:
          privileged: false  # needs /dev access
          readOnlyRootFilesystem: true
`,
    },
    {
      name: 'YAML 1.1 yes, flow maps, init container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - {name: init, image: "busybox:1.36", securityContext: {privileged: yes}}\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {privileged: True}\n',
      errors: [
        { line: 7, message: /init container "init"/ },
        { line: 11, message: /container "app"/ },
      ],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - {name: init, image: "busybox:1.36", securityContext: {privileged: false}}\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {privileged: false}\n',
    },
    {
      name: 'Windows pods are not exempt; 4-space indentation; CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    os:\r\n        name: windows\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n          securityContext:\r\n              privileged: true\r\n',
      errors: [{ line: 12 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    os:\r\n        name: windows\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n          securityContext:\r\n              privileged: false\r\n',
    },
    {
      name: 'CronJob and Job pod templates',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            image: job:1
            securityContext:
              privileged: true
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      containers:
      - name: job
        image: job:1
        securityContext:
          privileged: true
`,
      errors: [{ line: 15 }, { line: 28 }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            image: job:1
            securityContext:
              privileged: false
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      containers:
      - name: job
        image: job:1
        securityContext:
          privileged: false
`,
    },
  ],
});

// Pod Security admission visits ephemeral containers too (pod-security-admission policy/visitor.go).
ruleTester('k8s/privileged', {
  valid: [],
  invalid: [
    {
      name: 'a privileged ephemeral (debug) container in a dump of a live pod',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
  ephemeralContainers:
  - name: debugger
    image: busybox:1.36
    securityContext:
      privileged: true
`,
      errors: [{ line: 13, message: /The ephemeral container "debugger" is privileged/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
  ephemeralContainers:
  - name: debugger
    image: busybox:1.36
    securityContext:
      privileged: false
`,
    },
  ],
});
