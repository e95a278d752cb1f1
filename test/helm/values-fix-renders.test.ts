// A fix of a values line changes what every template that reads the value renders. A chart may guard its values
// (loki-distributed: `{{ fail "maxUnavailable must be set when replicas > 1" }}` in the PDB template): a fix that
// raises `replicas` there would stop the release at install. Such a fix is not offered; the finding stays.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const VALUES = '/c/values.yaml';
const VALUES_TEXT = 'gateway:\n  replicas: 1\n  maxUnavailable: null\n';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
spec:
  replicas: {{ .Values.gateway.replicas }}
  selector:
    matchLabels:
      app: gateway
  template:
    metadata:
      labels:
        app: gateway
    spec:
      containers:
        - name: gateway
          image: nginx:1.27.3
`;

const GUARDED_PDB = `{{- if gt (int .Values.gateway.replicas) 1 }}
{{- if kindIs "invalid" .Values.gateway.maxUnavailable }}
{{- fail "maxUnavailable must be set when replicas is greater than 1" }}
{{- end }}
{{- end }}
`;

function lint(extra: Record<string, string>): Finding[] {
  const files = {
    '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    [VALUES]: VALUES_TEXT,
    '/c/templates/deployment.yaml': DEPLOYMENT,
    ...extra,
  };
  return new Linter({}, chartFileSystem(files)).lint({ path: VALUES, text: VALUES_TEXT }).findings;
}

const replicas = (findings: Finding[]) => {
  const found = findings.filter((f) => f.ruleId === 'k8s/replicas');
  assert.equal(found.length, 1, JSON.stringify(findings.map((f) => f.ruleId)));
  assert.equal(found[0].range.start.line, 1, 'on the values line');
  return found[0];
};

describe('Helm: a values fix that makes the chart fail to render is not offered', () => {
  it('without a guard, the replicas suggestion edits values.yaml', () => {
    const fix = replicas(lint({})).fixes.find((f) => !f.suppression);
    assert.ok(fix, 'a fix is offered');
    assert.match(applyTextEdits(VALUES_TEXT, fix.edits), /^gateway:\n {2}replicas: [2-9]\n {2}maxUnavailable: null\n$/);
  });

  it("with the chart's own `fail` guard on replicas > 1, the finding stays and the fix is dropped", () => {
    const finding = replicas(lint({ '/c/templates/pdb.yaml': GUARDED_PDB }));
    assert.deepEqual(
      finding.fixes.filter((f) => !f.suppression).map((f) => f.title),
      [],
    );
  });

  it('a guard that the fixed value satisfies does not drop the fix', () => {
    const values = VALUES_TEXT.replace('maxUnavailable: null', 'maxUnavailable: 1');
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      [VALUES]: values,
      '/c/templates/deployment.yaml': DEPLOYMENT,
      '/c/templates/pdb.yaml': GUARDED_PDB,
    };
    const found = new Linter({}, chartFileSystem(files)).lint({ path: VALUES, text: values }).findings.filter((f) => f.ruleId === 'k8s/replicas');
    assert.equal(found.length, 1);
    assert.ok(found[0].fixes.some((f) => !f.suppression));
  });
});
