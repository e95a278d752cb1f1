// `crds:` in `.harden.yaml`: CRD manifests the workspace scan does not see give their schemas to the open
// custom resources (real server over stdio), and a config change re-reads them. Also the reading of those
// paths: only YAML files, no symlink out of a named folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBundles } from '../cli/helpers/cliBundle';
import { readCrdTexts } from '../../server/src/hosts/node/crdFiles';
import { TestClient } from './helpers/testClient';

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
`;
const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n  colour: red\n';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-crds-')));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The widget's problems, each naming the CRD file its schema comes from (relative to the widget's folder). */
const widgetProblems = (crdFile: string) =>
  ['Incorrect type. Expected "integer".', 'Property colour is not allowed.'].map(
    (m) => `${m} (schema from CustomResourceDefinition widgets.example.com in ${crdFile}:1)`,
  );
const schemaMessages = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.source === 'harden-schema').map((d) => d.message);

describe('crds: in the language server', () => {
  let client: TestClient | undefined;
  before(async () => {
    await ensureBundles(['server', 'cli', 'mvdan-sh', 'yaml-language-service']);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  /**
   * Opens a Widget in a workspace whose vendored CRD validates it (under `config`), then rewrites the config to
   * ignore the vendor folder and name no crds: the kind is unknown again, and the open document is re-validated.
   */
  async function validatedUntilIgnored(config: string): Promise<void> {
    const dir = tempDir({ 'app/vendor/crds/widget.yaml': CRD, 'app/.harden.yaml': config, 'app/widget.yaml': WIDGET });
    const app = path.join(dir, 'app');
    client = await TestClient.start({ workspaceFolders: [app], startupDelayMs: 0 });
    const uri = pathToFileURL(path.join(app, 'widget.yaml')).toString();
    await client.open(uri, WIDGET);
    const validated = await client.waitForDiagnostics(uri, { where: (p) => schemaMessages(p).length > 0, timeoutMs: 20_000 });
    assert.deepEqual(schemaMessages(validated), widgetProblems('vendor/crds/widget.yaml'));

    const mark = client.mark();
    fs.writeFileSync(path.join(app, '.harden.yaml'), "ignore: ['vendor/**']\n");
    await client.filesChanged([{ path: path.join(app, '.harden.yaml'), type: 'changed' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: (p) => schemaMessages(p).length === 0, timeoutMs: 20_000 });
  }

  it('a CRD the scan read gives its schema back when the config starts ignoring its folder', async () => {
    // The rescan after the config change no longer visits the CRD's file: its schema goes with it.
    await validatedUntilIgnored('ignore: []\n');
  });

  it('a CRD in a folder the scan leaves out (ignore) validates an open custom resource; a config change re-reads the set', async () => {
    // The config no longer names the folder: the CRDs named by `crds:` are read again, and there are none.
    await validatedUntilIgnored("ignore: ['vendor/**']\ncrds: [vendor/crds]\n");
  });

  it('without workspace folders, the config of an opened document brings its crds:', async () => {
    const dir = tempDir({ 'app/vendor/widget.yaml': CRD, 'app/.harden.yaml': 'crds: [vendor/widget.yaml]\n' });
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'app', 'widget.yaml')).toString();
    await client.open(uri, WIDGET);
    const validated = await client.waitForDiagnostics(uri, { where: (p) => schemaMessages(p).length > 0, timeoutMs: 20_000 });
    assert.deepEqual(schemaMessages(validated), widgetProblems('vendor/widget.yaml'));
  });
});

describe('reading crds: paths', () => {
  it('reads YAML files that define CRDs, from files and folders; never a symlink out of a named folder', () => {
    const dir = tempDir({
      'crds/a.yaml': CRD,
      'crds/sub/b.yml': CRD,
      'crds/notes.txt': CRD,
      'crds/plain.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
      'outside/secret.yaml': CRD,
      'single.yaml': CRD,
    });
    fs.symlinkSync(path.join(dir, 'outside'), path.join(dir, 'crds', 'link'));
    const warnings: string[] = [];
    const read = readCrdTexts([path.join(dir, 'crds'), path.join(dir, 'single.yaml'), path.join(dir, 'missing')], (m) => warnings.push(m));
    assert.deepEqual(
      read.map((file) => path.relative(dir, file.path)),
      ['crds/a.yaml', path.join('crds', 'sub', 'b.yml'), 'single.yaml'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /missing does not exist/);
  });
});
