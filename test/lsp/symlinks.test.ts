// The language server's workspace index over a workspace with real symlinks leading outside it (to a
// directory beside the temporary workspace, and to `/`): nothing outside the workspace folders is indexed,
// so a PodDisruptionBudget elsewhere on the disk never silences k8s/pdb-missing, and the server says so once
// in its log. Links inside the workspace and link loops are fine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/testClient';
import { WEB_DEPLOYMENT, WEB_PDB } from '../harness/manifests';

const PDB_MISSING = 'k8s/pdb-missing';
const INDEX_READY = /workspace index ready/;
const OUTSIDE_NOTICE = /not indexing (\d+) symlink\(s\) that lead outside the workspace folders/;

const DEPLOYMENT = WEB_DEPLOYMENT;
const PDB = WEB_PDB;

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-links-')));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));
const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();

describe('language server: symlinks in the workspace', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('does not index files behind a symlink that leads outside the workspace, and logs it once', async () => {
    const outside = tempDir({ 'pdb.yaml': PDB });
    const dir = tempDir({ 'deploy.yaml': DEPLOYMENT });
    fs.symlinkSync(outside, path.join(dir, 'shared'));
    fs.symlinkSync('/', path.join(dir, 'root'));
    fs.symlinkSync(path.join(outside, 'pdb.yaml'), path.join(dir, 'pdb.yaml'));
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(INDEX_READY, 30_000);
    const published = await client.open(uriOf(dir, 'deploy.yaml'), DEPLOYMENT);
    assert.ok(codes(published).includes(PDB_MISSING), 'the PDB outside the workspace must not count');

    const notices = client.logs.filter((message) => OUTSIDE_NOTICE.test(message));
    assert.equal(notices.length, 1, client.logs.join('\n'));
    assert.equal(OUTSIDE_NOTICE.exec(notices[0])?.[1], '3');
    assert.ok(notices[0].includes(`${path.join(dir, 'root')} -> /`), notices[0]);

    // A watched-file event for the link does not index its target either: no publish without the finding.
    const mark = client.mark();
    await client.filesChanged([{ path: path.join(dir, 'pdb.yaml'), type: 'changed' }]);
    const silenced = (params: PublishDiagnosticsParams) => !codes(params).includes(PDB_MISSING);
    await assert.rejects(
      client.waitForDiagnostics(uriOf(dir, 'deploy.yaml'), { after: mark, where: silenced, timeoutMs: 1500 }),
      /no matching publishDiagnostics/,
    );
  });

  it('indexes through symlinks that stay inside the workspace, and walks link loops once', async () => {
    const dir = tempDir({ 'deploy.yaml': DEPLOYMENT, 'real/pdb.yaml': PDB });
    fs.symlinkSync('real', path.join(dir, 'linked'));
    fs.symlinkSync('..', path.join(dir, 'real', 'up'));
    fs.symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(INDEX_READY, 30_000);
    const published = await client.open(uriOf(dir, 'deploy.yaml'), DEPLOYMENT);
    assert.ok(!codes(published).includes(PDB_MISSING), 'the PDB inside the workspace counts');
    assert.ok(!client.logs.some((message) => OUTSIDE_NOTICE.test(message)), client.logs.join('\n'));
  });
});
