import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/host-namespaces', {
  valid: [
    {
      name: 'absent or false',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostNetwork: false
      hostPID: no
      containers:
      - name: app
        image: nginx:1.25
`,
    },
    {
      name: 'host namespaces outside a pod spec are not pod settings',
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  hostNetwork: "true"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    hostNetwork: "true"
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env:
        - name: hostPID
          value: "true"
`,
    },
    {
      name: 'templated value',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: {{ .Values.hostNetwork }}
  containers:
  - name: app
    image: app:1
`,
    },
  ],
  invalid: [
    {
      name: 'hostNetwork: true is removed; its trailing comment stays on its own line',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostNetwork: true  # scrape node metrics
      dnsPolicy: ClusterFirstWithHostNet
      containers:
      - name: agent
        image: agent:1
`,
      errors: [{ line: 8, column: 20, severity: 'error', message: "hostNetwork: true shares the node's network namespace with the pod." }],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      # scrape node metrics
      dnsPolicy: ClusterFirstWithHostNet
      containers:
      - name: agent
        image: agent:1
`,
    },
    {
      name: 'all three on a Pod, YAML 1.1 booleans, the last key of the spec',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
  hostPID: true
  hostIPC: yes
  hostNetwork: True
`,
      errors: [
        { line: 9, message: /hostPID: true shares the node's process namespace/ },
        { line: 10, message: /hostIPC: true shares the node's IPC namespace/ },
        { line: 11, message: /hostNetwork: true shares the node's network namespace/ },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
`,
    },
    {
      name: 'flow-style pod spec',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, containers: [{name: app, image: "app:1"}], hostIPC: true}\n',
      errors: [{ line: 4, column: 17 }, { line: 4 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: app, image: "app:1"}]}\n',
    },
    {
      name: 'CronJob, 4-space indentation, CRLF',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n    name: c\r\nspec:\r\n    schedule: "@daily"\r\n    jobTemplate:\r\n        spec:\r\n            template:\r\n                spec:\r\n                    hostNetwork: true\r\n                    containers:\r\n                        - name: job\r\n                          image: job:1\r\n',
      errors: [{ line: 11 }],
      output:
        'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n    name: c\r\nspec:\r\n    schedule: "@daily"\r\n    jobTemplate:\r\n        spec:\r\n            template:\r\n                spec:\r\n                    containers:\r\n                        - name: job\r\n                          image: job:1\r\n',
    },
  ],
});
