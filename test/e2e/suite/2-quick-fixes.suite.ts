// Every quick fix offered for every Harden diagnostic of the fixtures applies through
// vscode.executeCodeActionProvider + workspace.applyEdit and makes its diagnostic go away. That covers every
// kind of fix the server produces: an edit of the document (YAML merge, Dockerfile rewrite), a suppression
// comment, and a fix that creates another file (.dockerignore).
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  closeAll,
  codeOf,
  countOf,
  describeDiagnostics,
  fileExists,
  fileUri,
  hardenDiagnostics,
  openDocument,
  quickFixes,
  setText,
  waitFor,
  waitForCode,
  waitForDiagnostics,
} from './helpers';

type Kind = 'edit' | 'suppress' | 'create-file';
const applied = new Map<Kind, string[]>();
const knownIssues: string[] = [];

/** Rules that only offer a suppression (no safe automatic fix for them in these fixtures). */
const NO_FIX = new Set(['k8s/default-service-account']);

function kindOf(action: vscode.CodeAction): Kind {
  if (/^Suppress /.test(action.title)) return 'suppress';
  if (/^Create /.test(action.title)) return 'create-file';
  return 'edit';
}

async function applyEveryFix(relative: string, createdFiles: string[]): Promise<number> {
  const document = await openDocument(relative);
  const original = document.getText();
  await waitForDiagnostics(document.uri);
  const diagnostics = hardenDiagnostics(document.uri);
  const codes = [...new Set(diagnostics.map(codeOf))];
  const countsNow = () => new Map(codes.map((code) => [code, countOf(document.uri, code)]));
  const baseline = countsNow();
  // One request per distinct diagnostic range (many container rules share the container's range).
  const ranges = [
    ...new Map(diagnostics.map((d) => [`${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`, d.range])).values(),
  ];
  let count = 0;
  for (const range of ranges) {
    const here = diagnostics.filter((d) => d.range.isEqual(range)).map(codeOf);
    const actions = await quickFixes(document.uri, range);
    for (const code of here) {
      assert.ok(
        actions.some((a) => a.title.includes(code)),
        `no suppression quick fix for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`,
      );
    }
    const fixes = actions.filter((a) => !/^Suppress /.test(a.title));
    assert.ok(fixes.length > 0 || here.every((c) => NO_FIX.has(c)), `no fix besides suppressions for ${here.join(', ')}`);
    for (const action of actions) {
      const label = `"${action.title}" at ${range.start.line}:${range.start.character}`;
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value, label);
      assert.ok(action.edit, `${label} has no edit`);
      const suppressed = /^Suppress (\S+)/.exec(action.title)?.[1];
      assert.ok(await vscode.workspace.applyEdit(action.edit), `${label} did not apply`);
      if (kindOf(action) !== 'create-file') assert.notEqual(document.getText(), original, `${label} did not change the text`);
      // Its diagnostic goes away: the suppressed rule, or for a fix at least one rule reported at this range.
      const gone = () => {
        const now = countsNow();
        return suppressed ? now.get(suppressed)! < baseline.get(suppressed)! : here.some((c) => now.get(c)! < baseline.get(c)!);
      };
      const stillThere = () => `${label} applied but ${suppressed ?? here.join('/')} is still reported: ${describeDiagnostics(document.uri)}`;
      if (kindOf(action) === 'create-file') {
        // The file is created on disk; the server hears of it through its file watchers.
        try {
          await waitFor(gone, stillThere, 5_000);
        } catch {
          knownIssues.push(`${label}: the diagnostic stayed until the next edit of ${relative} (the created file is not among the server's watched globs)`);
          const edit = new vscode.WorkspaceEdit();
          edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, '\n');
          await vscode.workspace.applyEdit(edit);
          await waitFor(gone, stillThere);
        }
      } else {
        await waitFor(gone, stillThere);
      }
      const kind = kindOf(action);
      applied.set(kind, [...(applied.get(kind) ?? []), label]);
      count++;
      // Undo: original text, and delete what the fix created; every diagnostic comes back.
      for (const created of createdFiles) {
        const uri = fileUri(created);
        if (await fileExists(uri)) {
          const removal = new vscode.WorkspaceEdit();
          removal.deleteFile(uri, { ignoreIfNotExists: true });
          await vscode.workspace.applyEdit(removal);
        }
      }
      if (document.getText() !== original) await setText(document, original);
      await waitFor(
        () => codes.every((c) => countOf(document.uri, c) === baseline.get(c)),
        () => `diagnostics did not come back after undoing ${label}: ${describeDiagnostics(document.uri)}`,
      );
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

  it('a fix that creates a file clears its diagnostic without another edit', () => {
    // The server watches .dockerignore files, so creating one re-lints the Dockerfile by itself.
    assert.deepEqual(knownIssues, []);
  });

  it('covered every kind of quick fix: document edit, suppression comment, file creation', () => {
    for (const kind of ['edit', 'suppress', 'create-file'] as Kind[]) {
      assert.ok((applied.get(kind) ?? []).length > 0, `no "${kind}" quick fix was applied`);
    }
  });
});

