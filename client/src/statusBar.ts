// The Harden status bar item: server state, Harden's finding counts, workspace-check progress; a click opens
// a menu of Harden's commands (output, rule docs, configuration, settings, fix all, workspace check).
import { commands, languages, StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem, DiagnosticSeverity } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, WORKSPACE_PROGRESS, type WorkspaceProgressParams } from '../../server/src/hosts/lsp/workspaceProtocol';
import { MENU_COMMAND } from './identifiers';

export class HardenStatusBar implements Disposable {
  readonly item: StatusBarItem;
  private readonly subscriptions: Disposable[] = [];
  private state: 'starting' | 'running' | 'stopped' = 'starting';
  private progress: WorkspaceProgressParams | undefined;

  constructor(client: LanguageClient) {
    this.item = window.createStatusBarItem('harden.status', StatusBarAlignment.Right, 100);
    this.item.name = 'Harden';
    this.item.command = MENU_COMMAND;
    this.subscriptions.push(
      this.item,
      client.onDidChangeState(({ newState }) => {
        this.state = newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped';
        this.render();
      }),
      languages.onDidChangeDiagnostics(() => this.render()),
      // Registered before start: the client keeps it across restarts.
      client.onNotification(WORKSPACE_PROGRESS, (params: WorkspaceProgressParams) => {
        this.progress = params;
        this.render();
      }),
    );
    this.render();
    this.item.show();
  }

  /** The workspace check is running (the menu offers to cancel it). */
  get checking(): boolean {
    return this.progress?.state === 'running';
  }

  private render(): void {
    let errors = 0;
    let warnings = 0;
    for (const [, diagnostics] of languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        if (d.severity === DiagnosticSeverity.Error) errors++;
        else if (d.severity === DiagnosticSeverity.Warning) warnings++;
      }
    }
    const counts = `$(error) ${errors} $(warning) ${warnings}`;
    this.item.backgroundColor = undefined;
    if (this.state === 'stopped') {
      this.item.text = '$(shield) Harden $(circle-slash)';
      this.item.tooltip = 'Harden: the language server is not running. Click for the output and a restart.';
      this.item.backgroundColor = new ThemeColor('statusBarItem.warningBackground');
    } else if (this.state === 'starting') {
      this.item.text = '$(loading~spin) Harden';
      this.item.tooltip = 'Harden: starting the language server';
    } else if (this.progress?.state === 'running') {
      const { done, total } = this.progress;
      this.item.text = `$(sync~spin) Harden ${total ? `${done}/${total}` : ''} ${counts}`.replace(/\s+/g, ' ');
      this.item.tooltip = 'Harden: checking the workspace. Click to cancel or for more.';
    } else {
      this.item.text = `$(shield) Harden ${counts}`;
      const note =
        this.progress?.state === 'overBudget'
          ? ' The workspace check stopped at its size budget.'
          : this.progress?.state === 'cancelled'
            ? ' The workspace check was cancelled.'
            : '';
      this.item.tooltip = `Harden: ${errors} errors, ${warnings} warnings.${note} Click for Harden's commands.`;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** What a click on the status bar item offers. */
export async function showMenu(checking: boolean): Promise<void> {
  const items: Array<{ label: string; command: string; args?: unknown[] }> = [
    { label: '$(output) Show Output', command: 'harden.showOutput' },
    { label: '$(book) Show Rule Documentation…', command: 'harden.showRuleDocumentation' },
    { label: '$(gear) Open Configuration (.harden.yaml)', command: 'harden.openConfiguration' },
    { label: '$(settings) Open Settings', command: 'workbench.action.openSettings', args: ['harden.'] },
    { label: '$(wrench) Fix All in Workspace (safe fixes)', command: 'harden.fixAllInWorkspace' },
    checking
      ? { label: '$(debug-stop) Cancel the Workspace Check', command: 'harden.cancelWorkspaceCheck' }
      : { label: '$(checklist) Toggle Workspace-wide Findings', command: 'harden.toggleWorkspaceDiagnostics' },
    { label: '$(debug-restart) Restart Server', command: 'harden.restartServer' },
  ];
  const picked = await window.showQuickPick(items, { title: 'Harden', placeHolder: 'Harden command' });
  if (picked) await commands.executeCommand(picked.command, ...(picked.args ?? []));
}
