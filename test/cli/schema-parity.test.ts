// Editor/CLI parity of schema validation: the same files through the real language server (harden-schema
// diagnostics) and the real CLI (harden-schema findings) give the same problems — same messages, same
// ranges, warning severity — and --no-schema turns them off in the CLI.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { BUNDLE_NAMES, bundleOptions } from '../../scripts/bundles';
import { fileUri, TestClient } from '../lsp/helpers/testClient';
import { REPO } from './helpers/cliBundle';
import { harden, removeTempDirs, tempDir } from './helpers/run';

const FILES: Record<string, string> = {
  'unknown-field.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  portz:\n    - port: 80\n',
  'wrong-types.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: "two"\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n          ports:\n            - containerPort: http\n',
  'missing-and-multi.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: value\n---\n# second document\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: nginx:1.27\n      bogus: true\n',
  'crlf.yaml': 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: n\r\n  labelz: {}\r\n',
};

interface Problem {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity: string;
}

describe('schema findings: CLI and editor agree', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    await Promise.all(BUNDLE_NAMES.map((name) => build(bundleOptions(name, REPO))));
    client = await TestClient.start();
    dir = tempDir(FILES);
  });
  after(async () => {
    await client.stop();
    removeTempDirs();
  });

  it('reports the same problems, at the same places, with the same messages', async () => {
    const run = harden(dir, ['lint', '--format', 'json', ...Object.keys(FILES)]);
    const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<Problem & { ruleId: string }> }> };
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
    assert.ok(compared >= 5, `${compared} problems compared`);
  });

  it("--no-schema leaves them out; the rules' findings stay", () => {
    const run = harden(dir, ['lint', '--format', 'json', '--no-schema', 'missing-and-multi.yaml']);
    const ids = (JSON.parse(run.stdout) as { results: Array<{ findings: Array<{ ruleId: string }> }> }).results[0].findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('harden-schema') && ids.includes('k8s/run-as-non-root'), ids.join());
    assert.ok(fs.existsSync(path.join(dir, 'missing-and-multi.yaml')));
  });
});
