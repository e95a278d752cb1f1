import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCase, ruleTester } from '../../harness/ruleTester';

const RULE = 'k8s/allow-privilege-escalation';

ruleTester(RULE, {
  valid: [
    {
      name: 'every container, init containers included, sets it to false',
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
          allowPrivilegeEscalation: false
      containers:
      - name: app
        image: nginx:1.25
        securityContext:
          allowPrivilegeEscalation: false  # no_new_privs
`,
    },
    {
      name: 'YAML 1.1 boolean "no" is false too; flow-style securityContext',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      allowPrivilegeEscalation: no
  - name: b
    image: b:1
    securityContext: {allowPrivilegeEscalation: false}
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
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
    {
      name: 'a templated value is not second-guessed',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation: "{{ .Values.ape }}"
`,
    },
    {
      name: 'unquoted templates (they parse as flow maps) are not reported, nor edited',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      allowPrivilegeEscalation: {{ .Values.ape }}
  - name: b
    image: b:1
    securityContext: {{ toYaml .Values.securityContext }}
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n' },
  ],
  invalid: [
    {
      name: 'a privileged container: the finding says why there is no fix',
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
      errors: [{ line: 7, message: /does not set allowPrivilegeEscalation: false\. It cannot be false while the container is privileged \(k8s\/privileged\)/ }],
      fixTitles: [],
    },
    {
      name: 'no securityContext: created in the container, after its last key; a comment survives',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25  # pinned
`,
      errors: [{ line: 9, column: 9, message: 'The container "app" does not set allowPrivilegeEscalation: false.' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25  # pinned
        securityContext:
          allowPrivilegeEscalation: false
`,
    },
    {
      name: 'explicit true is reported on the value and flipped',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation: true # needed by sudo?
      runAsNonRoot: true
`,
      errors: [{ line: 10, column: 33, message: /sets allowPrivilegeEscalation: true/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation: false # needed by sudo?
      runAsNonRoot: true
`,
    },
    {
      name: 'no fix beside privileged: true or an added SYS_ADMIN (the API server would reject the result)',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      privileged: true
  - name: b
    image: b:1
    securityContext:
      allowPrivilegeEscalation: true
      capabilities:
        add: [CAP_SYS_ADMIN]
`,
      errors: [{ line: 7 }, { line: 14, message: /sets allowPrivilegeEscalation: true/ }],
    },
    {
      name: 'existing block securityContext is extended; init containers too; StatefulSet',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: db
        image: postgres:16
        securityContext:
          readOnlyRootFilesystem: true
        ports:
        - containerPort: 5432
`,
      errors: [
        { line: 9, message: /init container "init"/ },
        { line: 12, message: /container "db"/ },
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        securityContext:
          allowPrivilegeEscalation: false
      containers:
      - name: db
        image: postgres:16
        securityContext:
          readOnlyRootFilesystem: true
          allowPrivilegeEscalation: false
        ports:
        - containerPort: 5432
`,
    },
    {
      name: 'empty flow map',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {}\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {allowPrivilegeEscalation: false}\n',
    },
    {
      name: 'non-empty flow map',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: app, image: "app:1", securityContext: {runAsNonRoot: true}}\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: app, image: "app:1", securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}}\n',
    },
    {
      name: 'null securityContext (`securityContext:`) is filled in',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    securityContext:
    image: app:1
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    securityContext:
      allowPrivilegeEscalation: false
    image: app:1
`,
    },
    {
      name: 'null value (`allowPrivilegeEscalation:`) is reported and filled in',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation:
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation: false
`,
    },
    {
      name: '4-space indentation, indented sequence, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            securityContext:\r\n                allowPrivilegeEscalation: false\r\n',
    },
    {
      name: 'CronJob pod template, two containers, indented sequence',
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
          containers:
            - name: a
              image: a:1
            - name: b
              image: b:1
`,
      errors: [{ line: 12 }, { line: 14 }],
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
          containers:
            - name: a
              image: a:1
              securityContext:
                allowPrivilegeEscalation: false
            - name: b
              image: b:1
              securityContext:
                allowPrivilegeEscalation: false
`,
    },
  ],
});

describe(`${RULE}: fixes the API server would reject`, () => {
  const pod = (securityContext: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n${securityContext}`;
  const ruleFixes = (code: string) =>
    lintCase(RULE, { code })
      .filter((f) => f.ruleId === RULE)
      .flatMap((f) => f.fixes.map((x) => x.title))
      .filter((t) => !t.startsWith('Suppress '));

  it('offers no fix beside privileged: true or an added (CAP_)SYS_ADMIN', () => {
    assert.deepEqual(ruleFixes(pod('      privileged: true\n')), []);
    assert.deepEqual(ruleFixes(pod('      allowPrivilegeEscalation: true\n      privileged: yes\n')), []);
    assert.deepEqual(ruleFixes(pod('      capabilities:\n        add: [CAP_SYS_ADMIN]\n')), []);
    assert.deepEqual(ruleFixes(pod('      capabilities:\n        add:\n        - sys_admin\n')), []);
  });

  it('offers it again once they are gone', () => {
    assert.deepEqual(ruleFixes(pod('      privileged: false\n      runAsUser: 0\n      capabilities:\n        add: [NET_BIND_SERVICE]\n')), [
      'Set allowPrivilegeEscalation: false',
    ]);
  });
});

describe(`${RULE}: a fix that may break the workload is a suggestion, never applied in bulk`, () => {
  const pod = (securityContext: string, podSecurityContext = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${podSecurityContext}  containers:\n  - name: app\n    image: app:1\n    ports:\n    - containerPort: 80\n    securityContext:\n${securityContext}`;
  const kinds = (code: string) =>
    lintCase(RULE, { code })
      .filter((f) => f.ruleId === RULE)
      .flatMap((f) => f.fixes.filter((x) => !x.title.startsWith('Suppress ')).map((x) => [x.kind, x.isPreferred]));

  it('sock-shop: user 10001 adds NET_BIND_SERVICE to listen on port 80 (file capabilities, which no_new_privs ignores)', () => {
    const code = pod('      runAsUser: 10001\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n');
    assert.deepEqual(kinds(code), [['suggestion', false]]);
    assert.match(
      lintCase(RULE, { code }).find((f) => f.ruleId === RULE)!.fixes[0].title,
      /check first: a non-root process gets added capabilities only from file capabilities/,
    );
  });

  it('the same with the user left to the image, or set at pod level', () => {
    assert.deepEqual(kinds(pod('      capabilities:\n        add: [NET_RAW]\n')), [['suggestion', false]]);
    assert.deepEqual(kinds(pod('      capabilities:\n        add: [NET_RAW]\n', '  securityContext:\n    runAsUser: 1000\n')), [['suggestion', false]]);
  });

  it('an explicit true was a decision: replacing it is a suggestion', () => {
    assert.deepEqual(kinds(pod('      allowPrivilegeEscalation: true  # needed: file caps\n')), [['suggestion', false]]);
  });

  it('root keeps its capabilities under no_new_privs, and a container without added capabilities: safe', () => {
    assert.deepEqual(kinds(pod('      runAsUser: 0\n      capabilities:\n        add: [NET_BIND_SERVICE]\n')), [['safe', true]]);
    assert.deepEqual(kinds(pod('      capabilities:\n        drop: [ALL]\n')), [['safe', true]]);
    assert.deepEqual(kinds(pod('      runAsNonRoot: true\n')), [['safe', true]]);
  });
});
