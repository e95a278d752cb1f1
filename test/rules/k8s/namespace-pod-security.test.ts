import { ruleTester } from '../../harness/ruleTester';

const RESTRICTED_CONTAINER = `        securityContext:
          runAsNonRoot: true
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          seccompProfile: {type: RuntimeDefault}
`;

const shopDeployment = (containerFields: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
${containerFields}`;

ruleTester('k8s/namespace-pod-security', {
  valid: [
    {
      name: 'the seed 004 Namespace',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: my-namespace
  labels:
    pod-security.kubernetes.io/enforce: "restricted"
    pod-security.kubernetes.io/enforce-version: "v1.28"  # Replace with your Kubernetes version
`,
    },
    {
      name: 'any enforce level is a deliberate choice; system namespaces are left alone',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
  labels: {pod-security.kubernetes.io/enforce: privileged}
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
`,
    },
    { name: 'other kinds', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: namespace\ndata: {}\n' },
  ],
  invalid: [
    {
      name: 'no labels: created before annotations, with the configured Kubernetes version',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: prod  # production tenants
  annotations:
    owner: platform
`,
      settings: { kubernetesVersion: '1.30' },
      errors: [
        {
          line: 4,
          column: 9,
          message:
            'The Namespace "prod" has no pod-security.kubernetes.io/enforce label: Pod Security Admission admits any pod there, privileged ones included.',
        },
      ],
      fixTitles: ['Enforce the restricted Pod Security Standard'],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: prod  # production tenants
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.30
  annotations:
    owner: platform
`,
    },
    {
      name: 'existing labels get both entries; an existing enforce-version is kept; 4-space indent, CRLF',
      code: 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n    name: team-a\r\n    labels:\r\n        team: a  # billing\r\n        pod-security.kubernetes.io/enforce-version: latest\r\n',
      errors: [{ line: 4 }],
      output:
        'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n    name: team-a\r\n    labels:\r\n        team: a  # billing\r\n        pod-security.kubernetes.io/enforce-version: latest\r\n        pod-security.kubernetes.io/enforce: restricted\r\n',
    },
    {
      name: 'default Kubernetes version; flow labels; only warn/audit labels do not count',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  labels: {pod-security.kubernetes.io/warn: restricted}\n',
      errors: [{ line: 4 }],
      output:
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  labels: {pod-security.kubernetes.io/warn: restricted, pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.32}\n',
    },
    {
      name: 'pods of the namespace in the workspace fail restricted (repro: no runAsNonRoot, no seccomp): baseline is enforced, restricted warned',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      settings: { kubernetesVersion: '1.30' },
      files: { '/work/deploy.yaml': shopDeployment('') },
      errors: [{ line: 4 }],
      fixTitles: ['Enforce baseline, warn on and audit restricted (Deployment "web" of this namespace does not meet restricted)'],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/enforce-version: v1.30
`,
    },
    {
      name: 'a privileged pod of the namespace: privileged enforced, restricted audited (an existing warn label is kept)',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/warn: baseline}\n',
      files: { '/work/deploy.yaml': shopDeployment('        securityContext: {privileged: true}\n') },
      errors: [{ line: 4 }],
      fixTitles: ['Enforce privileged, warn on and audit restricted (Deployment "web" of this namespace does not meet baseline)'],
      suggestion: {
        title: 'Enforce privileged, warn on and audit restricted (Deployment "web" of this namespace does not meet baseline)',
        output:
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/warn: baseline, pod-security.kubernetes.io/enforce: privileged, pod-security.kubernetes.io/audit: restricted}\n',
      },
    },
    {
      name: 'pods of the namespace that meet restricted, and failing pods of other namespaces, change nothing',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      files: {
        '/work/deploy.yaml': shopDeployment(RESTRICTED_CONTAINER),
        '/work/other.yaml': shopDeployment('').replace('namespace: shop', 'namespace: other'),
      },
      errors: [{ line: 4 }],
      fixTitles: ['Enforce the restricted Pod Security Standard'],
    },
  ],
});
