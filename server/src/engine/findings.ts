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
    const fixes = () => toFixes(hit, suppressFix(text, index, hit, language), index);
    findings.push(lazyFinding(hit.ruleId, severity, hit.message, index.rangeOf(hit.start, hit.end), { base: fixes, lines: 0 }));
  }
  return sortFindings(findings);
}

/** A finding's fixes: `shiftFixes(base(), lines)`, worked out on first read and then kept in `value`. */
interface LazyFixes {
  base: () => Fix[];
  lines: number;
  value?: Fix[];
}

/** The fixes of findings made here, read or not (a moved finding works out its fixes from the same source). */
const lazyOf = new WeakMap<Finding, LazyFixes>();

function read(lazy: LazyFixes): Fix[] {
  if (lazy.value === undefined) {
    lazy.value = shiftFixes(lazy.base(), lazy.lines);
    lazy.base = READ; // what the fixes were worked out from (the hit, its rule's captures) is no longer held
  }
  return lazy.value;
}

const READ = (): Fix[] => [];

/**
 * A finding whose `fixes` are worked out on first read (then kept), in their place among the keys: JSON, spreads,
 * deep equality and structured clones see an ordinary array. Assigning it replaces it. (An accessor written in
 * the object literal keeps the object's shape fast; defining one later would not.)
 */
function lazyFinding(ruleId: string, severity: Severity, message: string, range: Range, lazy: LazyFixes): Finding {
  const finding: Finding = {
    ruleId,
    severity,
    message,
    range,
    get fixes(): Fix[] {
      return read(lazy);
    },
    set fixes(value: Fix[]) {
      lazy.value = value;
      lazy.base = READ;
    },
  };
  lazyOf.set(finding, lazy);
  return finding;
}

const NO_FIXES: Fix[] = [];
type Range = Finding['range'];

/**
 * Makes `finding.fixes` computed on first read (then kept), in its place among the keys (for findings with keys
 * beyond a Finding's own, which `lazyFinding` cannot write as a literal).
 */
function lazyFixes<T extends Finding>(finding: T, lazy: LazyFixes): T {
  Object.defineProperty(finding, 'fixes', {
    get: () => read(lazy),
    set: (value: Fix[]) => {
      lazy.value = value;
      lazy.base = READ;
    },
    enumerable: true,
    configurable: true,
  });
  lazyOf.set(finding, lazy);
  return finding;
}

/** A shallow copy of `finding` whose `fixes` (unread, in their place among the keys) are `compute()`, on first read. */
export function copyWithLazyFixes<T extends Finding>(finding: T, compute: () => Fix[]): T {
  return copyWith(finding, finding.range, { base: compute, lines: 0 });
}

const FINDING_KEYS = 'ruleId,severity,message,range,fixes';

/** A shallow copy of `finding` at `range` with the same keys in the same order, its fixes those of `lazy`. */
function copyWith<T extends Finding>(finding: T, range: Range, lazy: LazyFixes): T {
  const keys = Object.keys(finding);
  if (keys.length === 5 && keys.join(',') === FINDING_KEYS) return lazyFinding(finding.ruleId, finding.severity, finding.message, range, lazy) as T;
  const copy = {} as Record<string, unknown>;
  for (const key of keys) copy[key] = key === 'fixes' ? NO_FIXES : key === 'range' ? range : finding[key as keyof T];
  return lazyFixes(copy as unknown as T, lazy);
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
    const lazy = lazyOf.get(f);
    const range = moveRange(f.range, lines);
    if (lazy && lazy.value === undefined) return copyWith(f, range, { base: lazy.base, lines: lazy.lines + lines });
    const fixes = f.fixes;
    return copyWith(f, range, { base: () => fixes, lines });
  });
}
