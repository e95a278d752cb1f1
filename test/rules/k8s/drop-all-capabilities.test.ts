import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/drop-all-capabilities', {
  valid: [
    {
      name: 'seed 004: drop ALL, add back NET_BIND_SERVICE (quoted, indented sequences)',
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
                - "NET_BIND_SERVICE"
`,
    },
    {
      name: 'Windows pods are skipped',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: win
spec:
  template:
    spec:
      os:
        name: windows
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'templated drop lists and capabilities are not reported',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      capabilities:
        drop: {{ toYaml .Values.drop }}
  - name: b
    image: b:1
    securityContext:
      capabilities:
        drop: ["{{ .Values.dropped }}"]
  - name: c
    image: c:1
    securityContext:
      capabilities: {{ toYaml .Values.capabilities }}
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b\n' },
  ],
  invalid: [
    {
      name: 'a privileged container gets every capability whatever it drops: reported without a fix',
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
`,
      errors: [
        {
          line: 7,
          message:
            'The container "agent" does not drop ALL capabilities. Dropping capabilities changes nothing while the container is privileged (k8s/privileged).',
        },
      ],
      fixTitles: [],
    },
    {
      name: 'a misspelled ALL on a privileged container: reported without a fix',
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
        drop: [all]
`,
      errors: [{ line: 12, message: /accepts only "ALL" and rejects the pod\. Dropping capabilities changes nothing while the container is privileged/ }],
      fixTitles: [],
    },
    {
      name: 'lower case and CAP_ prefix: the runtime accepts them, Pod Security admission does not; respelled in place',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext:
      capabilities:
        drop: [all]
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        drop:
        - NET_RAW
        - "CAP_ALL" # everything
`,
      errors: [
        {
          line: 11,
          column: 16,
          message:
            'The init container "init" drops "all": the runtime drops all capabilities, but Pod Security admission (restricted) accepts only "ALL" and rejects the pod.',
        },
        { line: 19, message: /drops "CAP_ALL"/ },
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
      capabilities:
        drop: [ALL]
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        drop:
        - NET_RAW
        - "ALL" # everything
`,
    },
    {
      name: 'no securityContext: securityContext, capabilities and drop are all created',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25 # pinned
`,
      errors: [{ line: 9, column: 9, message: 'The container "app" does not drop ALL capabilities.' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25 # pinned
        securityContext:
          capabilities:
            drop:
            - ALL
`,
    },
    {
      name: 'seed 002: drop NET_RAW with the commented-out ALL; the comments survive',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      readOnlyRootFilesystem: true
      capabilities:
        drop:
        # raw sockets are only for hackers
        - NET_RAW
        # better: drop everything
        # - ALL
`,
      errors: [{ line: 14, message: /drops some capabilities but not ALL/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      readOnlyRootFilesystem: true
      capabilities:
        drop:
        # raw sockets are only for hackers
        - NET_RAW
        - ALL
        # better: drop everything
        # - ALL
`,
    },
    {
      name: 'capabilities with only add: drop is created beside it (indented sequences)',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          securityContext:
            capabilities:
              add:
                - NET_BIND_SERVICE
`,
      errors: [{ line: 9 }],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          securityContext:
            capabilities:
              add:
                - NET_BIND_SERVICE
              drop:
                - ALL
`,
    },
    {
      name: 'flow sequences: [NET_RAW] and []',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities: {drop: [NET_RAW]}\n  - name: b\n    image: b:1\n    securityContext:\n      capabilities:\n        drop: []\n',
      errors: [{ line: 10 }, { line: 15 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities: {drop: [NET_RAW, ALL]}\n  - name: b\n    image: b:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n',
    },
    {
      name: 'flow securityContext {} and null drop',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: {}\n  - name: b\n    image: b:1\n    securityContext:\n      capabilities:\n        drop:\n',
      errors: [{ line: 7 }, { line: 10 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: {capabilities: {drop: [ALL]}}\n  - name: b\n    image: b:1\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n',
    },
    {
      name: '4-space indentation with flush sequences and `-   ` dash padding',
      code: `apiVersion: v1
kind: Pod
metadata:
    name: p
spec:
    containers:
    -   name: app
        image: app:1
        securityContext:
            capabilities:
                add:
                -   NET_BIND_SERVICE
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
    name: p
spec:
    containers:
    -   name: app
        image: app:1
        securityContext:
            capabilities:
                add:
                -   NET_BIND_SERVICE
                drop:
                -   ALL
`,
    },
    {
      name: 'init container and Job; 4-space indentation; CRLF',
      code: 'apiVersion: batch/v1\r\nkind: Job\r\nmetadata:\r\n    name: once\r\nspec:\r\n    template:\r\n        spec:\r\n            initContainers:\r\n                - name: init\r\n                  image: busybox:1.36\r\n                  securityContext:\r\n                      capabilities:\r\n                          drop: [ALL]\r\n            containers:\r\n                - name: job\r\n                  image: job:1\r\n                  securityContext:\r\n                      runAsNonRoot: true\r\n',
      errors: [{ line: 15 }],
      output:
        'apiVersion: batch/v1\r\nkind: Job\r\nmetadata:\r\n    name: once\r\nspec:\r\n    template:\r\n        spec:\r\n            initContainers:\r\n                - name: init\r\n                  image: busybox:1.36\r\n                  securityContext:\r\n                      capabilities:\r\n                          drop: [ALL]\r\n            containers:\r\n                - name: job\r\n                  image: job:1\r\n                  securityContext:\r\n                      runAsNonRoot: true\r\n                      capabilities:\r\n                          drop:\r\n                              - ALL\r\n',
    },
  ],
});
