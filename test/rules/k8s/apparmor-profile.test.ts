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
  ],
});
