// Rule hits (offsets) -> public findings (LSP positions), with severities resolved and the
// "suppress for this line" fix added. Pure, so that the YAML linter can cache the result per document.
// A finding's fixes are worked out when first read (code actions, --fix, reports listing them), not while linting.
import { fixKindOf } from './fix-kinds';
import { rawFixesOf, type RawFix, type RuleHit } from './rule';
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

export function toFindings(text: string, index: LineIndex, hits: RuleHit[], language: Language, settings: EngineSettings): Finding[] {
  const findings: Finding[] = [];
  for (const hit of hits) {
    const severity = severityOf(settings, hit.ruleId, hit.severity);
    if (severity === 'off') continue;
    const finding: Finding = { ruleId: hit.ruleId, severity, message: hit.message, range: index.rangeOf(hit.start, hit.end), fixes: NO_FIXES };
    findings.push(lazyFixes(finding, () => toFixes(hit, suppressFix(text, index, hit, language), index)));
  }
  return sortFindings(findings);
}

const NO_FIXES: Fix[] = [];

/** A finding's fixes not read yet: `shiftFixes(base(), lines)`. */
interface PendingFixes {
  base: () => Fix[];
  lines: number;
}

const pending = new WeakMap<Finding, PendingFixes>();

/**
 * Makes `finding.fixes` computed on first read (then kept), in its place among the keys: JSON, spreads,
 * deep equality and structured clones see an ordinary array. Assigning it replaces it.
 */
export function lazyFixes<T extends Finding>(finding: T, compute: () => Fix[]): T {
  return lazyShiftedFixes(finding, compute, 0);
}

function lazyShiftedFixes<T extends Finding>(finding: T, base: () => Fix[], lines: number): T {
  pending.set(finding, { base, lines });
  const settle = (value: Fix[]): Fix[] => {
    pending.delete(finding);
    Object.defineProperty(finding, 'fixes', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(finding, 'fixes', { get: () => settle(shiftFixes(base(), lines)), set: settle, enumerable: true, configurable: true });
  return finding;
}

/** A shallow copy of `finding` whose `fixes` (unread, in their place among the keys) are `compute()`, on first read. */
export function copyWithLazyFixes<T extends Finding>(finding: T, compute: () => Fix[]): T {
  return lazyFixes(copyUnread(finding), compute);
}

/** A shallow copy of `finding` with the same keys in the same order, `fixes` left unread (to be set by the caller). */
function copyUnread<T extends Finding>(finding: T): T {
  const copy = {} as Record<string, unknown>;
  for (const key of Object.keys(finding)) copy[key] = key === 'fixes' ? NO_FIXES : finding[key as keyof T];
  return copy as unknown as T;
}

/** The rule's fixes with their kinds resolved (the first safe one is preferred), then the suppression fix. */
function toFixes(hit: RuleHit, suppress: RawFix | undefined, index: LineIndex): Fix[] {
  const meta = ruleById(hit.ruleId)?.meta;
  const own = rawFixesOf(hit).map((fix) => ({ fix, kind: fixKindOf(meta, fix) }));
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

type Range = Finding['range'];

function moveRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

function shiftFixes(fixes: Fix[], lines: number): Fix[] {
  if (lines === 0) return fixes;
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: moveRange(e.range, lines), newText: e.newText })) }));
}

/**
 * Moves findings computed for a document down by `lines` (a document always starts at column 0). Fixes not read
 * yet stay unread: the moved finding works them out from the same source, moved by the sum of the shifts.
 */
export function shiftFindings(findings: Finding[], lines: number): Finding[] {
  if (lines === 0) return findings;
  return findings.map((f) => {
    const moved = copyUnread(f);
    moved.range = moveRange(f.range, lines);
    const source = pending.get(f);
    if (source) return lazyShiftedFixes(moved, source.base, source.lines + lines);
    const fixes = f.fixes;
    return lazyShiftedFixes(moved, () => fixes, lines);
  });
}
