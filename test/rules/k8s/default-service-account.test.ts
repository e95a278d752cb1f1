import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/default-service-account', {
  valid: [
    {
      name: 'seed 004: a dedicated service account',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
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
      name: 'the deprecated serviceAccount field, also behind an empty serviceAccountName',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccount: legacy
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: ""
  serviceAccount: legacy
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'CronJob with its own account; templated name',
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
          serviceAccountName: backup
          containers:
          - name: job
            image: job:1
---
apiVersion: v1
kind: Pod
metadata:
  name: t
spec:
  serviceAccountName: {{ include "chart.serviceAccountName" . }}
  containers:
  - name: app
    image: app:1
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n' },
  ],
  invalid: [
    {
      name: 'no serviceAccountName: reported at the pod template spec key, no fix',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
`,
      errors: [
        {
          line: 7,
          column: 5,
          severity: 'info',
          message: "The pod uses the namespace's default ServiceAccount; give the workload its own (serviceAccountName).",
        },
      ],
    },
    {
      name: 'explicitly default or empty: reported at the value',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  serviceAccountName: default
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  serviceAccountName: ""
  containers:
  - name: app
    image: app:1
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: c
spec:
  template:
    spec:
      serviceAccount: default
      containers:
      - name: app
        image: app:1
`,
      errors: [
        { line: 6, column: 23 },
        { line: 16, column: 23 },
        { line: 28, column: 23 },
      ],
    },
    {
      name: 'Pod at the top-level spec key; CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: app:1\r\n',
      errors: [{ line: 5, column: 1, endLine: 5 }],
    },
  ],
});
