// A template whose output does not parse is reported where the text that broke it comes from, and says so: a key a
// `with` block prints beside the same key the template writes (kube-prometheus-stack's alertmanager `logFormat` with
// its CI values) named, with the template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  logFormat: {{ .Values.logFormat | quote }}
{{- with .Values.additionalConfig }}
  {{- toYaml . | nindent 2 }}
{{- end }}
`;

describe('Helm: rendered output that does not parse', () => {
  it('a key rendered twice: named, with the template, on the values line that printed it', () => {
    const values = 'logFormat: logfmt\nadditionalConfig:\n  logFormat: json\n';
    const files = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/values.yaml': values, '/c/templates/cm.yaml': CONFIGMAP };
    const findings = new Linter({}, chartFileSystem(files)).lint({ path: '/c/values.yaml', text: values }).findings;
    const error = findings.find((f) => f.ruleId === 'harden/parse-error');
    assert.ok(error, JSON.stringify(findings.map((f) => f.ruleId)));
    assert.equal(error.range.start.line, 2);
    assert.match(error.message, /^templates\/cm\.yaml renders the key "logFormat" twice in one map/);
  });
});
