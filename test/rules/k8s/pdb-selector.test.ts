import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        version: v3
    spec:
      containers:
      - name: app
        image: web:1.0
---
`;

const pdb = (selector: string, ns = 'prod', apiVersion = 'policy/v1') => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
${selector}`;

// \`web\` lives in the default namespace; prod has only \`other\`, so the prod PDB for app=web protects nothing.
const OTHER_NS =
  web.replace('  namespace: prod\n', '') +
  web.replace('name: web\n', 'name: other\n').replace(/app: web/g, 'app: other') +
  pdb('    matchLabels:\n      app: web\n');

ruleTester('k8s/pdb-selector', {
  valid: [
    { name: 'matchLabels matching the pods', code: web + pdb('    matchLabels:\n      app: web\n      version: v3\n') },
    {
      name: 'matchExpressions',
      code: web + pdb('    matchExpressions:\n    - {key: version, operator: In, values: [v2, v3]}\n    - {key: canary, operator: DoesNotExist}\n'),
    },
    { name: 'policy/v1 empty selector selects every pod of the namespace', code: web + pdb('    {}\n') },
    { name: 'no workload of that namespace in the workspace: pods managed elsewhere', code: web + pdb('    matchLabels:\n      app: operator\n', 'ops') },
    { name: 'templated selector', code: web + pdb('    matchLabels:\n      app: "{{ .Values.app }}"\n') },
    { name: 'a lone PDB', code: pdb('    matchLabels:\n      app: nothing\n') },
  ],
  invalid: [
    {
      name: 'stale version label',
      code: web + pdb('    matchLabels:\n      app: web\n      version: v2\n'),
      errors: [{ line: 28, message: /selects no workload of namespace "prod"/ }],
    },
    {
      name: 'the workload is in another namespace (no namespace = default)',
      code: OTHER_NS,
      errors: [{ line: OTHER_NS.split('\n').lastIndexOf('  selector:') + 1 }],
    },
    {
      name: 'policy/v1beta1 empty selector selects nothing',
      code: web + pdb('    {}\n', 'prod', 'policy/v1beta1'),
      errors: [{ line: 28, message: /empty selector/ }],
    },
  ],
});

describe('k8s/pdb-selector: pods an operator creates', () => {
  const pdb = (labels: string) =>
    `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: am\n  namespace: monitoring\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n${labels}`;
  const workload =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: monitoring\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: web:1}\n';
  const hits = (text: string) => new Linter().lint({ path: '/w/pdb.yaml', text }).findings.filter((f) => f.ruleId === 'k8s/pdb-selector');

  it('labels naming a custom resource of the namespace (kube-prometheus Alertmanager "main") are not a warning', () => {
    const cr = 'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata:\n  name: main\n  namespace: monitoring\nspec:\n  replicas: 3\n';
    assert.deepEqual(hits(`${pdb('      app.kubernetes.io/instance: main\n')}---\n${workload}---\n${cr}`), []);
  });

  it('typical operator labels are not a warning', () => {
    assert.deepEqual(hits(`${pdb('      app.kubernetes.io/managed-by: my-operator\n')}---\n${workload}`), []);
  });

  it('a plain label that nothing matches still is', () => {
    assert.equal(hits(`${pdb('      app.kubernetes.io/instance: main\n')}---\n${workload}`).length, 1);
  });
});
