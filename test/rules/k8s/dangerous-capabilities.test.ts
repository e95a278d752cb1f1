import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/dangerous-capabilities', {
  valid: [
    {
      name: 'seed 004: only NET_BIND_SERVICE is added back',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    spec:
      containers:
        - name: my-app
          image: my-registry/my-app:v1.0.0
          securityContext:
            capabilities:
              drop:
                - "ALL"
              add:
                - "NET_BIND_SERVICE" # Example: Only add necessary capabilities
`,
    },
    {
      name: 'dropping is fine, whatever it drops',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        drop: [SYS_ADMIN, NET_RAW]
        add: []
`,
    },
    {
      name: 'Windows pods are skipped',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add: [SYS_ADMIN]
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  add: SYS_ADMIN\n' },
  ],
  invalid: [
    {
      name: 'a privileged container has every capability: what it adds is reported without a fix',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: agent
    image: agent:1
    securityContext:
      privileged: true
      capabilities:
        add: [SYS_ADMIN]
`,
      errors: [
        {
          line: 12,
          severity: 'error',
          message:
            /adds the capability SYS_ADMIN, which amounts to privileged mode\. Removing it changes nothing while the container is privileged \(k8s\/privileged\)\./,
        },
      ],
      fixTitles: [],
    },
    {
      name: 'CAP_ prefix and lower case: the same capability to the runtime, rejected by Pod Security admission; respelled',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext:
      capabilities: {add: [cap_net_bind_service]}
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add: [CAP_NET_BIND_SERVICE, "net_bind_service"]
`,
      errors: [
        {
          line: 10,
          column: 28,
          severity: 'warning',
          message:
            'The init container "init" adds "cap_net_bind_service": the runtime reads it as NET_BIND_SERVICE, but Pod Security admission (restricted) accepts only "NET_BIND_SERVICE" and rejects the pod.',
        },
        { line: 16, column: 15, message: /adds "CAP_NET_BIND_SERVICE"/ },
        { line: 16, column: 37, message: /adds "net_bind_service"/ },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext:
      capabilities: {add: [NET_BIND_SERVICE]}
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add: [NET_BIND_SERVICE, "NET_BIND_SERVICE"]
`,
    },
    {
      name: 'the only added capability: the whole add entry goes, its comment stays',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: ntp
    image: ntp:4
    securityContext:
      capabilities:
        drop:
        - ALL
        add:  # ntp must set the clock
        - SYS_TIME
`,
      errors: [{ line: 14, column: 11, severity: 'warning', message: 'The container "ntp" adds the capability SYS_TIME.' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: ntp
    image: ntp:4
    securityContext:
      capabilities:
        drop:
        - ALL
        # ntp must set the clock
`,
    },
    {
      name: 'add is all the capabilities map holds: capabilities goes too, and securityContext when it held nothing else (no empty value left)',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add:
        - SYS_ADMIN # fuse
      privileged: false
  - name: b
    image: b:1
    securityContext: {capabilities: {add: [NET_RAW]}}
`,
      errors: [
        { line: 12, severity: 'error' },
        { line: 16, severity: 'warning' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      # fuse
      privileged: false
  - name: b
    image: b:1
`,
    },
    {
      name: 'issue 20: IPC_LOCK, all the securityContext held: securityContext goes, never left empty (null)',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add:
        - IPC_LOCK
    ports:
    - containerPort: 80
`,
      errors: [{ line: 12, severity: 'warning' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    ports:
    - containerPort: 80
`,
    },
    {
      name: 'ALL and SYS_ADMIN are errors, whatever their spelling; others warnings; one item at a time',
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
          capabilities:
            add:
            - NET_BIND_SERVICE
            - cap_sys_admin
            - NET_ADMIN # for iptables
            - all
          readOnlyRootFilesystem: true
`,
      errors: [
        { line: 15, severity: 'error', message: /adds the capability SYS_ADMIN, which amounts to privileged mode/ },
        { line: 16, severity: 'warning', message: /NET_ADMIN\.$/ },
        { line: 17, severity: 'error', message: /capability ALL/ },
      ],
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
          capabilities:
            add:
            - NET_BIND_SERVICE
            # for iptables
          readOnlyRootFilesystem: true
`,
    },
    {
      name: 'flow sequence: items removed, NET_BIND_SERVICE kept; init container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext:\n      capabilities:\n        add: [SYS_PTRACE, NET_BIND_SERVICE, CAP_SYS_ADMIN]\n  containers:\n  - name: app\n    image: app:1\n',
      errors: [
        { line: 11, column: 15, severity: 'warning', message: /init container "init" adds the capability SYS_PTRACE/ },
        { line: 11, column: 45, severity: 'error' },
      ],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext:\n      capabilities:\n        add: [NET_BIND_SERVICE]\n  containers:\n  - name: app\n    image: app:1\n',
    },
    {
      name: 'flow map with a single-item flow add',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      capabilities: {drop: [ALL], add: [SYS_ADMIN]}\n',
      errors: [{ line: 10, severity: 'error' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      capabilities: {drop: [ALL]}\n',
    },
    {
      name: '4-space indentation, CRLF, CronJob',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n    name: c\r\nspec:\r\n    schedule: "@daily"\r\n    jobTemplate:\r\n        spec:\r\n            template:\r\n                spec:\r\n                    containers:\r\n                        - name: job\r\n                          image: job:1\r\n                          securityContext:\r\n                              capabilities:\r\n                                  add:\r\n                                      - NET_RAW\r\n                                      - SYS_ADMIN\r\n                                  drop:\r\n                                      - ALL\r\n',
      errors: [
        { line: 17, severity: 'warning' },
        { line: 18, severity: 'error' },
      ],
      output:
        'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n    name: c\r\nspec:\r\n    schedule: "@daily"\r\n    jobTemplate:\r\n        spec:\r\n            template:\r\n                spec:\r\n                    containers:\r\n                        - name: job\r\n                          image: job:1\r\n                          securityContext:\r\n                              capabilities:\r\n                                  drop:\r\n                                      - ALL\r\n',
    },
  ],
});
