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
    '',
  ].join(eol);

const versioned = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        version: "1.2.3"
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const withExpressions = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
    matchExpressions:
    - {key: track, operator: In, values: [stable, canary]}
    - {key: debug, operator: DoesNotExist}
  template:
    metadata:
      labels: {app: web, track: stable, version: v2}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const deploymentConfig = `apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: web
spec:
  replicas: 2
  selector:
    app: web
  template:
    metadata:
      labels: {app: web, deployment: v7}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

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
      name: "two replicas, no PDB: appends a policy/v1 PDB with the Deployment's selector (not every pod label)",
      code: web(2),
      errors: [
        {
          line: 4,
          message: 'Deployment "web" runs 2 replicas but no PodDisruptionBudget selects its pods (selector app=web): a node drain may evict them all at once.',
        },
      ],
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
    {
      // tekton config/webhook.yaml, kube-prometheus: the pod template carries a version the selector leaves out, so
      // that the previous pods of a rolling update stay selected (and protected).
      name: 'a version label on the pods but not in spec.selector stays out of the PDB selector',
      code: versioned,
      errors: [{ line: 4, message: /no PodDisruptionBudget selects its pods \(selector app=web\)/ }],
      output: versioned + appended('1'),
    },
    {
      name: 'a selector with matchExpressions is copied whole (a PDB selector takes them too)',
      code: withExpressions,
      errors: [{ line: 4, message: /\(selector app=web,track in \(stable,canary\),!debug\)/ }],
      output:
        withExpressions +
        [
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '  name: web-pdb',
          'spec:',
          '  maxUnavailable: 1',
          '  selector:',
          '    matchLabels:',
          '      app: web',
          '    matchExpressions:',
          '    - key: track',
          '      operator: In',
          '      values:',
          '      - stable',
          '      - canary',
          '    - key: debug',
          '      operator: DoesNotExist',
          '',
        ].join('\n'),
    },
    {
      name: 'a templated spec.selector: which pods it selects is unknown, so no fix; the message names the pod labels',
      code: web(3).replace('    matchLabels:\n      app: web\n  template', '    matchLabels:\n      app: "{{ .Values.app }}"\n  template'),
      errors: [{ line: 4, message: /no PodDisruptionBudget selects its pods \(pod labels app=web,tier=front\)/ }],
      fixTitles: [],
    },
    {
      name: 'a spec.selector the pod labels do not meet (rejected by the API server): no fix',
      code: web(3).replace('    matchLabels:\n      app: web\n  template', '    matchLabels:\n      app: api\n  template'),
      errors: [{ line: 4 }],
      fixTitles: [],
    },
    {
      name: "a DeploymentConfig's selector is a plain label map",
      code: deploymentConfig,
      errors: [{ line: 4, message: /DeploymentConfig "web" runs 2 replicas .*\(selector app=web\)/ }],
      output: deploymentConfig + appended('1'),
    },
  ],
});
