// The language server on a kustomize repository (issue 16): a partial patch shows no "missing" noise, a base
// shows the findings of the overlays built from it, editing a patch re-lints the open base, and quick fixes
// edit the file the finding is reported in.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { AUTH_PROXY_PATCH, HARDENED_DEPLOYMENT, repo } from '../kustomize/fixtures';
import { TestClient } from './helpers/testClient';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-kustomize-')));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name.replace(/^\/w\//, ''));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));
const ROFS = 'k8s/read-only-root-filesystem';
const NO_ROFS = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
const PROD_ROFS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          readOnlyRootFilesystem: true
`;

describe('language server: kustomize', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('a patch shows no noise; the base shows the overlays’ findings, naming the overlay where only some have them', async () => {
    const dir = workspace(repo({ '/w/base/deployment.yaml': NO_ROFS, '/w/overlays/prod/patch.yaml': PROD_ROFS }));
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(/workspace index ready/);
    const patchUri = pathToFileURL(path.join(dir, 'overlays/prod/patch.yaml')).toString();
    const patch = await client.open(patchUri, PROD_ROFS);
    assert.deepEqual(codes(patch), [], JSON.stringify(patch.diagnostics));
    const baseUri = pathToFileURL(path.join(dir, 'base/deployment.yaml')).toString();
    const base = await client.open(baseUri, NO_ROFS);
    const rofs = base.diagnostics.find((d) => d.code === ROFS);
    assert.ok(rofs, codes(base).join(', '));
    assert.match(String(rofs.message), /\(in overlays\/dev\)$/);
    // Its quick fix edits overlays/dev's kustomization (a new patch), not the shared base.
    const devUri = pathToFileURL(path.join(dir, 'overlays/dev/kustomization.yaml')).toString();
    const overlayActions = await client.codeActions(baseUri, rofs.range, [rofs]);
    const overlayFix = overlayActions.find((a) => a.title.endsWith('in overlays/dev only (a patch in its kustomization)'));
    assert.ok(overlayFix?.edit, overlayActions.map((a) => a.title).join(', '));
    const touched = [
      ...Object.keys(overlayFix.edit.changes ?? {}),
      ...(overlayFix.edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : '')),
    ];
    assert.deepEqual(touched, [devUri]);

    // Editing the patch re-lints the open base: now no overlay sets it, so the finding names none.
    const mark = client.mark();
    const line = PROD_ROFS.split('\n').findIndex((l) => l.includes('readOnlyRootFilesystem'));
    await client.change(patchUri, [
      { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '          privileged: true\n' },
    ]);
    const patched = await client.waitForDiagnostics(patchUri, { after: mark });
    assert.deepEqual(codes(patched), ['k8s/privileged'], 'a wrong value set by the patch is reported on it');
    const republished = await client.waitForDiagnostics(baseUri, {
      after: mark,
      where: (p) => p.diagnostics.some((d) => d.code === ROFS && !/\(in /.test(String(d.message))),
    });
    assert.ok(republished);

    // The quick fix edits the patch itself.
    const privileged = patched.diagnostics.find((d) => d.code === 'k8s/privileged')!;
    const actions = await client.codeActions(patchUri, privileged.range, [privileged]);
    const fix = actions.find((a) => a.title === 'Set privileged: false'); // a suggestion: offered, not preferred
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    const fixMark = client.mark();
    await client.applyWorkspaceEdit(patchUri, fix.edit);
    const fixed = await client.waitForDiagnostics(patchUri, { after: fixMark });
    assert.deepEqual(codes(fixed), []);
  });

  it('a patch no kustomization uses (kubebuilder config/default): the values it writes, no "missing" finding, no schema "Missing property"', async () => {
    // A wrong type too, so that a publish with the schema's diagnostics is sure to come.
    const text = AUTH_PROXY_PATCH.replace('spec:\n  template:', 'spec:\n  replicas: two\n  template:');
    const dir = workspace({ '/w/config/default/kustomization.yaml': 'bases:\n- ../manager\n#patchesStrategicMerge:\n#- manager_auth_proxy_patch.yaml\n' });
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(/workspace index ready/);
    const uri = pathToFileURL(path.join(dir, 'config/default/manager_auth_proxy_patch.yaml')).toString();
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.source === 'harden-schema') });
    const schema = published.diagnostics.filter((d) => d.source === 'harden-schema').map((d) => d.message);
    assert.ok(schema.length > 0 && schema.every((message) => !/^Missing property/.test(String(message))), schema.join('; '));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.source !== 'harden-schema').map((d) => d.code),
      ['k8s/privileged'],
    );
  });

  it('a kustomization named plain `Kustomization` is found by the workspace scan and shows its findings', async () => {
    const files = repo({ '/w/base/deployment.yaml': NO_ROFS });
    delete files['/w/overlays/dev/kustomization.yaml'];
    const DEV = 'resources:\n- ../../base\nimages:\n- name: registry.example.com/web\n  newTag: latest\n';
    files['/w/overlays/dev/Kustomization'] = DEV;
    const dir = workspace(files);
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(/workspace index ready/);
    const base = await client.open(pathToFileURL(path.join(dir, 'base/deployment.yaml')).toString(), NO_ROFS);
    const rofs = base.diagnostics.find((d) => d.code === ROFS);
    assert.ok(rofs, codes(base).join(', '));
    assert.doesNotMatch(String(rofs.message), /\(in /, 'both overlays, overlays/dev/Kustomization included, have it');
    const dev = await client.open(pathToFileURL(path.join(dir, 'overlays/dev/Kustomization')).toString(), DEV, 'plaintext');
    assert.deepEqual(codes(dev), ['k8s/image-tag']);
  });
});
