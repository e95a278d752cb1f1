// Live settings (a rule turned off, a severity raised) and snippet insertion through editor.action.insertSnippet.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, codeOf, describeDiagnostics, hardenDiagnostics, openDocument, setText, sleep, waitFor, waitForCode, waitForDiagnostics } from './helpers';

const harden = () => vscode.workspace.getConfiguration('harden');

describe('settings', () => {
  after(async () => {
    await harden().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('harden.rules turning a rule off (and raising one to error) takes effect without a restart', async () => {
    const document = await openDocument('k8s/deployment.yaml');
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
    await harden().update('rules', { 'k8s/run-as-non-root': 'off', 'k8s/seccomp-profile': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitForCode(document.uri, 'k8s/run-as-non-root', false);
    await waitFor(
      () => hardenDiagnostics(document.uri).some((d) => codeOf(d) === 'k8s/seccomp-profile' && d.severity === vscode.DiagnosticSeverity.Error),
      () => `k8s/seccomp-profile is not an error: ${describeDiagnostics(document.uri)}`,
    );
    assert.ok(
      hardenDiagnostics(document.uri).some((d) => codeOf(d) === 'k8s/allow-privilege-escalation'),
      'other rules stay on',
    );
    await harden().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
    await waitFor(
      () => hardenDiagnostics(document.uri).some((d) => codeOf(d) === 'k8s/seccomp-profile' && d.severity === vscode.DiagnosticSeverity.Warning),
      () => `k8s/seccomp-profile is not back to a warning: ${describeDiagnostics(document.uri)}`,
    );
  });
});

interface SnippetFile {
  [name: string]: { prefix: string | string[]; body: string | string[] };
}

/** The extension's own contributed snippets for a language, read from its package.json. */
function contributedSnippets(language: string): SnippetFile {
  const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'harden' && e.packageJSON?.publisher === 'harden');
  assert.ok(extension, 'the Harden extension is not loaded');
  const entries: { language: string; path: string }[] = extension.packageJSON.contributes?.snippets ?? [];
  const result: SnippetFile = {};
  for (const entry of entries.filter((e) => e.language === language)) {
    Object.assign(result, JSON.parse(readFileSync(join(extension.extensionPath, entry.path), 'utf8')));
  }
  return result;
}

describe('snippets', () => {
  after(async () => {
    await vscode.commands.executeCommand('leaveSnippet');
    await closeAll();
  });

  it('a Dockerfile snippet inserts through editor.action.insertSnippet and clears docker/user-missing', async function () {
    const document = await openDocument('docker/Dockerfile');
    const original = document.getText();
    await waitForCode(document.uri, 'docker/user-missing', true);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), document.uri.toString());
    const cmdLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('CMD'));
    editor.selection = new vscode.Selection(cmdLine, 0, cmdLine, 0);
    const snippets = contributedSnippets('dockerfile');
    const name = Object.keys(snippets).find((n) => /non-root user/i.test(n) && !/alpine/i.test(n));
    if (name) {
      // By name, as a keybinding would: proves the contributed snippet file is loaded by the workbench.
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name });
    } else {
      console.log('no contributed non-root-user Dockerfile snippet: inserting an inline snippet instead');
      await vscode.commands.executeCommand('editor.action.insertSnippet', {
        snippet: 'RUN adduser --system --uid ${1:10001} app\nUSER $1:$1\n$0',
      });
    }
    await waitFor(
      () => /^USER 10001:10001$/m.test(document.getText()),
      () => `snippet not inserted:\n${document.getText()}`,
    );
    await waitForCode(document.uri, 'docker/user-missing', false);
    await vscode.commands.executeCommand('leaveSnippet');
    await setText(document, original);
    await document.save();
    await waitForCode(document.uri, 'docker/user-missing', true);
  });

  it('a Kubernetes snippet (offered by the completion provider, only in Kubernetes YAML) inserts a hardened Deployment with no security findings', async () => {
    const document = await openDocument('snippets/empty.yaml');
    // First an unhardened pod, so that the file has findings that the snippet must not bring back.
    await setText(document, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n');
    await waitForDiagnostics(document.uri);
    await setText(document, '');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'k8s-deployment');
    assert.ok(item && item.insertText instanceof vscode.SnippetString, 'the k8s-deployment snippet is offered in an empty YAML file');
    await editor.insertSnippet(item.insertText);
    await waitFor(
      () => /kind:\s*Deployment/.test(document.getText()),
      () => `snippet not inserted:\n${document.getText()}`,
    );
    await vscode.commands.executeCommand('leaveSnippet');
    await sleep(1_000); // let the debounced lint of the inserted text land
    const security = hardenDiagnostics(document.uri).filter((d) =>
      /run-as-non-root|allow-privilege-escalation|read-only-root-filesystem|drop-all-capabilities|seccomp-profile|privileged|parse-error/.test(codeOf(d)),
    );
    assert.deepEqual(security.map(codeOf), [], `the snippet is not hardened:\n${document.getText()}`);
    await setText(document, '');
    await document.save();
  });

  it('offers no Kubernetes snippet in a Compose file', async () => {
    const document = await openDocument('compose/compose.yaml');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(!labels.includes('k8s-deployment'), `offered: ${labels.filter((l) => l.startsWith('k8s')).join(', ')}`);
  });
});
