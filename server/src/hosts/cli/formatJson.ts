// Machine output, a stable public shape (version 1): every linted file, its findings with 0-based LSP
// ranges, and fix titles (not edits: those are an engine detail and can be large).
import type { Finding, FixKind, Range, Severity } from '../../engine';
import { JsonArrayStream } from './jsonStream';
import type { LintedFile } from './lintFile';
import type { Output } from './output';
import type { Reporter } from './reporter';

export interface JsonReport {
  version: 1;
  results: Array<{ file: string; findings: JsonFinding[] }>;
  /** Findings silenced by suppression comments or annotations, over all files. */
  suppressed?: number;
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Array<{ title: string; kind: FixKind; isPreferred: boolean }>;
  /** Kustomize: the overlays (folders) whose build has the finding. */
  overlays?: string[];
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { start, end } = finding.range;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    // Rebuilt field by field so the output never grows whatever else the engine adds to a range.
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    fixes: finding.fixes.map((fix) => ({ title: fix.title, kind: fix.kind, isPreferred: fix.isPreferred })),
    ...overlaysOf(finding),
  };
}

/** Streams: one line per file as it is linted (so memory does not grow with the report). */
export function jsonReporter(output: Output): Reporter {
  const results = new JsonArrayStream(output, '{"version":1,"results":[');
  return {
    file(result: LintedFile) {
      results.push([{ file: result.file.display, findings: result.findings.map(toJsonFinding) }]);
    },
    end(summary) {
      results.end(`],"suppressed":${summary.suppressed}}`);
    },
  };
}

/** Kustomize findings name the overlays they hold in. */
export function overlaysOf(finding: Finding): { overlays?: string[] } {
  const overlays = (finding as { overlays?: unknown }).overlays;
  return Array.isArray(overlays) ? { overlays: overlays.map(String) } : {};
}
