// Helm cuts its output at every line that starts with `---`, YAML only where `---` stands alone: `---` then
// `{{- end -}}` then a comment renders `---# …` (cert-manager's rbac.yaml). Harden reads the output as Helm does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { splitAsHelm } from '../../server/src/engine/testing';
import { chartFileSystem } from './memoryChart';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .Release.Name }}-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
`;

const TEMPLATE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}
---

{{- if not .Values.disabled -}}

# Permission to read secrets
${ROLE}
---

{{- end -}}

# Another comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
`;

describe('Helm output is split as Helm splits it', () => {
  it('a `---` glued to what follows is a document marker: no parse error, findings on the template line', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      '/c/values.yaml': 'disabled: false\n',
      '/c/templates/rbac.yaml': TEMPLATE,
    };
    const linter = new Linter({}, chartFileSystem(files));
    const findings = linter.lint({ path: '/c/templates/rbac.yaml', text: TEMPLATE }).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line]),
      [['k8s/rbac-secrets-access', TEMPLATE.split('\n').findIndex((line) => line.includes('resources: ["secrets"]'))]],
    );
  });

  it('maps offsets of the split text back to the rendered text', () => {
    const rendered = 'a: 1\n---# one\nb: 2\n---c: 3\n';
    const { text, toRendered } = splitAsHelm(rendered);
    assert.equal(text, 'a: 1\n---\n# one\nb: 2\n---\nc: 3\n');
    for (const needle of ['a: 1', '# one', 'b: 2', 'c: 3']) assert.equal(toRendered(text.indexOf(needle)), rendered.indexOf(needle), needle);
    assert.equal(splitAsHelm('a: 1\n--- # x\n---\nb: 2\n').text, 'a: 1\n--- # x\n---\nb: 2\n', 'markers YAML reads already');
  });
});

describe('dependencies that are not vendored', () => {
  it('one info on the name line of each enabled one: its templates are linted as written, not as rendered', () => {
    const chartYaml = `apiVersion: v2
name: blog
version: 1.0.0
dependencies:
  - name: mariadb
    version: 20.x.x
    repository: oci://registry-1.docker.io/bitnamicharts
    condition: mariadb.enabled
  - name: memcached # off by default
    version: 7.x.x
    repository: oci://registry-1.docker.io/bitnamicharts
    condition: memcached.enabled
  - name: common
    version: 2.x.x
    repository: oci://registry-1.docker.io/bitnamicharts
  - name: vendored
    version: 1.0.0
`;
    const files = {
      '/c/Chart.yaml': chartYaml,
      '/c/values.yaml': 'mariadb:\n  enabled: true\nmemcached:\n  enabled: false\n',
      '/c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "common.names.fullname" . }}\n',
      '/c/charts/common-2.31.0.tgz': 'packed',
      '/c/charts/vendored/Chart.yaml': 'apiVersion: v2\nname: vendored\nversion: 1.0.0\n',
    };
    const findings = new Linter({}, chartFileSystem(files)).lint({ path: '/c/Chart.yaml', text: chartYaml }).findings;
    const lines = chartYaml.split('\n');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, lines[f.range.start.line].trim(), f.message]),
      [
        [
          'helm/render-error',
          'info',
          '- name: mariadb',
          'Dependency "mariadb" is not in charts/ (helm dependency build fetches it): the templates that use it are linted as written, not as rendered.',
        ],
        [
          'helm/render-error',
          'info',
          '- name: common',
          'Dependency "common" is packed as charts/common-2.31.0.tgz, which Harden does not unpack: the templates that use it are linted as written, not as rendered.',
        ],
      ],
    );
  });
});

describe('cross-template rules see the whole chart', () => {
  it("a workload's PodDisruptionBudget in a template that sorts after it covers it (Bitnami redis: replicas/application.yaml, replicas/pdb.yaml)", () => {
    const labels = '{app.kubernetes.io/name: redis, app.kubernetes.io/component: replica}';
    const workload = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}-replicas
spec:
  replicas: {{ .Values.replicas }}
  serviceName: {{ .Release.Name }}-headless
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: redis
        image: redis:8.2
`;
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.0.0\n',
      '/c/values.yaml': 'replicas: 3\npdb: {create: true}\n',
      '/c/templates/replicas/application.yaml': workload,
      '/c/templates/replicas/pdb.yaml': `{{- if .Values.pdb.create }}\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {{ .Release.Name }}-replicas\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: ${labels}\n{{- end }}\n`,
    };
    const lintWorkload = (all: Record<string, string>) =>
      new Linter({}, chartFileSystem(all)).lint({ path: '/c/templates/replicas/application.yaml', text: workload }).findings.map((f) => f.ruleId);
    assert.ok(!lintWorkload(files).includes('k8s/pdb-missing'));
    // Without the budget the finding is there: the assertion above can fail.
    assert.ok(lintWorkload({ ...files, '/c/values.yaml': 'replicas: 3\npdb: {create: false}\n' }).includes('k8s/pdb-missing'));
  });
});
