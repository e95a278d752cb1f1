// Harden's commands beyond restart: rule documentation (the bundled page in the Markdown preview), the
// configuration file, fix all in the workspace (safe fixes only), the workspace-wide findings switch, and the
// walkthrough's example.
import {
  commands,
  ConfigurationTarget,
  languages,
  ProgressLocation,
  Uri,
  window,
  workspace,
  type ExtensionContext,
  type LogOutputChannel,
  FileType,
} from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { CANCEL_WORKSPACE_DIAGNOSTICS, DIAGNOSTIC_SOURCE, FIX_ALL_IN_WORKSPACE } from '../../server/src/hosts/lsp/workspaceProtocol';
import { COMMANDS } from './identifiers';
import { shippedRulePage } from './ruleLinks';

interface WorkspaceFixes {
  changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>>;
  fixes: number;
  files: number;
  cancelled: boolean;
}

/** A new `.harden.yaml`: every key commented, so that creating it changes nothing until the user edits it. */
export const CONFIG_TEMPLATE = `# Harden configuration: https://github.com/harden-dev/harden#configuration
# The Kubernetes minor your manifests target (schemas and fixes follow it).
# kubernetesVersion: "1.32"
# Severity per rule id: off, info, warning or error.
# rules:
#   k8s/cpu-limit: warning
# Files not to lint, relative to this file.
# ignore:
#   - "charts/**"
`;

export function registerCommands(context: ExtensionContext, client: LanguageClient, output: LogOutputChannel, isChecking: () => boolean): void {
  context.subscriptions.push(
    commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: unknown) =>
      showRuleDocumentation(context, typeof ruleId === 'string' ? ruleId : undefined),
    ),
    commands.registerCommand(COMMANDS.openConfiguration, () => openConfiguration()),
    commands.registerCommand(COMMANDS.fixAllInWorkspace, () => fixAllInWorkspace(client)),
    commands.registerCommand(COMMANDS.toggleWorkspaceDiagnostics, () => toggleWorkspaceDiagnostics()),
    commands.registerCommand(COMMANDS.cancelWorkspaceCheck, () => (isChecking() ? client.sendNotification(CANCEL_WORKSPACE_DIAGNOSTICS) : undefined)),
    commands.registerCommand(COMMANDS.openExample, () => openExample(context)),
  );
}

/** The rule under the cursor (a Harden diagnostic there), else a pick from every bundled page. */
async function showRuleDocumentation(context: ExtensionContext, ruleId: string | undefined): Promise<void> {
  ruleId ??= ruleAtCursor() ?? (await pickRule(context));
  if (!ruleId) return;
  if (!/^[a-z0-9]+\/[a-z0-9-]+$/.test(ruleId)) {
    void window.showErrorMessage(`Harden: ${ruleId} is not a rule id.`);
    return;
  }
  const page = shippedRulePage(context, ruleId);
  try {
    await workspace.fs.stat(page);
  } catch {
    void window.showErrorMessage(`Harden: no documentation for ${ruleId} (unknown rule).`);
    return;
  }
  await commands.executeCommand('markdown.showPreview', page);
}

function ruleAtCursor(): string | undefined {
  const editor = window.activeTextEditor;
  if (!editor) return undefined;
  const at = editor.selection.active;
  const diagnostic = languages
    .getDiagnostics(editor.document.uri)
    .find((d) => d.source === DIAGNOSTIC_SOURCE && d.range.contains(at) && typeof d.code === 'object');
  const code = diagnostic?.code;
  return typeof code === 'object' && code !== null ? String(code.value) : undefined;
}

async function pickRule(context: ExtensionContext): Promise<string | undefined> {
  const root = Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const ids: string[] = [];
  for (const [family, type] of await workspace.fs.readDirectory(root)) {
    if (type !== FileType.Directory) continue; // directories: k8s, docker, compose, harden
    for (const [file] of await workspace.fs.readDirectory(Uri.joinPath(root, family))) if (file.endsWith('.md')) ids.push(`${family}/${file.slice(0, -3)}`);
  }
  return window.showQuickPick(ids.sort(), { title: 'Harden: Show Rule Documentation', placeHolder: 'Rule id' });
}

/** Opens the `.harden.yaml` of the active file's workspace folder, creating a commented one when there is none. */
async function openConfiguration(): Promise<void> {
  const active = window.activeTextEditor?.document.uri;
  const folder = (active && workspace.getWorkspaceFolder(active)) ?? workspace.workspaceFolders?.[0];
  if (!folder) {
    void window.showInformationMessage('Harden: open a folder first; .harden.yaml lives at its root.');
    return;
  }
  for (const name of ['.harden.yaml', '.harden.yml']) {
    const uri = Uri.joinPath(folder.uri, name);
    try {
      await workspace.fs.stat(uri);
      await window.showTextDocument(uri);
      return;
    } catch {
      // not there: try the next name, then create one
    }
  }
  const uri = Uri.joinPath(folder.uri, '.harden.yaml');
  await workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_TEMPLATE));
  await window.showTextDocument(uri);
}

/** Applies the safe (preferred) fixes of every workspace file; files that were not open are saved. */
async function fixAllInWorkspace(client: LanguageClient): Promise<void> {
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'Harden: fixing the workspace (safe fixes)', cancellable: true },
    (_progress, token) => client.sendRequest<WorkspaceFixes>(FIX_ALL_IN_WORKSPACE, {}, token),
  );
  if (result.cancelled) {
    void window.showInformationMessage('Harden: Fix All in Workspace was cancelled; nothing was changed.');
    return;
  }
  if (result.files === 0) {
    void window.showInformationMessage('Harden: no safe fixes to apply in the workspace.');
    return;
  }
  const wasOpen = new Set(workspace.textDocuments.map((d) => d.uri.toString()));
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit({ changes: result.changes });
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage('Harden: the fixes could not be applied (a file changed meanwhile). Run the command again.');
    return;
  }
  for (const document of workspace.textDocuments) {
    if (!wasOpen.has(document.uri.toString()) && result.changes[document.uri.toString()]) await document.save();
  }
  void window.showInformationMessage(
    `Harden: applied ${result.fixes} safe fix${result.fixes === 1 ? '' : 'es'} in ${result.files} file${result.files === 1 ? '' : 's'}.`,
  );
}

async function toggleWorkspaceDiagnostics(): Promise<void> {
  const configuration = workspace.getConfiguration('harden');
  const next = !configuration.get<boolean>('workspaceDiagnostics', false);
  await configuration.update('workspaceDiagnostics', next, workspace.workspaceFolders ? ConfigurationTarget.Workspace : ConfigurationTarget.Global);
  void window.showInformationMessage(
    `Harden: workspace-wide findings ${next ? 'on: every file is checked in the background' : 'off: only open files are checked'}.`,
  );
}

/** The walkthrough's first step: an unhardened Deployment in an untitled editor, with Harden's findings on it. */
async function openExample(context: ExtensionContext): Promise<void> {
  const bytes = await workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'examples', 'k8s', 'unhardened-deployment.yaml'));
  const document = await workspace.openTextDocument({ language: 'yaml', content: new TextDecoder().decode(bytes) });
  await window.showTextDocument(document);
}
