// Helpers for the extension-host suites: workspace files, Harden diagnostics, polling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const SOURCE = 'harden';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (the e2e fixtures workspace)');
  return folder.uri;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export async function openDocument(relative: string, show = true): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  if (show) await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function hardenDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function countOf(uri: vscode.Uri, code: string): number {
  return hardenDiagnostics(uri).filter((d) => codeOf(d) === code).length;
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = hardenDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
  return list.length ? list.join(', ') : '(none)';
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 50 ms until it holds; fails with `message()` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, message: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms: ${message()}`);
    await sleep(50);
  }
}

/** Waits for the first Harden diagnostics of a freshly opened file (the server may still be starting). */
export async function waitForDiagnostics(uri: vscode.Uri, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  await waitFor(
    () => hardenDiagnostics(uri).length > 0,
    () => `no Harden diagnostics for ${uri.path}`,
    timeoutMs,
  );
  return hardenDiagnostics(uri);
}

export async function waitForCode(uri: vscode.Uri, code: string, present: boolean, timeoutMs = 15_000, context?: () => string): Promise<void> {
  await waitFor(
    () => countOf(uri, code) > 0 === present,
    () => `${code} should be ${present ? 'present' : 'absent'} on ${uri.path}; diagnostics: ${describeDiagnostics(uri)}${context ? `; ${context()}` : ''}`,
    timeoutMs,
  );
}

/** Replaces the whole text of a document (unsaved). */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const end = document.lineAt(document.lineCount - 1).range.end;
  edit.replace(document.uri, new vscode.Range(new vscode.Position(0, 0), end), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not replace the text of ${document.uri.path}`);
}

export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Quick fixes at `range`, which has diagnostics, so some are expected. Asks again for a while when there are
 * none: right after editors were closed and reopened the client may still be sending didClose/didOpen, and
 * the server answers a request for a document it does not have with nothing.
 */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range, timeoutMs = 5_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const codeActions = (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    if (codeActions.length > 0 || Date.now() > deadline) return codeActions;
    await sleep(100);
  }
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
