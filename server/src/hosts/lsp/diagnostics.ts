// Engine findings -> LSP diagnostics.
// Free of Node: the web server (hosts/web) shares it; the host says where a rule's page is (setRuleDocsLink).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { docsUrl, type Finding, type Severity } from '../../engine';
import { CLIENT_RULE_LINKS_OPTION, DIAGNOSTIC_SOURCE } from './workspaceProtocol';

export { DIAGNOSTIC_SOURCE };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

// The engine hands back the same Finding objects for documents that did not change (or move), so their
// diagnostics are the same objects too: cheap to build, and the stdio writer reuses their JSON (jsonEncoder.ts).
// Nothing may modify a diagnostic once made.
let diagnosticOf = new WeakMap<Finding, Diagnostic>();

/**
 * The client links each code to the rule's page and sets the source itself (CLIENT_RULE_LINKS_OPTION: Harden's VS Code
 * clients). Those two fields, the same on every diagnostic of a rule, were 30% of a publish's JSON (3.43 -> 2.42 MB for
 * a 1,000-document file with the repository's docs path; more under an extensions folder), which the client reads in
 * full on every keystroke. Other editors get both.
 */
let clientAddsRuleLinks = false;

/** Set once, when the client initializes (before any diagnostic is made: diagnostics are cached). */
export function setDiagnosticOptions(initializationOptions: unknown): void {
  const options = typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as Record<string, unknown>) : {};
  clientAddsRuleLinks = options[CLIENT_RULE_LINKS_OPTION] === true;
  diagnosticOf = new WeakMap();
}

/** The link of a rule's page: the online page unless the host knows a better one (the shipped file, ruleDocs.ts). */
let ruleDocsLink: (ruleId: string) => string = docsUrl;

/** Set once, when the server starts (before any diagnostic is made: diagnostics are cached). */
export function setRuleDocsLink(link: (ruleId: string) => string): void {
  ruleDocsLink = link;
  codeDescriptions.clear();
}

/** One per rule, shared by its diagnostics: a large file has thousands of the same link, and the host's link
 * may check the file system (ruleDocs.ts). */
const codeDescriptions = new Map<string, { href: string }>();
function codeDescriptionOf(ruleId: string): { href: string } {
  let description = codeDescriptions.get(ruleId);
  if (!description) codeDescriptions.set(ruleId, (description = { href: ruleDocsLink(ruleId) }));
  return description;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  let diagnostic = diagnosticOf.get(finding);
  if (!diagnostic) {
    diagnostic = clientAddsRuleLinks
      ? { range: finding.range, severity: SEVERITY[finding.severity], code: finding.ruleId, message: finding.message }
      : {
          range: finding.range,
          severity: SEVERITY[finding.severity],
          code: finding.ruleId,
          codeDescription: codeDescriptionOf(finding.ruleId), // the shipped page on the desktop: opens offline
          source: DIAGNOSTIC_SOURCE,
          message: finding.message,
        };
    diagnosticOf.set(finding, diagnostic);
  }
  return diagnostic;
}

/** A diagnostic about Harden itself (file skipped, internal error), shown at the top of the file. */
export function noticeDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

/**
 * Whether two publishes say the same. Diagnostics of unchanged findings are the same objects (diagnosticOf), so
 * most are compared by reference: serialising both lists costs tens of milliseconds on a large file.
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
