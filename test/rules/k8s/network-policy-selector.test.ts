import { ruleTester } from '../../harness/ruleTester';

const deployment = (labels: string, ns = 'prod') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: app
        image: web:1.0
`;

const policy = (podSelector: string, ns = 'prod') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: ${ns}
spec:
  podSelector:
${podSelector}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
`;

const withPeers = (peers: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-traffic
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
${peers}
  egress:
  - to:
    - podSelector: {matchLabels: {app: db}}
`;

const files = { '/work/deploy.yaml': deployment('{app: web, tier: back}'), '/work/db.yaml': deployment('{app: db}').replace('name: web', 'name: db') };

ruleTester('k8s/network-policy-selector', {
  valid: [
    { name: 'matchLabels selects the Deployment of another file', code: policy('    matchLabels: {app: web}'), files },
    { name: 'matchExpressions In', code: policy('    matchExpressions:\n    - {key: app, operator: In, values: [api, web]}'), files },
    { name: 'matchExpressions Exists', code: policy('    matchExpressions:\n    - {key: tier, operator: Exists}'), files },
    { name: 'empty podSelector: every pod of the namespace', code: policy('    {}'), files },
    { name: 'file opened alone', code: policy('    matchLabels: {app: nothing}') },
    { name: 'no pod of the namespace in the workspace', code: policy('    matchLabels: {app: nothing}', 'other'), files },
    { name: 'templated selector', code: policy('    matchLabels: {app: "{{ .Values.app }}"}'), files },
    { name: 'templated pod labels', code: policy('    matchLabels: {app: web}'), files: { '/work/d.yaml': deployment('{app: "{{ .Values.name }}"}') } },
    { name: 'operator labels (pods an operator creates)', code: policy('    matchLabels: {app.kubernetes.io/managed-by: strimzi-cluster-operator}'), files },
    {
      name: "pods of an operator (CloudNativePG's cnpg.io/cluster names the Cluster resource)",
      code: policy('    matchLabels: {cnpg.io/cluster: pg}'),
      files: { ...files, '/work/pg.yaml': 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: pg, namespace: prod}\nspec: {instances: 3}\n' },
    },
    {
      name: 'a peer of pods the operator makes from a custom resource, named after its kind (kube-prometheus: app.kubernetes.io/name: prometheus for Prometheus "k8s")',
      code: withPeers('    - podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}'),
      files: {
        ...files,
        '/work/prometheus.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: prod}\nspec: {}\n',
      },
    },
    { name: 'peers select pods of the namespace', code: withPeers('    - podSelector: {matchLabels: {tier: back}}'), files },
    {
      name: 'a peer with a namespaceSelector selects pods of other namespaces',
      code: withPeers('    - namespaceSelector: {matchLabels: {team: shop}}\n      podSelector: {matchLabels: {app: frontend}}'),
      files,
    },
    { name: 'an empty peer podSelector: every pod of the namespace', code: withPeers('    - podSelector: {}'), files },
    { name: 'ipBlock peers', code: withPeers('    - ipBlock: {cidr: 10.0.0.0/8}'), files },
  ],
  invalid: [
    {
      name: 'label typo',
      code: policy('    matchLabels: {app: wbe}'),
      files,
      errors: [{ line: 7, message: 'NetworkPolicy "web-ingress" selects no pod template of namespace "prod" in the workspace: it applies to nothing.' }],
    },
    {
      name: 'matchExpressions NotIn excludes the only workload',
      code: policy('    matchExpressions:\n    - {key: app, operator: NotIn, values: [web]}'),
      files: { '/work/deploy.yaml': deployment('{app: web}') },
      errors: [{ line: 7 }],
    },
    {
      name: 'the Deployment of the same file has other labels',
      code: `${deployment('{app: api}')}---\n${policy('    matchLabels: {app: web}')}`,
      errors: [{ line: 23 }, { line: 28, message: /allows traffic from pods/ }],
    },
    {
      name: 'an ingress peer of the same namespace that selects nothing (and the egress peer is fine)',
      code: withPeers('    - podSelector: {matchLabels: {app: frontend}}'),
      files,
      errors: [
        {
          line: 12,
          message:
            'NetworkPolicy "web-traffic" allows traffic from pods that no pod template of namespace "prod" in the workspace carries: this peer matches nothing.',
        },
      ],
    },
    {
      name: 'an egress peer that selects nothing',
      code: withPeers('    - podSelector: {matchLabels: {app: web}}'),
      files: { '/work/deploy.yaml': deployment('{app: web}') },
      errors: [{ line: 15, message: /allows traffic to pods/ }],
    },
  ],
});
