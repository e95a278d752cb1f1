// Rule hits (offsets) -> public findings (LSP positions), with severities resolved and the
// "suppress for this line" fix added. Pure, so that the YAML linter can cache the result per document.
import { fixKindOf } from './fix-kinds';
import type { RawFix, RuleHit } from './rule';
import { ruleById } from './rules';
import { suppressFix } from './suppression/suppress-fix';
import { LineIndex } from './text';
import type { EngineSettings, Finding, Fix, FixKind, Language, Severity, SeverityOrOff } from './types';

/** A user's setting wins; otherwise the finding's own severity, otherwise the rule's default. */
export function severityOf(settings: EngineSettings, ruleId: string, own: Severity | undefined): SeverityOrOff {
  const configured = settings.rules[ruleId];
  if (configured) return configured;
  const fallback = ruleById(ruleId)?.meta.defaultSeverity ?? 'error';
  if (fallback === 'off') return 'off';
  return own ?? fallback;
}

/** `withFixes` false: no fixes (not even the suppression comment), and `missing` said where it holds. */
export function toFindings(text: string, index: LineIndex, hits: RuleHit[], language: Language, settings: EngineSettings, withFixes = true): Finding[] {
  const findings: Finding[] = [];
  for (const hit of hits) {
    const severity = severityOf(settings, hit.ruleId, hit.severity);
    if (severity === 'off') continue;
    const range = index.rangeOf(hit.start, hit.end);
    if (!withFixes) {
      findings.push({ ruleId: hit.ruleId, severity, message: hit.message, range, fixes: [], ...(hit.missing ? { missing: true } : {}) });
      continue;
    }
    findings.push({ ruleId: hit.ruleId, severity, message: hit.message, range, fixes: toFixes(hit, suppressFix(text, index, hit, language), index) });
  }
  return sortFindings(findings);
}

/** The rule's fixes with their kinds resolved (the first safe one is preferred), then the suppression fix. */
function toFixes(hit: RuleHit, suppress: RawFix | undefined, index: LineIndex): Fix[] {
  const meta = ruleById(hit.ruleId)?.meta;
  const own = (hit.fixes ?? []).map((fix) => ({ fix, kind: fixKindOf(meta, fix) }));
  const preferred = own.find((f) => f.kind === 'safe')?.fix;
  const convert = (fix: RawFix, kind: FixKind, extra: Partial<Fix> = {}): Fix => ({
    title: fix.title,
    kind,
    isPreferred: fix === preferred,
    ...extra,
    edits: fix.edits.map((e) => index.toTextEdit(e)),
    ...(fix.createFiles ? { createFiles: fix.createFiles } : {}),
  });
  return [...own.map(({ fix, kind }) => convert(fix, kind)), ...(suppress ? [convert(suppress, 'suggestion', { suppression: true })] : [])];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Moves findings computed for a document down by `lines` (a document always starts at column 0). */
export function shiftFindings(findings: Finding[], lines: number): Finding[] {
  if (lines === 0) return findings;
  const move = <T extends { start: { line: number; character: number }; end: { line: number; character: number } }>(r: T) => ({
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  return findings.map((f) => ({
    ...f,
    range: move(f.range),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: move(e.range), newText: e.newText })) })),
  }));
}
