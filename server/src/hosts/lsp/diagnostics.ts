// Engine findings -> LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../../engine';
import { ruleDocsHref } from '../node/ruleDocs';

export const DIAGNOSTIC_SOURCE = 'harden';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

// The engine hands back the same Finding objects for documents that did not change (or move), so their
// diagnostics are the same objects too: cheap to build, and the stdio writer reuses their JSON (jsonEncoder.ts).
// Nothing may modify a diagnostic once made.
const diagnosticOf = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  let diagnostic = diagnosticOf.get(finding);
  if (!diagnostic) {
    diagnostic = {
      range: finding.range,
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: { href: ruleDocsHref(finding.ruleId) }, // the shipped page: opens offline
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
