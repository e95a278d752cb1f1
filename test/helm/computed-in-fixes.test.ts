// A fix written into a template must not copy what the template computes: the PodDisruptionBudget fix of a
// Deployment named `{{ .Release.Name }}-web` in `{{ .Release.Namespace }}` would write `name: release-name-web-pdb`,
// `namespace: default` and a selector on `release: release-name` as literals: right for this render only, a budget
// that selects nothing (and lives in the wrong namespace) once the chart is installed as anything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const TEMPLATE = '/c/templates/deployment.yaml';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  namespace: {{ .Release.Namespace }}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web, release: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: web, release: {{ .Release.Name }}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: {{ .Values.port }}
`;

function lint(template: string): Finding[] {
  const files = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/values.yaml': 'port: 8080\n', [TEMPLATE]: template };
  return new Linter({}, chartFileSystem(files)).lint({ path: TEMPLATE, text: template }).findings;
}

const fixTitles = (findings: Finding[], ruleId: string) =>
  findings
    .filter((f) => f.ruleId === ruleId)
    .flatMap((f) => f.fixes)
    .filter((fix) => !fix.suppression)
    .map((fix) => fix.title);

describe('Helm: template fixes do not hard-code what the template computes', () => {
  const findings = lint(DEPLOYMENT);

  it('the PodDisruptionBudget and the spread constraint (they copy the release name) are reported without a template fix', () => {
    for (const rule of ['k8s/pdb-missing', 'k8s/topology-spread']) {
      assert.ok(
        findings.some((f) => f.ruleId === rule),
        `${rule} reported`,
      );
      assert.deepEqual(fixTitles(findings, rule), [], rule);
      assert.ok(
        findings.filter((f) => f.ruleId === rule).every((f) => f.fixes.some((fix) => fix.suppression)),
        'the suppression comment stays',
      );
    }
  });

  it('fixes that write constants stay', () => {
    assert.deepEqual(fixTitles(findings, 'k8s/allow-privilege-escalation'), ['Set allowPrivilegeEscalation: false']);
  });

  it('with literal names, the same fixes are offered', () => {
    const literal = DEPLOYMENT.replace(/\{\{ \.Release\.Name \}\}/g, 'shop').replace('{{ .Release.Namespace }}', 'prod');
    const titles = fixTitles(lint(literal), 'k8s/pdb-missing');
    assert.equal(titles.length, 1, titles.join(', '));
  });
});
