import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

/** Workspace Dockerfiles that build these images (`/work/<name>/Dockerfile`, by the image's name) with USER uid:uid. */
function builtAs(uid: number, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`/work/${name}/Dockerfile`, `FROM debian:12\nRUN useradd --uid ${uid} app\nUSER ${uid}:${uid}\n`]));
}

ruleTester('k8s/run-as-user', {
  valid: [
    {
      name: 'seed 004: pod-level runAsUser/runAsGroup are inherited by every container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1001
        runAsGroup: 1001
        fsGroup: 1001
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: my-app
          image: my-registry/my-app:v1.0.0
`,
    },
    {
      name: 'one id from the pod, the other from the container',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      securityContext: {runAsUser: 1000}
      containers:
      - name: job
        image: job:1
        securityContext: {runAsGroup: 3000}
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
      name: 'templated ids are unknown, not missing',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: {{ .Values.uid }}
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsGroup: "{{ .Values.gid }}"
  - name: b
    image: b:1
    securityContext: {{ toYaml .Values.securityContext }}
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n' },
  ],
  invalid: [
    {
      name: 'container-level ids override a pod-level 0: Pod Security admission judges the pod-level value',
      files: builtAs(10001, 'app'),
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 0
    runAsGroup: 0
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 1995
      runAsGroup: 1995
`,
      errors: [{ line: 7, column: 16, severity: 'error', message: /^The pod securityContext sets runAsUser: 0 \(root\)\. Every container sets its own user/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 10001
    runAsGroup: 0
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 1995
      runAsGroup: 1995
`,
    },
    {
      name: 'nothing set: one pod-level fix sets runAsUser, runAsGroup and fsGroup, above containers',
      files: builtAs(10001, 'nginx', 'envoy'),
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      # the app
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
      errors: [
        { line: 10, column: 9, severity: 'info', message: 'The container "app" has no runAsUser or runAsGroup: the image decides which user it runs as.' },
        { line: 12, severity: 'info' },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
      # the app
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`,
    },
    {
      name: 'existing pod securityContext: the ids some container lacks are added (fsGroup kept)',
      files: builtAs(10001, 'busybox', 'postgres'),
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true  # enforced
        fsGroup: 999
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: db
        image: postgres:16
        securityContext:
          runAsUser: 999
`,
      errors: [
        { line: 12, message: /init container "init" has no runAsUser or runAsGroup/ },
        { line: 15, message: 'The container "db" has no runAsGroup: the image decides which group it runs as.' },
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true  # enforced
        fsGroup: 999
        runAsUser: 10001
        runAsGroup: 10001
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: db
        image: postgres:16
        securityContext:
          runAsUser: 999
`,
    },
    {
      name: 'explicit 0 on the container is an error on the value',
      files: builtAs(10001, 'app'),
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsGroup: 1000
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 0 # legacy image
`,
      errors: [{ line: 12, column: 18, severity: 'error', message: 'The container "app" runs with runAsUser: 0 (root).' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsGroup: 1000
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 10001 # legacy image
`,
    },
    {
      name: 'inherited 0 is reported on each container, fixed once at pod level',
      files: builtAs(10001, 'job', 'helper'),
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
            runAsUser: 0
            runAsGroup: 2000
          containers:
          - name: job
            image: job:1
          - name: helper
            image: helper:1
`,
      errors: [
        { line: 15, severity: 'error', message: 'The container "job" runs with runAsUser: 0 (root), inherited from the pod securityContext.' },
        { line: 17, severity: 'error' },
      ],
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
            runAsUser: 10001
            runAsGroup: 2000
          containers:
          - name: job
            image: job:1
          - name: helper
            image: helper:1
`,
    },
    {
      name: 'runAsGroup 0 is an error too; missing runAsUser is info; both fixed',
      files: builtAs(10001, 'app'),
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsGroup: 0
`,
      errors: [
        { line: 7, severity: 'info', message: /has no runAsUser:/ },
        { line: 10, severity: 'error', message: /runAsGroup: 0/ },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 10001
    fsGroup: 10001
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsGroup: 10001
`,
    },
    {
      name: 'null values count as unset: a null container runAsUser does not hide the pod 0; a null pod runAsGroup is filled in',
      files: builtAs(10001, 'app'),
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 0
    runAsGroup:
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: ~
`,
      errors: [
        { line: 10, severity: 'error', message: /runAsUser: 0 \(root\), inherited/ },
        { line: 10, severity: 'info', message: /has no runAsGroup:/ },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 10001
    runAsGroup: 10001
    fsGroup: 10001
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: ~
`,
    },
    {
      name: 'flow-style pod securityContext',
      files: builtAs(10001, 'app'),
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: app, image: "app:1"}\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001}\n  containers:\n  - {name: app, image: "app:1"}\n',
    },
    {
      name: '4-space indentation, CRLF, DaemonSet',
      files: builtAs(10001, 'agent'),
      code: 'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n    name: agent\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: agent\r\n                  image: agent:1\r\n',
      errors: [{ line: 9 }],
      output:
        'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n    name: agent\r\nspec:\r\n    template:\r\n        spec:\r\n            securityContext:\r\n                runAsUser: 10001\r\n                runAsGroup: 10001\r\n                fsGroup: 10001\r\n            containers:\r\n                - name: agent\r\n                  image: agent:1\r\n',
    },
  ],
});

