import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/seccomp-profile', {
  valid: [
    {
      name: 'seed 002: pod-level RuntimeDefault covers every container, init containers included',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v3
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true  # Pod 必须以非 root 用户运行
        seccompProfile:  # security compute mode
          type: RuntimeDefault
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: my-app-v3
        image: my-app:v3
      - name: sidecar
        image: envoy:1.30
`,
    },
    {
      name: 'every container sets its own profile (flow style); no pod-level one needed',
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
        securityContext: {seccompProfile: {type: RuntimeDefault}}
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
`,
    },
    {
      name: 'a templated type is not second-guessed',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: {{ .Values.seccompType }}
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'templated profiles and security contexts are not reported',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext: {{ toYaml .Values.podSecurityContext }}
  containers:
  - name: a
    image: a:1
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      seccompProfile: {{ toYaml .Values.seccomp }}
  - name: b
    image: b:1
    securityContext:
      seccompProfile:
        type: "{{ .Values.seccompType }}"
`,
    },
    {
      name: 'before 1.27 the API server copies the pod annotation runtime/default to the field (Deployment template)',
      settings: { kubernetesVersion: '1.26' },
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: web
        image: web:1
`,
    },
    {
      name: 'before 1.27: docker/default on the pod, localhost/… on a container, the field on another',
      settings: { kubernetesVersion: '1.25' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: docker/default
    container.seccomp.security.alpha.kubernetes.io/app: localhost/profiles/app.json
spec:
  containers:
  - name: app
    image: app:1
  - name: sidecar
    image: envoy:1.30
    securityContext:
      seccompProfile:
        type: RuntimeDefault
`,
    },
    {
      name: 'before 1.27: every container protected by its own annotation, none on the pod',
      settings: { kubernetesVersion: '1.22' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
    container.seccomp.security.alpha.kubernetes.io/init: "localhost/init.json"
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'before 1.27: a templated annotation value is not second-guessed',
      settings: { kubernetesVersion: '1.26' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: "{{ .Values.seccomp }}"
spec:
  containers:
  - name: app
    image: app:1
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n' },
  ],
  invalid: [
    {
      name: 'a privileged container runs unconfined whatever its profile: reported without a fix',
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
            /has no seccomp profile: every system call is allowed\. A seccomp profile changes nothing while the container is privileged \(k8s\/privileged\)\./,
        },
      ],
      fixTitles: [],
    },
    {
      name: 'an Unconfined profile on a privileged container: reported without a fix',
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
      seccompProfile:
        type: Unconfined
`,
      errors: [{ line: 12, message: /Unconfined: every system call is allowed\. A seccomp profile changes nothing while the container is privileged/ }],
      fixTitles: [],
    },
    {
      // kubescape/regolibrary set-seccomp-profile-RuntimeDefault: the API (ValidateSeccompProfileField) refuses both.
      name: 'Localhost without localhostProfile: the API refuses the pod (reported once, for both containers)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Localhost
      containers:
      - name: a
        image: app:1
      - name: b
        image: app:1
`,
      errors: [
        {
          line: 10,
          severity: 'error',
          message: 'The seccomp profile type Localhost has no localhostProfile (the profile file on the node): the API server refuses the pod.',
        },
      ],
      fixTitles: ['Use seccomp profile RuntimeDefault'],
    },
    {
      name: 'a localhostProfile with another type: the API refuses the pod; the safe fix removes the profile file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: b
    image: app:1
    securityContext:
      seccompProfile:
        type: RuntimeDefault
        localhostProfile: profiles/b.json
`,
      errors: [{ line: 11, severity: 'error', message: /sets localhostProfile with type RuntimeDefault: the API server refuses the pod/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: b
    image: app:1
    securityContext:
      seccompProfile:
        type: RuntimeDefault
`,
    },
    {
      name: 'container Localhost overrides pod Unconfined: Pod Security admission judges the pod-level value',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/app.json
`,
      errors: [{ line: 8, column: 13, message: /^The pod securityContext sets seccomp profile Unconfined\./ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/app.json
`,
    },
    {
      name: 'from 1.27 (default target 1.32) the pod annotation runtime/default does nothing: the message says so; the field is added, the annotation kept',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  containers:
  - name: app
    image: app:1
`,
      errors: [
        {
          line: 9,
          message:
            'The container "app" has no seccomp profile, so every system call is allowed: the annotation seccomp.security.alpha.kubernetes.io/pod: runtime/default has had no effect since Kubernetes 1.27; only securityContext.seccompProfile sets one.',
        },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: '1.27 is the first version without the annotations',
      settings: { kubernetesVersion: '1.27' },
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/web: docker/default
    spec:
      containers:
      - name: web
        image: web:1
`,
      errors: [
        { line: 12, message: /annotation container\.seccomp\.security\.alpha\.kubernetes\.io\/web: docker\/default has had no effect since Kubernetes 1\.27/ },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/web: docker/default
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: web
        image: web:1
`,
    },
    {
      name: 'from 1.27, a pod annotation localhost/…: no fix, the API refuses a field that differs from the annotation',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: localhost/profiles/app.json
spec:
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 9, message: /annotation seccomp\.security\.alpha\.kubernetes\.io\/pod: localhost\/profiles\/app\.json has had no effect/ }],
      fixTitles: [],
    },
    {
      name: 'before 1.27 the pod annotation unconfined is copied to the field: reported, fixed in the annotation',
      settings: { kubernetesVersion: '1.26' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined # legacy
spec:
  containers:
  - name: app
    image: app:1
`,
      errors: [
        {
          line: 9,
          message:
            'The container "app" runs with seccomp profile unconfined, set by the annotation seccomp.security.alpha.kubernetes.io/pod (Kubernetes 1.26 copies it to the securityContext): every system call is allowed.',
        },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default # legacy
spec:
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: "before 1.27 a container's annotation unconfined wins over the pod's runtime/default: reported on its value",
      settings: { kubernetesVersion: '1.24' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/init: 'unconfined'
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 7, column: 58, message: /init container "init" runs with seccomp profile unconfined, set by the annotation container\.seccomp/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/init: 'runtime/default'
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'before 1.27 an annotation value the API server does not copy protects nothing; no fix (the field would differ from it)',
      settings: { kubernetesVersion: '1.26' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: RuntimeDefault
spec:
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 9, message: 'The container "app" has no seccomp profile: every system call is allowed.' }],
      fixTitles: [],
    },
    {
      name: 'before 1.27 a pod annotation unconfined that every container overrides is reported once, on its value',
      settings: { kubernetesVersion: '1.26' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  containers:
  - name: app
    image: app:1
  - name: b
    image: b:1
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: b.json
`,
      errors: [{ line: 6, column: 47, message: /^The pod annotation seccomp\.security\.alpha\.kubernetes\.io\/pod sets seccomp profile unconfined/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  containers:
  - name: app
    image: app:1
  - name: b
    image: b:1
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: b.json
`,
    },
    {
      name: 'a field Unconfined next to its matching annotation: the fix changes both, as the API requires them to match',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: unconfined
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: Unconfined
`,
      errors: [{ line: 13, message: 'The container "app" runs with seccomp profile Unconfined: every system call is allowed.' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: RuntimeDefault
`,
    },
    {
      name: 'no profile: pod securityContext created above containers, above their comment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web
      # main containers
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
      errors: [
        { line: 11, column: 9, message: 'The container "app" has no seccomp profile: every system call is allowed.' },
        { line: 13, message: /container "sidecar"/ },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      # main containers
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
    },
    {
      name: 'existing pod securityContext is extended; initContainers come first',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true # enforced
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 9, message: /init container "init"/ }, { line: 12 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true # enforced
    seccompProfile:
      type: RuntimeDefault
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'pod-level Unconfined: reported on each container, one replacement fixes all',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            seccompProfile:
              type: Unconfined # strace debugging
          containers:
          - name: job
            image: job:1
          - name: helper
            image: helper:1
`,
      errors: [{ line: 15, message: /runs with seccomp profile Unconfined/ }, { line: 17 }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            seccompProfile:
              type: RuntimeDefault # strace debugging
          containers:
          - name: job
            image: job:1
          - name: helper
            image: helper:1
`,
    },
    {
      name: 'container Unconfined overrides pod RuntimeDefault: reported on the container type, quoted style kept',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: "Unconfined"
`,
      errors: [{ line: 13, column: 15 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: "RuntimeDefault"
`,
    },
    {
      name: 'an unknown type (types are case-sensitive) is reported and replaced',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: runtimedefault
`,
      errors: [{ line: 11, message: 'The container "app" has an unknown seccomp profile type runtimedefault (RuntimeDefault, Localhost or Unconfined).' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
        type: RuntimeDefault
`,
    },
    {
      name: 'a profile without type is reported, without a fix',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      localhostProfile: profiles/app.json
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 10, message: /has no seccomp profile/ }],
    },
    {
      name: 'a null container seccompProfile does not hide the missing pod one',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: app:1
    securityContext:
      seccompProfile:
`,
    },
    {
      name: 'created above initContainers when they come first',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
      errors: [{ line: 7 }, { line: 10 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'flow-style empty pod securityContext',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {}\n  containers:\n  - {name: app, image: "app:1"}\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - {name: app, image: "app:1"}\n',
    },
    {
      name: '4-space indentation, CRLF, DaemonSet',
      code: 'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n    name: agent\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: agent\r\n                  image: agent:1\r\n',
      errors: [{ line: 9 }],
      output:
        'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n    name: agent\r\nspec:\r\n    template:\r\n        spec:\r\n            securityContext:\r\n                seccompProfile:\r\n                    type: RuntimeDefault\r\n            containers:\r\n                - name: agent\r\n                  image: agent:1\r\n',
    },
  ],
});
