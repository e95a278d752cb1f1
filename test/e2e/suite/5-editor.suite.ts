// Issue 21 in the real workbench: Harden's commands, the rule documentation in the Markdown preview, the
// walkthrough, a Compose quick fix, a custom resource validated against the workspace's CRD, and the
// workspace-wide findings of files that are not open.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, codeOf, describeDiagnostics, fileUri, hardenDiagnostics, openDocument, quickFixes, setText, waitFor, waitForCode } from './helpers';

const COMMANDS = [
  'harden.showRuleDocumentation',
  'harden.fixAllInWorkspace',
  'harden.openConfiguration',
  'harden.toggleWorkspaceDiagnostics',
  'harden.showOutput',
  'harden.openExample',
  'harden.showMenu',
];
const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));

describe('editor features (issue 21)', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('harden').update('workspaceDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('registers every Harden command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of COMMANDS) assert.ok(registered.has(command), command);
  });

  it('Show Rule Documentation opens the bundled page in the Markdown preview', async () => {
    await vscode.commands.executeCommand('harden.showRuleDocumentation', 'compose/privileged');
    await waitFor(
      () => tabLabels().some((l) => /Preview privileged\.md/.test(l)),
      () => `tabs: ${tabLabels().join(', ')}`,
    );
    await closeAll();
  });

  it('opens the walkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'harden.harden#gettingStarted', false);
    await waitFor(
      () => tabLabels().some((l) => /Welcome|Walkthrough|Get started/i.test(l)),
      () => `tabs: ${tabLabels().join(', ')}`,
    );
    await closeAll();
  });

  it('a Compose file gets its findings and a quick fix that removes privileged: true', async () => {
    const document = await openDocument('compose/compose.yaml');
    const original = document.getText();
    await waitForCode(document.uri, 'compose/privileged', true);
    assert.ok(
      !hardenDiagnostics(document.uri).some((d) => codeOf(d).startsWith('k8s/')),
      `no Kubernetes rule on a Compose file: ${describeDiagnostics(document.uri)}`,
    );
    const diagnostic = hardenDiagnostics(document.uri).find((d) => codeOf(d) === 'compose/privileged')!;
    const fix = (await quickFixes(document.uri, diagnostic.range)).find((a) => a.title === 'Remove privileged: true');
    assert.ok(fix?.edit, 'the suggestion is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForCode(document.uri, 'compose/privileged', false);
    assert.doesNotMatch(document.getText(), /privileged/);
    await setText(document, original);
    await document.save();
    await closeAll();
  });

  it('validates a custom resource against the CRD in the workspace', async () => {
    const document = await openDocument('crd/widget.yaml');
    await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .some((d) => d.source === 'harden-schema' && d.message.startsWith('Property colour is not allowed. (schema from CustomResourceDefinition ')),
      () =>
        `diagnostics: ${vscode.languages
          .getDiagnostics(document.uri)
          .map((d) => `${d.source}: ${d.message}`)
          .join('; ')}`,
      30_000,
    );
    await closeAll();
  });

  it('workspace-wide findings: files that are not open appear in the Problems panel, and go when switched off', async () => {
    // A file no suite opens: VS Code keeps closed documents open for the server for a while (they keep their findings).
    const closed = fileUri('never-opened/pod.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the file is not open');
    assert.equal(hardenDiagnostics(closed).length, 0, 'no findings before the option is on');
    await vscode.workspace.getConfiguration('harden').update('workspaceDiagnostics', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      () => hardenDiagnostics(closed).some((d) => codeOf(d) === 'k8s/run-as-non-root'),
      () => `closed file: ${describeDiagnostics(closed)}`,
      30_000,
    );
    await vscode.workspace.getConfiguration('harden').update('workspaceDiagnostics', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      () => hardenDiagnostics(closed).length === 0,
      () => `still: ${describeDiagnostics(closed)}`,
      30_000,
    );
  });
});
