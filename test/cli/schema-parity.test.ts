// Editor/CLI parity of schema validation: the same files through the real language server (harden-schema
// diagnostics) and the real CLI (harden-schema findings) give the same problems — same messages, same
// ranges, warning severity — and --no-schema turns them off in the CLI.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, TestClient } from '../lsp/helpers/testClient';
import { ensureBundles } from './helpers/cliBundle';
import { hardenInProcess as harden, removeTempDirs, tempDir } from './helpers/run';

const FILES: Record<string, string> = {
  'unknown-field.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  portz:\n    - port: 80\n',
  'wrong-types.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: "two"\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n          ports:\n            - containerPort: http\n',
  'missing-and-multi.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: value\n---\n# second document\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: nginx:1.27\n      bogus: true\n',
  'crlf.yaml': 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: n\r\n  labelz: {}\r\n',
  // A custom resource: validated against the CRD of widget-crd.yaml (a file of the run, open in the editor).
  'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n  colour: red\n',
};

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
                color:
                  type: string
`;
/** The widget's problems, each naming the CRD file its schema comes from (relative to the widget's folder). */
const widgetProblems = (crdFile: string) =>
  ['Incorrect type. Expected "integer".', 'Property colour is not allowed.'].map(
    (m) => `${m} (schema from CustomResourceDefinition widgets.example.com in ${crdFile}:1)`,
  );

type Report = { results: Array<{ file: string; findings: Array<Problem & { ruleId: string }> }> };
const schemaMessages = (report: Report, file: string) =>
  (report.results.find((r) => r.file === file)?.findings ?? []).filter((f) => f.ruleId === 'harden-schema').map((f) => f.message);

interface Problem {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity: string;
}

describe('schema findings: CLI and editor agree', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    await ensureBundles(['server', 'cli', 'mvdan-sh', 'yaml-language-service']);
    client = await TestClient.start();
    dir = tempDir({ ...FILES, 'widget-crd.yaml': CRD });
  });
  after(async () => {
    await client.stop();
    removeTempDirs();
  });

  it('reports the same problems, at the same places, with the same messages', async () => {
    const run = await harden(dir, ['lint', '--format', 'json', 'widget-crd.yaml', ...Object.keys(FILES)]);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(schemaMessages(report, 'widget.yaml'), widgetProblems('widget-crd.yaml'));
    const crdUri = fileUri('parity/widget-crd.yaml');
    await client.open(crdUri, CRD);
    await client.waitForDiagnostics(crdUri, { timeoutMs: 20_000 });
    let compared = 0;
    for (const [name, text] of Object.entries(FILES)) {
      const cli = report.results.find((r) => r.file === name)?.findings.filter((f) => f.ruleId === 'harden-schema') ?? [];
      assert.ok(cli.length > 0, `${name}: the CLI reports schema problems`);
      const uri = fileUri(`parity/${name}`);
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.source === 'harden-schema'), timeoutMs: 20_000 });
      const editor = published.diagnostics.filter((d) => d.source === 'harden-schema');
      assert.deepEqual(
        cli.map((f) => ({ range: f.range, message: f.message, severity: f.severity })),
        editor.map((d) => ({ range: d.range, message: d.message, severity: d.severity === 2 ? 'warning' : String(d.severity) })),
        name,
      );
      compared += cli.length;
    }
    assert.ok(compared >= 7, `${compared} problems compared`);
  });

  it("--no-schema leaves them out; the rules' findings stay", async () => {
    const run = await harden(dir, ['lint', '--format', 'json', '--no-schema', 'missing-and-multi.yaml']);
    const ids = (JSON.parse(run.stdout) as { results: Array<{ findings: Array<{ ruleId: string }> }> }).results[0].findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('harden-schema') && ids.includes('k8s/run-as-non-root'), ids.join());
    assert.ok(fs.existsSync(path.join(dir, 'missing-and-multi.yaml')));
  });

  it('reads the CRDs of `crds:` (a folder outside the linted one), with one thread and with --jobs 2', async () => {
    const files: Record<string, string> = { 'vendor/crds/widget-crd.yaml': CRD, '.harden.yaml': 'crds: [vendor/crds]\n' };
    // Enough files for two threads: the CRD set must reach the worker's share of them too.
    for (let i = 0; i < 120; i++) files[`app/widget-${String(i).padStart(3, '0')}.yaml`] = FILES['widget.yaml'];
    const root = tempDir(files);
    for (const jobs of ['1', '2']) {
      const report = JSON.parse((await harden(root, ['lint', '--format', 'json', '--jobs', jobs, 'app'])).stdout) as Report;
      const widgets = report.results.filter((r) => r.file.includes('widget-'));
      assert.equal(widgets.length, 120, `--jobs ${jobs}`);
      for (const result of widgets)
        assert.deepEqual(schemaMessages(report, result.file), widgetProblems('../vendor/crds/widget-crd.yaml'), `--jobs ${jobs}: ${result.file}`);
    }
    // Without `crds:`, nothing knows the kind: no schema findings.
    fs.writeFileSync(path.join(root, '.harden.yaml'), 'rules: {}\n');
    const plain = JSON.parse((await harden(root, ['lint', '--format', 'json', 'app/widget-000.yaml'])).stdout) as Report;
    assert.deepEqual(schemaMessages(plain, 'app/widget-000.yaml'), []);
  });

  it('a CRD in a file a kustomize build covers validates the custom resources of the other files', async () => {
    const root = tempDir({ 'crds/kustomization.yaml': 'resources:\n- widget-crd.yaml\n', 'crds/widget-crd.yaml': CRD, 'widget.yaml': FILES['widget.yaml'] });
    const report = JSON.parse((await harden(root, ['lint', '--format', 'json', '.'])).stdout) as Report;
    assert.deepEqual(schemaMessages(report, 'widget.yaml'), widgetProblems('crds/widget-crd.yaml'));
  });
});
