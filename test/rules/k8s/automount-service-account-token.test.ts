import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { memoryFs, ruleTester } from '../../harness/ruleTester';

const RULE = 'k8s/automount-service-account-token';

const BOUND_POD = `apiVersion: v1
kind: Pod
metadata:
  name: operator
  namespace: monitoring
spec:
  serviceAccountName: operator
  containers:
  - name: app
    image: operator:1
`;

ruleTester(RULE, {
  valid: [
    {
      name: "an explicit true is the owner's decision (the pod calls the API), even over its ServiceAccount",
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: sa
  automountServiceAccountToken: true # calls the API
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'the ServiceAccount is bound to a Role in the same namespace (subject namespace defaulted)',
      code: `${BOUND_POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: operator
  namespace: monitoring
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: operator}
subjects:
- kind: ServiceAccount
  name: operator
`,
    },
    {
      name: 'the pod spec sets it to false',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
      - name: app
        image: nginx:1.25
`,
    },
    {
      name: 'its ServiceAccount in the same file sets it to false (same namespace)',
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: my-app-sa
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: my-app-sa # Use a dedicated service account
      containers:
        - name: my-app
          image: my-registry/my-app:v1.0.0
`,
    },
    {
      name: 'no serviceAccountName means the default ServiceAccount, which may disable it; deprecated serviceAccount field',
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: legacy
automountServiceAccountToken: false
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      serviceAccount: legacy
      containers:
      - name: job
        image: job:1
`,
    },
    {
      name: 'templated values',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  automountServiceAccountToken: {{ .Values.automount }}
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: {{ include "chart.serviceAccountName" . }}
  containers:
  - name: app
    image: app:1
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n' },
  ],
  invalid: [
    {
      name: 'a binding of a ServiceAccount of the same name in another namespace does not count',
      code: `${BOUND_POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: operator
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects:
- kind: ServiceAccount
  name: operator
  namespace: default
`,
      errors: [{ line: 6 }],
    },
    {
      name: 'not set: added to the pod spec above containers; reported at the template spec key',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      # the app
      containers:
      - name: app
        image: nginx:1.25
`,
      errors: [
        {
          line: 9,
          column: 5,
          severity: 'info',
          message: 'The pod gets a Kubernetes API token mounted (service account "web"); set automountServiceAccountToken: false unless it calls the API.',
        },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      # the app
      containers:
      - name: app
        image: nginx:1.25
`,
    },
    {
      name: 'the ServiceAccount is in another namespace, or does not disable the token',
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
  namespace: other
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sb
automountServiceAccountToken: true
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: sa
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: sb
  containers:
  - name: app
    image: app:1
`,
      errors: [
        { line: 18, message: /service account "sa"/ },
        { line: 28, message: /service account "sb"/ },
      ],
      output: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
  namespace: other
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sb
automountServiceAccountToken: true
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: sa
  automountServiceAccountToken: false
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: sb
  automountServiceAccountToken: false
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'CronJob, flow-style pod spec',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: job, image: "job:1"}]}\n',
      errors: [{ line: 9, column: 9, message: /service account "default"/ }],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: job, image: "job:1"}], automountServiceAccountToken: false}\n',
    },
    {
      name: '4-space indentation, CRLF, initContainers first',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n',
      errors: [{ line: 5, column: 1 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    automountServiceAccountToken: false\r\n    initContainers:\r\n        - name: init\r\n          image: busybox:1.36\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n',
    },
  ],
});

describe(`${RULE}: across files`, () => {
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  serviceAccountName: app\n  containers:\n  - name: app\n    image: app:1\n';
  const lint = (account: string) => {
    const linter = new Linter({}, memoryFs());
    linter.indexFile({ path: '/work/rbac/sa.yaml', text: account });
    return linter.lint({ path: '/work/app/pod.yaml', text: pod }).findings.filter((f) => f.ruleId === RULE);
  };

  it('a ServiceAccount in another workspace file that disables the token satisfies the pod', () => {
    assert.deepEqual(lint('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: shop\nautomountServiceAccountToken: false\n'), []);
  });

  it('but not one of another namespace', () => {
    const hits = lint('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: false\n');
    assert.deepEqual(
      hits.map((h) => h.range.start.line + 1),
      [6],
    );
  });

  it('a ClusterRoleBinding in another file that binds the ServiceAccount means the pod calls the API: silent', () => {
    const binding = (namespace: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: app\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: app}\nsubjects:\n- kind: ServiceAccount\n  name: app\n  namespace: ${namespace}\n`;
    assert.deepEqual(lint(binding('shop')), []);
    assert.deepEqual(
      lint(binding('other')).map((h) => h.range.start.line + 1),
      [6],
    );
  });
});
