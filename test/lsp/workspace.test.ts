// The server over a real workspace folder: `.harden.yaml` (found upwards from each file, under the editor
// settings, ignore globs, invalid files, live edits) and the workspace index (background scan, watched
// file changes, open documents re-published when another file changes what cross-file rules see).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/testClient';

const READINESS = 'k8s/liveness-probe';
const PDB_MISSING = 'k8s/pdb-missing';
const INVALID_CONFIG = 'harden/invalid-config';
const INDEX_READY = /workspace index ready/;

const DEPLOYMENT = (app = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: ${app}
          image: nginx:1.27.0
`;

const PDB = (app: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: ${app}
`;

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-ws-')));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));
const has = (code: string) => (params: PublishDiagnosticsParams) => codes(params).includes(code);
const lacks = (code: string) => (params: PublishDiagnosticsParams) => !codes(params).includes(code);

/** A client on `dir` as its only workspace folder, once the initial scan is done. */
async function startOn(dir: string, options: Parameters<typeof TestClient.start>[0] = {}): Promise<TestClient> {
  const client = await TestClient.start({ startupDelayMs: 0, ...options, workspaceFolders: [dir] });
  await client.waitForLog(INDEX_READY);
  return client;
}

describe('language server: .harden.yaml', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('a config turning k8s/liveness-probe off silences it; harden.rules turning it back on wins', async () => {
    const dir = workspace({ '.harden.yaml': `rules:\n  ${READINESS}: off\n`, 'k8s/deploy.yaml': DEPLOYMENT() });
    client = await startOn(dir);
    const uri = uriOf(dir, 'k8s/deploy.yaml');
    const opened = await client.open(uri, DEPLOYMENT());
    assert.ok(lacks(READINESS)(opened), codes(opened).join(', '));
    assert.ok(opened.diagnostics.length > 0, 'other rules still report');

    const mark = client.mark();
    client.settings = { rules: { [READINESS]: 'warning' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const republished = await client.waitForDiagnostics(uri, { after: mark, where: has(READINESS) });
    assert.equal(republished.diagnostics.find((d) => d.code === READINESS)?.severity, 2);
  });

  it('an editor setting for another rule leaves the config file in force', async () => {
    const dir = workspace({ '.harden.yaml': `rules:\n  ${READINESS}: off\n` });
    client = await startOn(dir, { settings: { rules: { 'k8s/cpu-limit': 'off' }, kubernetesVersion: undefined } });
    const opened = await client.open(uriOf(dir, 'deploy.yaml'), DEPLOYMENT());
    assert.ok(lacks(READINESS)(opened) && lacks('k8s/cpu-limit')(opened), codes(opened).join(', '));
  });

  it('an invalid config: one harden/invalid-config on the open config file, other files linted with defaults', async () => {
    const invalid = `rules:\n  ${READINESS}: off\n  k8s/no-such-rule: warning\n`;
    const dir = workspace({ '.harden.yaml': invalid });
    client = await startOn(dir);
    const configUri = uriOf(dir, '.harden.yaml');
    const config = await client.open(configUri, invalid);
    assert.deepEqual(codes(config), [INVALID_CONFIG]);
    assert.match(String(config.diagnostics[0].message), /no-such-rule/);
    const deployUri = uriOf(dir, 'deploy.yaml');
    assert.ok(has(READINESS)(await client.open(deployUri, DEPLOYMENT())), 'defaults apply');

    // Fixing the open config (unsaved) applies at once to the other open documents.
    const mark = client.mark();
    const line = invalid.split('\n').findIndex((l) => l.includes('no-such-rule'));
    await client.change(configUri, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }]);
    assert.deepEqual(codes(await client.waitForDiagnostics(configUri, { after: mark })), []);
    await client.waitForDiagnostics(deployUri, { after: mark, where: lacks(READINESS) });
  });

  it('a config file changed on disk applies to open documents', async () => {
    const dir = workspace({});
    client = await startOn(dir);
    const uri = uriOf(dir, 'deploy.yaml');
    assert.ok(has(READINESS)(await client.open(uri, DEPLOYMENT())));
    const mark = client.mark();
    const config = write(dir, '.harden.yml', `rules:\n  ${READINESS}: off\n`);
    await client.filesChanged([{ path: config, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks(READINESS) });
  });

  it('ignore globs: an ignored document gets no diagnostics, and its objects do not count for other files', async () => {
    const dir = workspace({
      '.harden.yaml': 'ignore:\n  - generated/\n',
      'generated/pdb.yaml': PDB('web'),
    });
    client = await startOn(dir);
    const ignored = await client.open(uriOf(dir, 'generated/out.yaml'), DEPLOYMENT());
    assert.deepEqual(ignored.diagnostics, []);
    assert.ok(has(PDB_MISSING)(await client.open(uriOf(dir, 'deploy.yaml'), DEPLOYMENT())), 'the ignored PDB is not indexed');
  });

  it('files.exclude: excluded folders are not indexed', async () => {
    const dir = workspace({ 'build/pdb.yaml': PDB('web'), 'kept/pdb.yaml': PDB('api') });
    client = await startOn(dir, { sections: { 'files.exclude': { '**/build': true, '**/kept': false } } });
    assert.ok(has(PDB_MISSING)(await client.open(uriOf(dir, 'web.yaml'), DEPLOYMENT('web'))), 'build/ is excluded');
    assert.ok(lacks(PDB_MISSING)(await client.open(uriOf(dir, 'api.yaml'), DEPLOYMENT('api'))), 'kept/ is indexed');
  });
});

describe('language server: workspace index', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('settings pushed right after initialize start no scan of their own; a document opened at startup is published before the scan', async () => {
    const dir = workspace({ 'a.yaml': DEPLOYMENT(), 'b.yaml': PDB('web') });
    // As VS Code's client does: a didChangeConfiguration while the server still pulls `files.exclude`.
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 1500, sections: { 'files.exclude': { '**/*.tmp': true } } });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.open(uriOf(dir, 'a.yaml'), DEPLOYMENT());
    assert.equal(client.logs.filter((line) => INDEX_READY.test(line)).length, 0, 'the document is published first');
    await client.waitForLog(INDEX_READY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.logs.filter((line) => INDEX_READY.test(line)).length, 1, 'one scan, not one per settings change');
  });

  it('a document opened at startup shows no cross-file finding before the scan has read the other files', async () => {
    // The PDB is in another file: before the scan, k8s/pdb-missing would be reported, then withdrawn.
    const dir = workspace({ 'a.yaml': DEPLOYMENT(), 'b.yaml': PDB('web') });
    client = await TestClient.start({ workspaceFolders: [dir] });
    const uri = uriOf(dir, 'a.yaml');
    const first = await client.open(uri, DEPLOYMENT());
    assert.ok(has(READINESS)(first), 'document-local findings at once');
    // The full publish follows the scan (started at once, not after the startup delay).
    const mark = client.mark();
    await client.waitForLog(INDEX_READY, 1000);
    await client.waitForDiagnostics(uri, { after: mark, where: (p) => p.diagnostics.length > first.diagnostics.length });
    const published = client.published.filter((p) => p.uri === uri);
    assert.ok(published.length >= 2);
    assert.deepEqual(published.filter(has(PDB_MISSING)), [], 'never reported');
  });

  it('a PDB on disk counts for an open Deployment; deleting it or changing its selector brings k8s/pdb-missing back', async () => {
    const dir = workspace({ 'a.yaml': DEPLOYMENT(), 'b.yaml': PDB('web') });
    client = await startOn(dir);
    const uri = uriOf(dir, 'a.yaml');
    assert.ok(lacks(PDB_MISSING)(await client.open(uri, DEPLOYMENT())));

    let mark = client.mark();
    fs.rmSync(path.join(dir, 'b.yaml'));
    await client.filesChanged([{ path: path.join(dir, 'b.yaml'), type: 'deleted' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: has(PDB_MISSING) });

    mark = client.mark();
    const b = write(dir, 'b.yaml', PDB('web'));
    await client.filesChanged([{ path: b, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks(PDB_MISSING) });

    mark = client.mark();
    write(dir, 'b.yaml', PDB('api'));
    await client.filesChanged([{ path: b, type: 'changed' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: has(PDB_MISSING) });
  });

  it('reference rules: a Service and a ConfigMap reference re-published when the file defining their target changes on disk', async () => {
    const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  MODE: live\n`;
    const USES_CONFIG = DEPLOYMENT('worker').replace(
      '          image: nginx:1.27.0\n',
      '          image: nginx:1.27.0\n          envFrom:\n            - configMapRef:\n                name: web-config\n',
    );
    const dir = workspace({ 'b.yaml': DEPLOYMENT(), 'c.yaml': CONFIG_MAP('web-config') });
    client = await startOn(dir);
    const a = uriOf(dir, 'a.yaml');
    const d = uriOf(dir, 'd.yaml');
    assert.ok(lacks('k8s/service-selector')(await client.open(a, SERVICE)));
    assert.ok(lacks('k8s/missing-reference')(await client.open(d, USES_CONFIG)));

    let mark = client.mark();
    const b = write(dir, 'b.yaml', DEPLOYMENT('api'));
    await client.filesChanged([{ path: b, type: 'changed' }]);
    await client.waitForDiagnostics(a, { after: mark, where: has('k8s/service-selector') });

    mark = client.mark();
    const c = write(dir, 'c.yaml', CONFIG_MAP('web-settings'));
    await client.filesChanged([{ path: c, type: 'changed' }]);
    await client.waitForDiagnostics(d, { after: mark, where: has('k8s/missing-reference') });

    mark = client.mark();
    write(dir, 'c.yaml', CONFIG_MAP('web-config'));
    await client.filesChanged([{ path: c, type: 'changed' }]);
    await client.waitForDiagnostics(d, { after: mark, where: lacks('k8s/missing-reference') });
  });

  it('two open documents: editing one re-publishes the other', async () => {
    const dir = workspace({});
    client = await startOn(dir);
    const a = uriOf(dir, 'a.yaml');
    const b = uriOf(dir, 'b.yaml');
    assert.ok(has(PDB_MISSING)(await client.open(a, DEPLOYMENT())));
    await client.open(b, PDB('web'));
    await client.waitForDiagnostics(a, { where: lacks(PDB_MISSING) });

    const mark = client.mark();
    const line = PDB('web')
      .split('\n')
      .findIndex((l) => l.includes('app: web'));
    const character = PDB('web').split('\n')[line].indexOf('web');
    await client.change(b, [{ range: { start: { line, character }, end: { line, character: character + 3 } }, newText: 'api' }]);
    const republished = await client.waitForDiagnostics(a, { after: mark, where: has(PDB_MISSING) });
    assert.equal(republished.version, 1, 'the other document did not change');
  });

  it('a code action request right after an edit (as VS Code sends one) does not keep the other document from being re-published', async () => {
    // The code action lints the edited buffer first and so records its objects in the index; the debounced
    // publish that follows then finds the index unchanged. a.yaml must be re-published all the same.
    const dir = workspace({});
    client = await startOn(dir);
    const a = uriOf(dir, 'a.yaml');
    const b = uriOf(dir, 'b.yaml');
    await client.open(a, DEPLOYMENT());
    await client.open(b, PDB('web'));
    await client.waitForDiagnostics(a, { where: lacks(PDB_MISSING) });

    const line = PDB('web')
      .split('\n')
      .findIndex((l) => l.includes('app: web'));
    const character = PDB('web').split('\n')[line].indexOf('web');
    const cursor = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const [from, to, expected] of [
      ['web', 'api', has(PDB_MISSING)],
      ['api', 'web', lacks(PDB_MISSING)],
    ] as const) {
      const mark = client.mark();
      const version = await client.change(b, [{ range: { start: { line, character }, end: { line, character: character + from.length } }, newText: to }]);
      await client.codeActions(b, cursor, []);
      await client.waitForDiagnostics(b, { after: mark, version });
      const republished = await client.waitForDiagnostics(a, { after: mark, where: expected });
      assert.equal(republished.version, 1, 'the other document did not change');
    }
  });

  it('closing an edited document gives the index back what is on disk', async () => {
    const dir = workspace({ 'a.yaml': DEPLOYMENT(), 'b.yaml': PDB('web') });
    client = await startOn(dir);
    const a = uriOf(dir, 'a.yaml');
    const b = uriOf(dir, 'b.yaml');
    assert.ok(lacks(PDB_MISSING)(await client.open(a, DEPLOYMENT())));
    await client.open(b, PDB('api'));
    await client.waitForDiagnostics(a, { where: has(PDB_MISSING) });
    const mark = client.mark();
    await client.close(b);
    await client.waitForDiagnostics(a, { after: mark, where: lacks(PDB_MISSING) });
  });
});
