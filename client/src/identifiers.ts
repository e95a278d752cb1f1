// Names shared between the manifest (package.json) and the code; free of `vscode` imports so that
// tests can check them against the manifest.

/** The client id is also the settings prefix the language client reads `harden.trace.server` from. */
export const CLIENT_ID = 'harden';
export const CLIENT_NAME = 'Harden';
export const RESTART_COMMAND = 'harden.restartServer';
export const MENU_COMMAND = 'harden.showMenu';

/** Commands contributed in package.json (test/lsp/manifest checks them against it). */
export const COMMANDS = {
  showOutput: 'harden.showOutput',
  showRuleDocumentation: 'harden.showRuleDocumentation',
  openConfiguration: 'harden.openConfiguration',
  fixAllInWorkspace: 'harden.fixAllInWorkspace',
  toggleWorkspaceDiagnostics: 'harden.toggleWorkspaceDiagnostics',
  cancelWorkspaceCheck: 'harden.cancelWorkspaceCheck',
  openExample: 'harden.openExample',
} as const;
