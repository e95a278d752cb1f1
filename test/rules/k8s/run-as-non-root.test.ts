import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyRuleFixes, lintCase, ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/run-as-non-root', {
  valid: [
    {
      name: 'pod-level runAsNonRoot is inherited by every container',
      code: `apiVersion: apps/v1
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
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.25
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n' },
    { name: 'not Kubernetes at all', code: 'name: CI\non: push\njobs: {}\n' },
  ],
  invalid: [
    {
      name: 'container-level true overrides pod-level false: Pod Security admission judges the pod-level value',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: false
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsNonRoot: true
`,
      errors: [{ line: 7, column: 19, message: /^The pod securityContext sets runAsNonRoot: false\. Every container sets its own/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsNonRoot: true
`,
    },
    {
      name: 'a non-zero runAsUser keeps the container off root, but runAsNonRoot is still required (restricted PSS)',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 10001
  containers:
  - name: app
    image: registry.k8s.io/pause:3.9
  - name: root
    image: busybox:1.36
    securityContext:
      runAsUser: 0
`,
      errors: [
        {
          line: 9,
          message:
            'The container "app" runs as UID 10001 but has no runAsNonRoot: true, which the restricted Pod Security Standard requires (it also stops a later runAsUser: 0).',
        },
        {
          line: 11,
          message:
            'The container "root" runs as root (runAsUser: 0) and has no runAsNonRoot: true, which the restricted Pod Security Standard requires but which would keep it from starting until it runs as another UID.',
        },
      ],
      // Pod-level runAsNonRoot: true would reach "root" too, which the kubelet then refuses to start.
      fixTitles: ["Add runAsNonRoot: true to the container's securityContext"],
      suggestion: {
        title: "Add runAsNonRoot: true to the container's securityContext",
        output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 10001
  containers:
  - name: app
    image: registry.k8s.io/pause:3.9
    securityContext:
      runAsNonRoot: true
  - name: root
    image: busybox:1.36
    securityContext:
      runAsUser: 0
`,
      },
    },
    {
      name: 'no securityContext anywhere: fix creates the pod securityContext above containers',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web  # the web tier
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      # main containers
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
      errors: [{ line: 14, column: 9, message: /container "app" may run as root/ }, { line: 16 }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web  # the web tier
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsNonRoot: true
      # main containers
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
    },
    {
      name: 'explicit false on the container, 4-space indent, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            securityContext:\r\n                runAsNonRoot: false # legacy\r\n',
      errors: [{ line: 10, message: /sets runAsNonRoot: false/ }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            securityContext:\r\n                runAsNonRoot: true # legacy\r\n',
    },
    {
      name: 'existing pod securityContext gets the field; CronJob pod template',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            fsGroup: 2000
          containers:
          - name: job
            image: job:2
`,
      errors: [{ line: 14 }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            fsGroup: 2000
            runAsNonRoot: true
          containers:
          - name: job
            image: job:2
`,
    },
    {
      name: 'flow-style empty securityContext',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {}\n  containers:\n  - {name: app, image: "app:1"}\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: app, image: "app:1"}\n',
    },
  ],
});

// Pod Security admission, policy/check_runAsNonRoot.go (runAsNonRoot1_35): relaxed for hostUsers: false.
const userNamespacePod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: app
    image: app:1
`;

ruleTester('k8s/run-as-non-root', {
  valid: [],
  invalid: [
    {
      name: 'a pod in a user namespace on 1.35: info',
      settings: { kubernetesVersion: '1.35' },
      code: userNamespacePod,
      errors: [{ line: 8, severity: 'info', message: /user namespace/ }],
      output: userNamespacePod.replace('  hostUsers: false\n', '  hostUsers: false\n  securityContext:\n    runAsNonRoot: true\n'),
    },
    {
      name: 'hostUsers: true is no user namespace',
      settings: { kubernetesVersion: '1.35' },
      code: userNamespacePod.replace('hostUsers: false', 'hostUsers: true'),
      errors: [{ line: 8, severity: 'warning' }],
      output: userNamespacePod.replace('  hostUsers: false\n', '  hostUsers: true\n  securityContext:\n    runAsNonRoot: true\n'),
    },
  ],
});

// elastic/helm-charts elasticsearch: an init container runs `sysctl -w` as root, the pod as 1000.
const sysctlInit = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: es
spec:
  serviceName: es
  selector:
    matchLabels: {app: es}
  template:
    metadata:
      labels: {app: es}
    spec:
      securityContext:
        runAsUser: 1000
      initContainers:
      - name: configure-sysctl
        securityContext:
          runAsUser: 0
        image: busybox:1.36
        command: ["sysctl", "-w", "vm.max_map_count=262144"]
      containers:
      - name: app
        image: busybox:1.36
`;

const appBeforeRootInit = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: app
    image: app:1
  initContainers:
  - name: sysctl
    image: busybox:1.36
    securityContext:
      runAsUser: 0
`;

// The kubelet refuses a container whose effective runAsNonRoot is true and runAsUser 0 (CreateContainerConfigError).
ruleTester('k8s/run-as-non-root', {
  valid: [],
  invalid: [
    {
      name: 'an init container that runs as UID 0 on purpose: said so, no fix; the pod-level fix would reach it, so the other container gets its own',
      code: sysctlInit,
      errors: [
        {
          line: 16,
          message:
            'The init container "configure-sysctl" runs as root (runAsUser: 0) and has no runAsNonRoot: true, which the restricted Pod Security Standard requires but which would keep it from starting until it runs as another UID.',
        },
        { line: 22, message: /container "app" runs as UID 1000 but has no runAsNonRoot: true/ },
      ],
      fixTitles: [],
    },
    {
      name: 'the fix for the other container goes on that container alone',
      code: appBeforeRootInit,
      errors: [{ line: 9 }, { line: 12 }],
      suggestion: {
        title: "Add runAsNonRoot: true to the container's securityContext",
        output: appBeforeRootInit.replace('    image: app:1\n', '    image: app:1\n    securityContext:\n      runAsNonRoot: true\n'),
      },
    },
    {
      name: 'an inherited pod-level 0: every container runs as root, none gets a fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: app\n    image: app:1\n',
      errors: [{ line: 9, message: /^The container "app" runs as root \(runAsUser: 0\) and has no runAsNonRoot: true/ }],
      fixTitles: [],
    },
    {
      name: 'runAsNonRoot: false beside runAsUser: 0 on the container: setting true would stop it, so no fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsUser: 0\n      runAsNonRoot: false\n',
      errors: [
        {
          line: 11,
          message:
            'The container "app" runs as root (runAsUser: 0) and its securityContext sets runAsNonRoot: false; the restricted Pod Security Standard requires true, which would keep it from starting until it runs as another UID.',
        },
      ],
      fixTitles: [],
    },
    {
      name: 'an inherited pod-level false with a root container beside: true goes on the other container, not the pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: app\n    image: app:1\n  - name: root\n    image: app:1\n    securityContext:\n      runAsUser: 0\n',
      errors: [
        { line: 9, message: /may run as root: the pod securityContext sets runAsNonRoot: false/ },
        { line: 11, message: /the pod securityContext sets runAsNonRoot: false; the restricted/ },
      ],
      fixTitles: ["Add runAsNonRoot: true to the container's securityContext"],
      suggestion: {
        title: "Add runAsNonRoot: true to the container's securityContext",
        output:
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsNonRoot: true\n  - name: root\n    image: app:1\n    securityContext:\n      runAsUser: 0\n',
      },
    },
    {
      name: 'a pod-level false every container overrides, but an ephemeral container inherits it and runs as 0: no fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsNonRoot: true\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      runAsUser: 0\n',
      errors: [
        { line: 7, message: /^The pod securityContext sets runAsNonRoot: false/ },
        { line: 14, message: /"debug" runs as root/ },
      ],
      fixTitles: [],
    },
  ],
});

describe('k8s/run-as-non-root fixes never stop a container from starting', () => {
  it('after every fix of the rule (as --fix --fix-rule applies them), no container has runAsNonRoot: true and runAsUser: 0', () => {
    const c = { code: sysctlInit };
    const fixed = applyRuleFixes('k8s/run-as-non-root', c, sysctlInit);
    assert.notEqual(fixed, sysctlInit, 'the "app" container still gets a fix');
    const cannotStart = lintCase('k8s/run-as-user', c, fixed).filter((f) => /refuses to start/.test(f.message));
    assert.deepEqual(
      cannotStart.map((f) => f.message),
      [],
      fixed,
    );
  });
});
