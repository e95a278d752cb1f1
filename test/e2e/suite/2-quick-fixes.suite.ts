// Every quick fix offered for every Harden diagnostic of the fixtures applies through
// vscode.executeCodeActionProvider + workspace.applyEdit and makes its diagnostic go away. That covers every
// kind of fix the server produces: an edit of the document (YAML merge, Dockerfile rewrite), a suppression
// comment, and a fix that creates another file (.dockerignore).
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  closeAll, codeOf, countOf, describeDiagnostics, fileExists, fileUri, openDocument, quickFixes, setText, waitFor,
  waitForCode, waitForDiagnostics,
} from './helpers';

type Kind = 'edit' | 'suppress' | 'create-file';
const applied = new Map<Kind, string[]>();

function kindOf(action: vscode.CodeAction): Kind {
  if (/^Suppress /.test(action.title)) return 'suppress';
  if (/^Create /.test(action.title)) return 'create-file';
  return 'edit';
}

async function applyEveryFix(relative: string, createdFiles: string[]): Promise<number> {
  const document = await openDocument(relative);
  const original = document.getText();
  await waitForDiagnostics(document.uri);
  const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'harden');
  let count = 0;
  for (const diagnostic of diagnostics) {
    const code = codeOf(diagnostic);
    const all = await quickFixes(document.uri, diagnostic.range);
    const actions = all.filter((a) => a.diagnostics?.some((d) => codeOf(d) === code && d.range.isEqual(diagnostic.range)));
    assert.ok(actions.length > 0, `no quick fix for ${code} (every Harden diagnostic offers at least a suppression); `
      + `offered: ${JSON.stringify(all.map((a) => ({ title: a.title, kind: a.kind?.value, diagnostics: a.diagnostics?.map((d) => [codeOf(d), d.range]) })))}`);
    for (const action of actions) {
      const label = `${code}: "${action.title}"`;
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value, label);
      assert.ok(action.edit, `${label} has no edit`);
      const before = countOf(document.uri, code);
      assert.ok(await vscode.workspace.applyEdit(action.edit), `${label} did not apply`);
      assert.notEqual(document.getText(), original, `${label} did not change the text`);
      await waitFor(() => countOf(document.uri, code) < before,
        () => `${label} applied but ${code} is still reported: ${describeDiagnostics(document.uri)}`);
      const kind = kindOf(action);
      applied.set(kind, [...(applied.get(kind) ?? []), label]);
      count++;
      // Undo: original text, and delete what the fix created; the diagnostic comes back.
      for (const created of createdFiles) {
        const uri = fileUri(created);
        if (await fileExists(uri)) {
          const removal = new vscode.WorkspaceEdit();
          removal.deleteFile(uri, { ignoreIfNotExists: true });
          await vscode.workspace.applyEdit(removal);
          await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
        }
      }
      if (document.getText() !== original) await setText(document, original);
      await waitFor(() => countOf(document.uri, code) === before,
        () => `${code} did not come back after undoing "${action.title}": ${describeDiagnostics(document.uri)}`);
    }
  }
  await document.save();
  return count;
}

describe('quick fixes', () => {
  after(closeAll);

  it('every quick fix of a Kubernetes manifest applies and clears its diagnostic', async () => {
    const n = await applyEveryFix('k8s/deployment.yaml', []);
    assert.ok(n >= 10, `only ${n} quick fixes applied`);
  });

  it('every quick fix of a Dockerfile applies and clears its diagnostic (including creating .dockerignore)', async () => {
    const n = await applyEveryFix('docker/Dockerfile', ['docker/.dockerignore']);
    assert.ok(n >= 3, `only ${n} quick fixes applied`);
  });

  it('covered every kind of quick fix: document edit, suppression comment, file creation', () => {
    for (const kind of ['edit', 'suppress', 'create-file'] as Kind[]) {
      assert.ok((applied.get(kind) ?? []).length > 0, `no "${kind}" quick fix was applied`);
    }
  });
});

describe('fix-all on save', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('editor.codeActionsOnSave source.fixAll.harden fixes the file when it is saved', async () => {
    await vscode.workspace.getConfiguration('editor')
      .update('codeActionsOnSave', { 'source.fixAll.harden': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const document = await openDocument('k8s/deployment.yaml');
    const original = document.getText();
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
    // The source action is offered by kind...
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.harden');
    assert.ok(actions.some((a) => a.kind?.value === 'source.fixAll.harden'), 'no source.fixAll.harden action');
    // ...and runs on an explicit save (what Ctrl+S does).
    await setText(document, `${original}# edited\n`);
    assert.ok(document.isDirty);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => !document.isDirty && document.getText().includes('runAsNonRoot: true'),
      () => `not fixed on save:\n${document.getText()}`);
    for (const code of ['k8s/run-as-non-root', 'k8s/allow-privilege-escalation', 'k8s/seccomp-profile', 'k8s/drop-all-capabilities']) {
      await waitForCode(document.uri, code, false);
    }
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    assert.ok(onDisk.includes('runAsNonRoot: true'), 'the fixed text was saved');
    assert.ok(onDisk.includes('# An unhardened Deployment'), 'comments survive fix-all');
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await setText(document, original);
    await document.save();
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
  });
});