describe("k8s/run-as-user uses the UID of the image's Dockerfile", () => {
  it('writes the USER id of the workspace Dockerfile that builds the image (seed 000: 1995)', () => {
    const linter = new Linter();
    linter.indexFile({ path: '/w/web/Dockerfile', text: 'FROM python:3.11-slim\nRUN adduser --disabled-password --uid 1995 appuser\nUSER appuser\n' });
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: registry.example.com/shop/web:1.4\n';
    const finding = linter.lint({ path: '/w/k8s/web.yaml', text }).findings.find((f) => f.ruleId === 'k8s/run-as-user')!;
    assert.match(finding.fixes[0].title, /1995 \(the USER of web\/Dockerfile\)/);
    const fixed = applyTextEdits(text, finding.fixes[0].edits);
    assert.match(fixed, /runAsUser: 1995\n\s+runAsGroup: 1995\n\s+fsGroup: 1995/);
  });
});

ruleTester('k8s/run-as-user', {
  valid: [],
  invalid: [
    {
      name: 'no Dockerfile builds the image: reported, but no UID is made up',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n',
      errors: [{ line: 7, severity: 'info', message: 'The container "app" has no runAsUser or runAsGroup: the image decides which user it runs as.' }],
      fixTitles: [],
    },
    {
      name: 'an explicit 0 with no Dockerfile for the image: an error without a value fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsGroup: 1000\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsUser: 0\n',
      errors: [{ line: 12, severity: 'error' }],
      fixTitles: [],
    },
    {
      name: 'one image built here, a public sidecar beside it: the pod-level UID would reach the sidecar too, so none is offered',
      files: builtAs(1995, 'app'),
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n  - name: proxy\n    image: envoyproxy/envoy:v1.30\n',
      errors: [{ line: 7 }, { line: 9 }],
      fixTitles: [],
    },
    {
      name: 'two images whose Dockerfiles disagree on the UID: none is offered',
      files: { ...builtAs(1995, 'app'), ...builtAs(2000, 'worker') },
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n  - name: worker\n    image: worker:1\n',
      errors: [{ line: 7 }, { line: 9 }],
      fixTitles: [],
    },
    {
      name: "a container-level 0 takes the UID of that container's own image, whatever the others run",
      files: builtAs(1995, 'app'),
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 3000\n    runAsGroup: 3000\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsUser: 0\n  - name: proxy\n    image: envoyproxy/envoy:v1.30\n',
      errors: [{ line: 13, severity: 'error' }],
      fixTitles: ['Set runAsUser: 1995'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 3000\n    runAsGroup: 3000\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsUser: 1995\n  - name: proxy\n    image: envoyproxy/envoy:v1.30\n',
    },
  ],
});

// Pod Security admission, policy/check_runAsUser.go (runAsUser1_35): a pod with hostUsers: false may run as 0.
const rootInUserNamespace = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 0
      runAsGroup: 0
`;

ruleTester('k8s/run-as-user', {
  valid: [],
  invalid: [
    {
      name: 'runAsUser: 0 in a user namespace on 1.35: info, saying why',
      files: builtAs(10001, 'app'),
      settings: { kubernetesVersion: '1.35' },
      code: rootInUserNamespace,
      errors: [
        {
          line: 11,
          severity: 'info',
          message: /runAsUser: 0 \(root\)\. The pod runs in a user namespace \(hostUsers: false\).*allows it from Kubernetes 1\.35/,
        },
        { line: 12, severity: 'info' },
      ],
      output: rootInUserNamespace.replace('runAsUser: 0', 'runAsUser: 10001').replace('runAsGroup: 0', 'runAsGroup: 10001'),
    },
    {
      name: 'the same before 1.35: an error',
      files: builtAs(10001, 'app'),
      settings: { kubernetesVersion: '1.34' },
      code: rootInUserNamespace,
      errors: [
        { line: 11, severity: 'error' },
        { line: 12, severity: 'error' },
      ],
      output: rootInUserNamespace.replace('runAsUser: 0', 'runAsUser: 10001').replace('runAsGroup: 0', 'runAsGroup: 10001'),
    },
  ],
});

// The kubelet (kuberuntime verifyRunAsNonRoot) refuses UID 0 under runAsNonRoot: true: "container's runAsUser
// breaks non-root policy", CreateContainerConfigError. A user namespace changes nothing there.
const rootUnderNonRoot = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
    runAsGroup: 1000
  initContainers:
  - name: sysctl
    image: busybox:1.36
    securityContext:
      runAsUser: 0
  containers:
  - name: app
    image: app:1
    securityContext:
      runAsUser: 0
      runAsNonRoot: true
`;

ruleTester('k8s/run-as-user', {
  valid: [],
  invalid: [
    {
      name: 'runAsUser: 0 under an inherited or its own runAsNonRoot: true: an error saying the container cannot start',
      code: rootUnderNonRoot,
      errors: [
        {
          line: 13,
          severity: 'error',
          message:
            'The init container "sysctl" runs with runAsUser: 0 (root), but the pod securityContext sets runAsNonRoot: true: the kubelet refuses to start it ("container\'s runAsUser breaks non-root policy", CreateContainerConfigError).',
        },
        {
          line: 18,
          severity: 'error',
          message: /^The container "app" runs with runAsUser: 0 \(root\), but its securityContext sets runAsNonRoot: true: the kubelet refuses/,
        },
      ],
      fixTitles: [],
    },
    {
      name: 'the same in a user namespace on 1.35: still an error, the kubelet refuses it all the same',
      settings: { kubernetesVersion: '1.35' },
      code: rootUnderNonRoot.replace('spec:\n', 'spec:\n  hostUsers: false\n'),
      errors: [
        { line: 14, severity: 'error', message: /refuses to start it/ },
        { line: 19, severity: 'error', message: /refuses to start it/ },
      ],
      fixTitles: [],
    },
    {
      name: 'runAsGroup: 0 does not conflict with runAsNonRoot: true',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 1000\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsGroup: 0\n',
      errors: [{ line: 13, severity: 'error', message: 'The container "app" runs with runAsGroup: 0 (root).' }],
      fixTitles: [],
    },
  ],
});
