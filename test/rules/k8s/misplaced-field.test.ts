import { ruleTester } from '../../harness/ruleTester';

const SEED_PRESTOP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    spec:
      containers:
      - name: my-app
        image: my-app:v3
        # 添加下面这部分
        lifecycle:
        preStop:
            exec:
              command:
              - /bin/sh
              - -c
              - "while [ $(netstat -plunt | grep tcp | wc -l | xargs) -ne 0 ]; do sleep 1; done"
`;

const SEED_PRESTOP_FIXED = SEED_PRESTOP.replace('        preStop:\n', '          preStop:\n');

ruleTester('k8s/misplaced-field', {
  valid: [
    {
      name: 'everything at its place',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      securityContext:
        fsGroup: 2000
      containers:
      - name: app
        image: app:1
        securityContext:
          allowPrivilegeEscalation: false
        lifecycle:
          preStop:
            sleep: {seconds: 15}
`,
    },
    {
      name: 'pod-level resources exist (beta, on by default) from 1.34',
      settings: { kubernetesVersion: '1.34' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  resources:
    limits: {cpu: "1", memory: 1Gi}
  containers:
  - name: app
    image: app:1
`,
    },
  ],
  invalid: [
    {
      name: 'securityContext fields directly under a container move into its securityContext (created or existing)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          runAsUser: 1001 # the app's user
          securityContext:
            runAsNonRoot: true
        - name: sidecar
          image: proxy:1
          allowPrivilegeEscalation: false
`,
      errors: [
        {
          line: 11,
          column: 11,
          message: '`runAsUser` sits directly under the container "app": it belongs in its `securityContext`, so Kubernetes ignores or rejects it here.',
        },
        { line: 16, column: 11, message: /`allowPrivilegeEscalation` sits directly under the container "sidecar"/ },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          securityContext:
            runAsNonRoot: true
            runAsUser: 1001 # the app's user
        - name: sidecar
          image: proxy:1
          securityContext:
            allowPrivilegeEscalation: false
`,
    },
    {
      name: "seed 002's example: preStop at the indentation of lifecycle -> lifecycle.preStop",
      code: SEED_PRESTOP,
      errors: [
        {
          line: 13,
          column: 9,
          severity: 'error',
          message: '`preStop` sits directly under the container "my-app": it belongs under `lifecycle`, so the hook never runs.',
        },
      ],
      fixTitles: ['Move preStop under lifecycle'],
      output: SEED_PRESTOP_FIXED,
    },
    {
      name: 'same with CRLF and a comment on the null lifecycle',
      code: SEED_PRESTOP.replace('        lifecycle:\n', '        lifecycle:  # hooks\n').replace(/\n/g, '\r\n'),
      errors: [{ line: 13 }],
      output: SEED_PRESTOP_FIXED.replace('        lifecycle:\n', '        lifecycle:  # hooks\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'no lifecycle at all: created; 4-space indent, flush sequences',
      code: `apiVersion: v1
kind: Pod
metadata:
    name: p
spec:
    containers:
    -   name: app
        image: app:1
        postStart:
            exec:
                command:
                - /bin/true  # warm up
`,
      errors: [{ line: 9, message: /`postStart` sits directly under the container "app"/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
    name: p
spec:
    containers:
    -   name: app
        image: app:1
        lifecycle:
            postStart:
                exec:
                    command:
                    - /bin/true  # warm up
`,
    },
    {
      name: 'lifecycle already has preStop: reported without a fix',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    lifecycle:
      preStop:
        sleep: {seconds: 5}
    preStop:
      sleep: {seconds: 15}
`,
      errors: [{ line: 12 }],
      fixTitles: [],
    },
    {
      name: 'container-only field in the pod securityContext moves into every container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        allowPrivilegeEscalation: false  # no setuid
      initContainers:
      - name: init
        image: init:1
      containers:
      - name: app
        image: app:1
        securityContext:
          runAsUser: 10001
`,
      errors: [{ line: 10, message: "`allowPrivilegeEscalation` in the pod securityContext has no effect: it exists only in a container's securityContext." }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      initContainers:
      - name: init
        image: init:1
        securityContext:
          allowPrivilegeEscalation: false  # no setuid
      containers:
      - name: app
        image: app:1
        securityContext:
          runAsUser: 10001
          allowPrivilegeEscalation: false  # no setuid
`,
    },
    {
      name: 'pod-only field in a container securityContext moves to the pod (now-empty container securityContext goes)',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  # the only container
  containers:
  - name: app
    image: app:1
    securityContext:
      fsGroup: 2000
`,
      errors: [{ line: 11, message: /`fsGroup` in the securityContext of the container "app" is a pod-level field/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    fsGroup: 2000
  # the only container
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'pod securityContext already sets it: no fix',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    sysctls: []
  containers:
  - name: app
    image: app:1
    securityContext:
      sysctls:
      - {name: net.core.somaxconn, value: "1024"}
`,
      errors: [{ line: 12 }],
      fixTitles: [],
    },
    {
      name: "seed 002's replicas inside the pod template moves to the Deployment spec",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: xxx
  namespace: xxx
  annotations:
    harden.dev/ignore: "k8s/pdb-missing,k8s/topology-spread"
spec:
  # ...
  template:
    # ...
    spec:
      replicas: 3
      containers:
      - name: app
        image: app:1
`,
      errors: [{ line: 13, message: '`replicas` inside the pod template has no effect: it belongs in the Deployment spec.' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: xxx
  namespace: xxx
  annotations:
    harden.dev/ignore: "k8s/pdb-missing,k8s/topology-spread"
spec:
  replicas: 3
  # ...
  template:
    # ...
    spec:
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'DaemonSet has no replica count: no fix',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      replicas: 2
      containers:
      - name: agent
        image: agent:1
`,
      errors: [{ line: 8, message: /a DaemonSet has no replica count/ }],
      fixTitles: [],
    },
    {
      name: 'container fields directly in the pod spec move into the only container',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
  image: nginx:1.27  # pinned
  ports:
  - containerPort: 80
`,
      errors: [{ line: 8, message: '`image` is a container field, not a pod spec field: it belongs under a container in `containers`.' }, { line: 9 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx:1.27  # pinned
    ports:
    - containerPort: 80
`,
    },
    {
      name: 'resources under the pod spec on 1.31: error, moved into the only container',
      settings: { kubernetesVersion: '1.31' },
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
      cpu: 100m
      memory: 128Mi
    limits:
      memory: 128Mi
`,
      errors: [{ line: 9, severity: 'error', message: '`resources` is not a pod spec field in Kubernetes 1.31: it belongs under a container.' }],
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
        cpu: 100m
        memory: 128Mi
      limits:
        memory: 128Mi
`,
    },
    {
      name: 'resources under the pod spec on 1.33: alpha feature gate, warning',
      settings: { kubernetesVersion: '1.33' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  resources:
    limits: {cpu: "1", memory: 1Gi}
  containers:
  - name: a
    image: a:1
  - name: b
    image: b:1
`,
      errors: [{ line: 6, severity: 'warning', message: /alpha in Kubernetes 1.33 \(PodLevelResources feature gate/ }],
      fixTitles: [],
    },
  ],
});
