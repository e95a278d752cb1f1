// Harden's own LSP messages and options between the VS Code client and the server (both import this file).

/** Request (client -> server): the safe fixes of every workspace file, as a WorkspaceEdit's `changes`. */
export const FIX_ALL_IN_WORKSPACE = 'harden/fixAllInWorkspace';
/** Notification (server -> client): progress of the workspace diagnostics, for the status bar. */
export const WORKSPACE_PROGRESS = 'harden/workspaceProgress';
/** Notification (client -> server): stop the running workspace diagnostics. */
export const CANCEL_WORKSPACE_DIAGNOSTICS = 'harden/cancelWorkspaceDiagnostics';

export interface WorkspaceProgressParams {
  state: 'running' | 'done' | 'cancelled' | 'overBudget';
  done: number;
  total: number;
}

/** Every diagnostic of Harden's says so (the client's status bar counts these). */
export const DIAGNOSTIC_SOURCE = 'harden';

/**
 * initializationOptions key (client -> server): the client links each diagnostic's code to the rule's page and sets
 * its source itself (client/src/ruleLinks.ts), so the server leaves both out of every publish (hosts/lsp/diagnostics.ts).
 */
export const CLIENT_RULE_LINKS_OPTION = 'clientAddsRuleLinks';
