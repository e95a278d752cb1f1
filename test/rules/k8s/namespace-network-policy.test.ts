import { ruleTester } from '../../harness/ruleTester';

const namespace = (name = 'shop') => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}  # the shop
`;

const deployment = (ns = 'shop') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: web:1.0
`;

const policy = (kind = 'NetworkPolicy', ns = 'shop', apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: allow${ns ? `\n  namespace: ${ns}` : ''}\nspec:\n  podSelector: {}\n`;

const appended = (seqIndent = '  ') =>
  [
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: default-deny-ingress',
    '  namespace: shop',
    'spec:',
    '  podSelector: {}',
    '  policyTypes:',
    `  ${seqIndent}- Ingress`,
    '',
  ].join('\n');

ruleTester('k8s/namespace-network-policy', {
  valid: [
    { name: 'a NetworkPolicy of the namespace in another file', code: namespace(), files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy() } },
    { name: 'no workload of the namespace in the workspace', code: namespace(), files: { '/work/d.yaml': deployment('other') } },
    {
      name: 'a NetworkPolicy without namespace may be applied to it',
      code: namespace(),
      files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy('NetworkPolicy', '') },
    },
    {
      name: "Cilium's namespaced policy",
      code: namespace(),
      files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy('CiliumNetworkPolicy', 'shop', 'cilium.io/v2') },
    },
    {
      name: "Calico's cluster-wide policy",
      code: namespace(),
      files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy('GlobalNetworkPolicy', '', 'projectcalico.org/v3') },
    },
    {
      name: "Istio's AuthorizationPolicy of the namespace",
      code: namespace(),
      files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy('AuthorizationPolicy', 'shop', 'security.istio.io/v1') },
    },
    {
      name: "Istio's mesh-wide AuthorizationPolicy (root namespace)",
      code: namespace(),
      files: { '/work/d.yaml': deployment(), '/work/p.yaml': policy('AuthorizationPolicy', 'istio-system', 'security.istio.io/v1') },
    },
    { name: 'kube-system', code: namespace('kube-system'), files: { '/work/d.yaml': deployment('kube-system') } },
    { name: 'templated name', code: namespace('"{{ .Values.namespace }}"'), files: { '/work/d.yaml': deployment() } },
    { name: 'workloads written without namespace are not counted', code: namespace(), files: { '/work/d.yaml': deployment('') } },
  ],
  invalid: [
    {
      name: 'workloads and no policy: suggests a default-deny ingress policy appended to the file',
      code: namespace(),
      files: { '/work/d.yaml': deployment() },
      errors: [
        {
          line: 4,
          message:
            'Namespace "shop" runs Deployment "web" but no NetworkPolicy of the workspace applies to it: its pods accept traffic from every pod of the cluster.',
          severity: 'info',
        },
      ],
      fixTitles: ['Add a default-deny ingress NetworkPolicy'],
      output: `${namespace()}${appended()}`,
    },
    {
      name: 'a policy of another namespace does not count; the workload in the same file does',
      code: `${namespace()}---\n${deployment()}`,
      files: { '/work/p.yaml': policy('NetworkPolicy', 'other') },
      errors: [{ line: 4 }],
      output: `${namespace()}${appended()}---\n${deployment()}`,
    },
  ],
});
