import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/apparmor-profile', {
  valid: [
    {
      name: 'RuntimeDefault and Localhost; runtime/default and localhost/ annotations',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
        container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-sidecar
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: app:1
        securityContext:
          appArmorProfile:
            type: Localhost
            localhostProfile: k8s-app
`,
    },
  ],
  invalid: [
    {
      name: "the runtime's default profile is not applied to a privileged container: reported without a fix",
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
      appArmorProfile:
        type: Unconfined
`,
      errors: [
        {
          line: 12,
          message: /Unconfined: the runtime's default profile is turned off\. The runtime's default profile changes nothing while the container is privileged/,
        },
      ],
      fixTitles: [],
    },
    {
      name: 'the field and the annotation of a bare Pod',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    # set by the debugging tool
    container.apparmor.security.beta.kubernetes.io/debug: unconfined
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      appArmorProfile:
        type: Unconfined
  - name: debug
    image: busybox:1.36
`,
      errors: [
        { line: 7, message: 'The container "debug" runs with AppArmor profile unconfined (annotation): the runtime\'s default profile is turned off.' },
        { line: 14, column: 15, message: 'The container "app" runs with AppArmor profile Unconfined: the runtime\'s default profile is turned off.' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    # set by the debugging tool
    container.apparmor.security.beta.kubernetes.io/debug: runtime/default
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
  - name: debug
    image: busybox:1.36
`,
    },
    {
      name: 'before 1.30 the field does not exist (the API server drops it): the message says so; the annotation works at every version',
      settings: { kubernetesVersion: '1.29' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/b: unconfined
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      appArmorProfile:
        type: Unconfined
  - name: b
    image: b:1
`,
      errors: [
        { line: 6, message: 'The container "b" runs with AppArmor profile unconfined (annotation): the runtime\'s default profile is turned off.' },
        {
          line: 13,
          message:
            'The container "a" sets AppArmor profile Unconfined in appArmorProfile, a field Kubernetes 1.29 does not have (it came in 1.30): the API server drops it today, and after an upgrade it turns the runtime\'s default profile off.',
        },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/b: runtime/default
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
  - name: b
    image: b:1
`,
    },
    {
      name: "a container's field and its annotation must match (the API refuses them otherwise): each fix changes both",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      appArmorProfile:
        type: Unconfined
`,
      errors: [{ line: 6 }, { line: 13 }],
      suggestion: {
        title: 'Use AppArmor profile runtime/default',
        output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
`,
      },
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
`,
    },
    {
      name: "the pod's field is checked against the annotation of each container without its own field: fixed together",
      settings: { kubernetesVersion: '1.30' },
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: unconfined
        container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-envoy
    spec:
      securityContext:
        appArmorProfile:
          type: Unconfined
      containers:
      - name: web
        image: web:1
      - name: sidecar
        image: envoy:1.30
        securityContext:
          appArmorProfile:
            type: Localhost
            localhostProfile: k8s-envoy
`,
      errors: [{ line: 9 }, { line: 14 }],
      suggestion: {
        title: 'Use AppArmor profile runtime/default',
        output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: runtime/default
        container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-envoy
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      containers:
      - name: web
        image: web:1
      - name: sidecar
        image: envoy:1.30
        securityContext:
          appArmorProfile:
            type: Localhost
            localhostProfile: k8s-envoy
`,
      },
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: runtime/default
        container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-envoy
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      containers:
      - name: web
        image: web:1
      - name: sidecar
        image: envoy:1.30
        securityContext:
          appArmorProfile:
            type: Localhost
            localhostProfile: k8s-envoy
`,
    },
  ],
});
