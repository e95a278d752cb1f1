// A chart's templates/NOTES.txt renders with the chart, as in Helm (its engine renders every template; install then
// takes NOTES.txt out of the manifests), so a `fail` or `required` in it fails `helm install`: that is reported on
// NOTES.txt like any template's render error (opentelemetry-collector's `fail "'mode' must be set"` linted clean).
// Its output is never linted as a manifest, nor its text as YAML.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Linter, detectLanguage, type EngineSettings, type Finding } from '../../server/src/engine';
import { discoverFiles } from '../../server/src/hosts/cli/discover';
import { chartFileSystem } from './memoryChart';

const NOTES = `Thank you for installing {{ .Chart.Name }}.
{{- if not .Values.mode }}
{{ fail "[ERROR] 'mode' must be set" }}
{{- end }}
`;

const POD_EXAMPLE = `Run a debug pod:

apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostNetwork: true
  containers: 3
`;

const chart = (notes: string, extra: Record<string, string> = {}): Record<string, string> => ({
  '/c/Chart.yaml': 'apiVersion: v2\nname: otel\nversion: 1.0.0\n',
  '/c/values.yaml': 'mode: ""\n',
  '/c/templates/NOTES.txt': notes,
  '/c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: otel\ndata:\n  mode: {{ .Values.mode | quote }}\n',
  ...extra,
});

function lint(files: Record<string, string>, file: string, settings: Partial<EngineSettings> = {}): Finding[] {
  return new Linter(settings, chartFileSystem(files)).lint({ path: file, text: files[file] }).findings;
}

describe("a chart's NOTES.txt", () => {
  it('is a file the engine lints (its render errors go there), only under templates/', () => {
    assert.equal(detectLanguage('/c/templates/NOTES.txt'), 'kubernetes');
    assert.equal(detectLanguage('/c/charts/sub/templates/NOTES.txt'), 'kubernetes');
    assert.equal(detectLanguage('C:\\c\\templates\\NOTES.txt'), 'kubernetes');
    assert.equal(detectLanguage('/c/NOTES.txt'), undefined);
    assert.equal(detectLanguage('/c/templates/notes.txt'), undefined);
  });

  it('a fail in it is a render error on the failing action, an info with the default values', () => {
    const files = chart(NOTES);
    const findings = lint(files, '/c/templates/NOTES.txt');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [['helm/render-error', 'info', 2]],
    );
    assert.match(
      findings[0].message,
      /Helm cannot render otel\/templates\/NOTES\.txt with the chart's default values \(error calling fail: \[ERROR\] 'mode' must be set\)/,
    );
    // The other templates render and lint as before.
    assert.deepEqual(lint(files, '/c/templates/cm.yaml'), []);
  });

  it('with the deployer values given, still failing: an error; set: nothing', () => {
    const failing = chart(NOTES, { '/v/prod.yaml': 'replicas: 2\n' });
    const findings = lint(failing, '/c/templates/NOTES.txt', { helm: { valuesFiles: ['/v/prod.yaml'] } });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [['helm/render-error', 'error']],
    );
    const set = chart(NOTES, { '/v/prod.yaml': 'mode: daemonset\n' });
    assert.deepEqual(lint(set, '/c/templates/NOTES.txt', { helm: { valuesFiles: ['/v/prod.yaml'] } }), []);
  });

  it("a subchart's NOTES.txt renders too (Helm renders it whatever --render-subchart-notes says)", () => {
    const files = chart('Installed.\n', {
      '/c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
      '/c/charts/sub/templates/NOTES.txt': '{{ required "sub.token is required" .Values.token }}\n',
    });
    const findings = lint(files, '/c/charts/sub/templates/NOTES.txt');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [['helm/render-error', 'info']],
    );
    assert.match(findings[0].message, /otel\/charts\/sub\/templates\/NOTES\.txt/);
  });

  it('its text and output are never linted as YAML, rendered or masked', () => {
    assert.deepEqual(lint(chart(POD_EXAMPLE, { '/c/values.yaml': 'mode: daemonset\n' }), '/c/templates/NOTES.txt'), []);
    // A template that fails is otherwise also linted masked: not NOTES.txt.
    assert.deepEqual(
      lint(chart(`${NOTES}${POD_EXAMPLE}`), '/c/templates/NOTES.txt').map((f) => f.ruleId),
      ['helm/render-error'],
    );
    // Outside a chart, nothing.
    assert.deepEqual(new Linter({}, chartFileSystem({})).lint({ path: '/x/templates/NOTES.txt', text: POD_EXAMPLE }).findings, []);
  });

  it('harden lint <chart> lints it (the CLI walks by whole path, not by file name)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-notes-'));
    try {
      for (const [file, text] of Object.entries(chart(NOTES, { '/c/NOTES.txt': 'not a template\n' }))) {
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      const found = discoverFiles(['c'], dir).files.map((f) => f.display.split(path.sep).join('/'));
      assert.deepEqual(found.sort(), ['c/Chart.yaml', 'c/templates/NOTES.txt', 'c/templates/cm.yaml', 'c/values.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
