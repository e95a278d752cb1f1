// Harden's diagnostics arrive without their rule link and source: the client says it adds them
// (CLIENT_RULE_LINKS_OPTION), so that each publish is ~30% smaller (server/src/hosts/lsp/diagnostics.ts). Every code
// becomes a link to the rule's page, one Uri per rule: VS Code shows it in the hover and the Problems view.
import { Uri, type Diagnostic, type ExtensionContext } from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { CLIENT_RULE_LINKS_OPTION, DIAGNOSTIC_SOURCE } from '../../server/src/hosts/lsp/workspaceProtocol';

/** What the client sends at initialization for the server to leave links and sources out. */
export const RULE_LINKS_INITIALIZATION_OPTIONS = { [CLIENT_RULE_LINKS_OPTION]: true } as const;

/** The rule's page shipped with the extension (docs/rules/<id>.md, which opens offline), as Show Rule Documentation opens it. */
export function shippedRulePage(context: ExtensionContext, ruleId: string): Uri {
  return Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

/** Adds to Harden's diagnostics the link of their rule's shipped page and their source. */
export function ruleLinksMiddleware(context: ExtensionContext): Required<Pick<Middleware, 'handleDiagnostics'>> {
  const pages = new Map<string, Uri>();
  const linked = (diagnostic: Diagnostic): void => {
    diagnostic.source ??= DIAGNOSTIC_SOURCE;
    const ruleId = diagnostic.code;
    // A code that is already a link came from a server that sent it (codeDescription).
    if (typeof ruleId !== 'string') return;
    let target = pages.get(ruleId);
    if (!target) pages.set(ruleId, (target = shippedRulePage(context, ruleId)));
    diagnostic.code = { value: ruleId, target };
  };
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const diagnostic of diagnostics) linked(diagnostic);
      next(uri, diagnostics);
    },
  };
}
