import { ruleTester } from '../../harness/ruleTester';

const web = (replicas: number | null, ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
${replicas === null ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front  # pod labels
    spec:
      containers:
      - name: app
        image: web:1.0
`;

const pdb = (selector: string, ns = '', apiVersion = 'policy/v1') => `---
apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web-budget${ns ? `\n  namespace: ${ns}` : ''}
spec:
  maxUnavailable: 1
  selector:
${selector}`;

const hpa = (min: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: ${min}
  maxReplicas: 10
`;

const appended = (maxUnavailable: string, ns = '', eol = '\n') =>
  [
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    '  name: web-pdb',
    ...(ns ? [`  namespace: ${ns}`] : []),
    'spec:',
    `  maxUnavailable: ${maxUnavailable}`,
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '      tier: front',
    '',
  ].join(eol);

ruleTester('k8s/pdb-missing', {
  valid: [
    { name: 'a PDB in the same file selects the pods (matchLabels subset)', code: web(3) + pdb('    matchLabels:\n      app: web\n') },
    { name: 'matchExpressions In', code: web(3) + pdb('    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, api]\n') },
    { name: 'one replica: nothing to budget', code: web(1) },
    { name: 'replicas absent (1)', code: web(null) },
    { name: 'a PDB whose selector cannot be read statically may match', code: web(3) + pdb('    matchLabels:\n      app: "{{ .Values.app }}"\n') },
    { name: 'policy/v1 empty selector selects every pod of the namespace', code: web(3) + pdb('    {}\n') },
    {
      name: 'DaemonSet is not judged',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'two replicas, no PDB: appends a policy/v1 PDB with the pod labels',
      code: web(2),
      errors: [{ line: 4, message: /runs 2 replicas but no PodDisruptionBudget selects its pods \(app=web, tier=front\)/ }],
      output: web(2) + appended('1'),
    },
    {
      name: 'PDB in another namespace does not count; namespace copied; replicas ≥ 4 uses 25%',
      code: web(5, 'prod') + pdb('    matchLabels:\n      app: web\n', 'staging'),
      errors: [{ line: 4 }],
      output: web(5, 'prod') + appended('25%', 'prod') + pdb('    matchLabels:\n      app: web\n', 'staging'),
    },
    {
      name: 'HPA-managed (minReplicas 4) with a PDB whose selector does not match',
      code: web(null) + pdb('    matchLabels:\n      app: api\n') + hpa(4),
      errors: [{ line: 4, message: /scaled by HorizontalPodAutoscaler "web"/ }],
      output: web(null) + appended('25%') + pdb('    matchLabels:\n      app: api\n') + hpa(4),
    },
    {
      name: 'policy/v1beta1 empty selector selects nothing',
      code: web(3) + pdb('    {}\n', '', 'policy/v1beta1'),
      errors: [{ line: 4 }],
      output: web(3) + appended('1') + pdb('    {}\n', '', 'policy/v1beta1'),
    },
    {
      name: 'no final line break, CRLF, 4-space indentation',
      code: 'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: db\r\nspec:\r\n    replicas: 3\r\n    template:\r\n        metadata:\r\n            labels:\r\n                app: db\r\n        spec:\r\n            containers:\r\n            -   name: db\r\n                image: db:1',
      errors: [{ line: 4, message: /StatefulSet "db" runs 3 replicas/ }],
      output:
        'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: db\r\nspec:\r\n    replicas: 3\r\n    template:\r\n        metadata:\r\n            labels:\r\n                app: db\r\n        spec:\r\n            containers:\r\n            -   name: db\r\n                image: db:1\r\n' +
        '---\r\napiVersion: policy/v1\r\nkind: PodDisruptionBudget\r\nmetadata:\r\n    name: db-pdb\r\nspec:\r\n    maxUnavailable: 1\r\n    selector:\r\n        matchLabels:\r\n            app: db\r\n',
    },
  ],
});
