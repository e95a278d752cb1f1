import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/proc-mount', {
  valid: [
    {
      name: 'absent or Default',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      procMount: Default
  - name: b
    image: b:1
`,
    },
  ],
  invalid: [
    {
      name: 'a privileged container has an unmasked /proc whatever procMount says: reported without a fix',
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
      procMount: Unmasked
`,
      errors: [{ line: 11, message: /mounts \/proc Unmasked: .*\. The Default \/proc mount changes nothing while the container is privileged/ }],
      fixTitles: [],
    },
    {
      name: 'Unmasked in a container and an init container',
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
          procMount: Unmasked
          runAsNonRoot: true
      containers:
      - name: app
        image: app:1
        securityContext:
          readOnlyRootFilesystem: true
          procMount: "Unmasked" # needed by nested containers
`,
      errors: [
        {
          line: 12,
          column: 22,
          severity: 'error',
          message: 'The init container "init" mounts /proc Unmasked: the host kernel paths that are normally masked are exposed.',
        },
        { line: 19, message: /container "app" mounts \/proc Unmasked/ },
      ],
      output: `apiVersion: apps/v1
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
          runAsNonRoot: true
      containers:
      - name: app
        image: app:1
        securityContext:
          readOnlyRootFilesystem: true
          # needed by nested containers
`,
    },
  ],
});

// Pod Security admission, policy/check_procMount_baseline.go: from 1.35 baseline allows any procMount in a
// user namespace; check_procMount_restricted.go keeps requiring Default in restricted.
const userNamespacePod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: app
    image: app:1
    securityContext:
      procMount: Unmasked
`;

ruleTester('k8s/proc-mount', {
  valid: [],
  invalid: [
    {
      name: 'hostUsers: false on 1.35: a warning (restricted still rejects it), not an error',
      settings: { kubernetesVersion: '1.35' },
      code: userNamespacePod,
      errors: [
        {
          line: 11,
          severity: 'warning',
          message: /user namespace \(hostUsers: false\), which baseline Pod Security allows from Kubernetes 1\.35, but restricted still requires Default/,
        },
      ],
      output: userNamespacePod.replace('    securityContext:\n      procMount: Unmasked\n', ''), // the emptied securityContext goes too
    },
    {
      name: 'hostUsers: false before 1.35: still an error',
      settings: { kubernetesVersion: '1.34' },
      code: userNamespacePod,
      errors: [{ line: 11, severity: 'error', message: /exposed/ }],
      output: userNamespacePod.replace('    securityContext:\n      procMount: Unmasked\n', ''), // the emptied securityContext goes too
    },
  ],
});