/** Resolves when the diagnostics of `uri` are next set (or after 5 s: an unchanged publish may not fire). */
function diagnosticsChanged(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, 5000);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) done();
    });
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

describe('fix-all on save', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('editor.codeActionsOnSave source.fixAll.harden fixes the file when it is saved', async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.harden': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const document = await openDocument('k8s/deployment.yaml');
    const original = document.getText();
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
    // The source action is offered by kind. Ask until it is there: right after the previous suite closed every
    // editor, the client may still be sending didClose/didOpen for this file, or the server may cancel a request
    // while it re-lints after the settings change; either answers without the action for a moment.
    const offered = async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          new vscode.Range(0, 0, 0, 0),
          'source.fixAll.harden',
        );
        return (actions ?? []).some((a) => a.kind?.value === 'source.fixAll.harden');
      } catch (error) {
        if (/Canceled/.test(String(error))) return false;
        throw error;
      }
    };
    await waitFor(offered, () => `no source.fixAll.harden action; diagnostics: ${describeDiagnostics(document.uri)}`);
    // ...and runs on an explicit save (what Ctrl+S does).
    // Fix-all applies safe fixes only: allowPrivilegeEscalation: false is one; runAsNonRoot, seccomp and dropping
    // capabilities are suggestions (they can break a workload) and stay findings.
    const fixedOnSave = () => !document.isDirty && document.getText().includes('allowPrivilegeEscalation: false');
    // A save that races the server's re-lint after the settings change can go out without its code action
    // (seen once in three loaded CI runs); a user saves again. Two tries, each after the edit's diagnostics.
    for (let attempt = 1; ; attempt++) {
      const relinted = diagnosticsChanged(document.uri);
      await setText(document, `${document.getText()}# edited\n`);
      assert.ok(document.isDirty);
      await relinted;
      await vscode.commands.executeCommand('workbench.action.files.save');
      try {
        await waitFor(fixedOnSave, () => `not fixed on save (attempt ${attempt}):\n${document.getText()}`, 10_000);
        break;
      } catch (error) {
        if (attempt === 2) throw error;
        console.warn(`[e2e] fix-all on save: the first save went out without the fix; saving again. ${String(error)}`);
      }
    }
    await waitForCode(document.uri, 'k8s/allow-privilege-escalation', false);
    assert.ok(
      hardenDiagnostics(document.uri).some((d) => codeOf(d) === 'k8s/run-as-non-root'),
      'a suggestion is not applied on save',
    );
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    assert.ok(onDisk.includes('allowPrivilegeEscalation: false'), 'the fixed text was saved');
    assert.ok(!onDisk.includes('runAsNonRoot'), 'suggestions are not applied on save');
    assert.ok(onDisk.includes('# An unhardened Deployment'), 'comments survive fix-all');
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await setText(document, original);
    await document.save();
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
  });
});
