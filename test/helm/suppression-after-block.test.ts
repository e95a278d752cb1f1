// A container written after a `{{- with .Values.extraContainers }}…{{- end }}` block (prometheus-pushgateway): lines
// inserted before its own line go with that line whatever the block renders, so its findings keep their quick fixes,
// the suppression comment first (it had none: every finding on the line came without a single fix).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Linter, applyTextEdits, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const TEMPLATE = '/c/templates/deployment.yaml';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 2
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        {{- with .Values.extraContainers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        - name: app
          image: "nginx:1.27"
`;
const NO_EXTRA = 'extraContainers: []\n';
const EXTRA = 'extraContainers:\n  - name: sidecar\n    image: busybox:1.36\n';

function lint(template: string, values: string): Finding[] {
  const files = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/values.yaml': values, [TEMPLATE]: template };
  return new Linter({}, chartFileSystem(files)).lint({ path: TEMPLATE, text: template }).findings;
}

const appLine = DEPLOYMENT.split('\n').findIndex((line) => line.includes('- name: app'));

describe('Helm: findings on a line after a with block keep their fixes', () => {
  it('every finding on the container line offers its suppression, which silences it with and without the block', () => {
    const onApp = lint(DEPLOYMENT, NO_EXTRA).filter((f) => f.range.start.line === appLine);
    assert.ok(onApp.length >= 5, `findings on the container line: ${onApp.map((f) => f.ruleId).join(', ')}`);
    for (const finding of onApp) {
      const suppression = finding.fixes.find((f) => f.suppression);
      assert.ok(suppression, `${finding.ruleId} offers a suppression`);
      const fixed = applyTextEdits(DEPLOYMENT, suppression.edits);
      for (const values of [NO_EXTRA, EXTRA]) {
        const after = lint(fixed, values);
        assert.ok(!after.some((f) => f.ruleId === finding.ruleId && f.range.start.line === appLine + 1), `${finding.ruleId} silenced (${values.trim()})`);
        assert.ok(!after.some((f) => f.ruleId === 'helm/render-error' || f.ruleId === 'harden/parse-error'));
      }
    }
  });

  it('a safe fix inserted before the line renders valid YAML with the block filled, and clears its finding', () => {
    const finding = lint(DEPLOYMENT, NO_EXTRA).find((f) => f.ruleId === 'k8s/allow-privilege-escalation')!;
    const fix = finding.fixes.find((f) => !f.suppression);
    assert.ok(fix, 'a fix is offered');
    const fixed = applyTextEdits(DEPLOYMENT, fix.edits);
    for (const values of [NO_EXTRA, EXTRA]) {
      const after = lint(fixed, values);
      assert.ok(!after.some((f) => f.ruleId === 'helm/render-error' || f.ruleId === 'harden/parse-error'), values);
      assert.ok(!after.some((f) => f.ruleId === 'k8s/allow-privilege-escalation' && f.range.start.line >= appLine), 'the app container sets it');
    }
    // The template's own text is still one document of YAML once the actions are blanked.
    assert.equal(parseAllDocuments(fixed.replace(/\{\{[^}]*\}\}/g, '')).length, 1);
  });
});
