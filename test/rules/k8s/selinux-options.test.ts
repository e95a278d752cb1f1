import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/selinux-options', {
  valid: [
    {
      name: 'container types and levels; empty user and role',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seLinuxOptions:
      level: "s0:c123,c456"
  containers:
  - name: a
    image: a:1
    securityContext:
      seLinuxOptions:
        type: container_init_t
        user: ""
        role: ""
  - name: b
    image: b:1
    securityContext:
      seLinuxOptions:
        type: container_engine_t
`,
    },
  ],
  invalid: [
    {
      name: 'spc_t, a user and a role',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
      containers:
      - name: app
        image: app:1
        securityContext:
          seLinuxOptions:
            user: system_u
            role: system_r
`,
      errors: [
        {
          line: 10,
          column: 17,
          message:
            'The pod runs with SELinux type spc_t: only the container types (container_t, container_init_t, container_kvm_t, container_engine_t) keep it confined.',
        },
        { line: 16, message: 'The container "app" sets an SELinux user (system_u): the Pod Security Standards allow only the runtime\'s default user.' },
        { line: 17, message: /SELinux role \(system_r\)/ },
      ],
    },
    {
      name: 'container_engine_t before Kubernetes 1.31',
      settings: { kubernetesVersion: '1.30' },
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seLinuxOptions: {type: container_engine_t}\n',
      errors: [{ line: 10, message: /SELinux type container_engine_t: only the container types \(container_t, container_init_t, container_kvm_t\)/ }],
    },
  ],
});
