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

/**
 * `fixes`: true, each finding's fixes (the suppression comment included); false, none, and `missing` said where it
 * holds; a function, the fixes it gives for the hit, worked out when a finding's `fixes` is first read.
 */
export function toFindings(
  text: string,
  index: LineIndex,
  hits: RuleHit[],
  language: Language,
  settings: EngineSettings,
  fixes: boolean | ((hit: RuleHit) => Fix[]) = true,
): Finding[] {
  const findings: Finding[] = [];
  for (const hit of hits) {
    const severity = severityOf(settings, hit.ruleId, hit.severity);
    if (severity === 'off') continue;
    const range = index.rangeOf(hit.start, hit.end);
    if (fixes === false) findings.push({ ruleId: hit.ruleId, severity, message: hit.message, range, fixes: [], ...(hit.missing ? { missing: true } : {}) });
    else if (fixes === true) findings.push({ ruleId: hit.ruleId, severity, message: hit.message, range, fixes: hitFixes(hit, text, index, language) });
    else findings.push(lazyFixes<Finding>({ ruleId: hit.ruleId, severity, message: hit.message, range }, () => fixes(hit)));
  }
  return sortFindings(findings);
}

/** A hit's fixes as the finding carries them: the rule's, then the suppression comment. */
export function hitFixes(hit: RuleHit, text: string, index: LineIndex, language: Language): Fix[] {
  return toFixes(hit, suppressFix(text, index, hit, language), index);
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
  const shift = (fixes: Fix[]) => fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: move(e.range), newText: e.newText })) }));
  return findings.map((f) => {
    // Fixes not worked out yet stay so: moving every finding below an inserted line must not work out theirs.
    if (!hasPendingFixes(f)) return { ...f, range: move(f.range), fixes: shift(f.fixes) };
    const moved = copyWithLazyFixes(f, () => shift(f.fixes));
    moved.range = move(f.range);
    return moved;
  });
}

/**
 * What a lazy finding's fixes are worked out with, until first read: a hidden (non-enumerable) property of the
 * finding, which JSON, spreads and structured clones do not see.
 */
const PENDING = Symbol('pending fixes');
type Pending = Finding & { [PENDING]?: () => Fix[] };

/** The finding's fixes are worked out on first read and have not been read yet (no descriptor allocated: hot path). */
export function hasPendingFixes(finding: Finding): boolean {
  return (finding as Pending)[PENDING] !== undefined;
}

const settle = (finding: Pending, value: Fix[]): Fix[] => {
  finding[PENDING] = undefined;
  Object.defineProperty(finding, 'fixes', { value, writable: true, enumerable: true, configurable: true });
  return value;
};

// One getter and setter for every lazy finding: findings that share them share their hidden class (a getter per
// finding would give each its own: +18 MB for 9,800 findings).
const LAZY_FIXES: PropertyDescriptor = {
  get(this: Pending): Fix[] {
    return settle(this, this[PENDING]?.() ?? []);
  },
  set(this: Pending, value: Fix[]) {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Makes `finding.fixes` computed on first read (then kept): JSON, spreads and structured clones see an ordinary
 * array. Assigning it replaces it. Give it an object without `fixes` (the property is added last, keeping the
 * object's hidden class shared; changing an existing property into a getter would make it a dictionary).
 */
export function lazyFixes<T extends Finding>(finding: Omit<T, 'fixes'>, compute: () => Fix[]): T {
  Object.defineProperty(finding, PENDING, { value: compute, writable: true, configurable: true });
  Object.defineProperty(finding, 'fixes', LAZY_FIXES);
  return finding as T;
}

/** A copy of `finding` (`fixes` left unread) whose `fixes` are `compute()`, on first read, in the same place among its keys. */
export function copyWithLazyFixes<T extends Finding>(finding: T, compute: () => Fix[]): T {
  const copy = {} as Record<string, unknown>;
  for (const key of Object.keys(finding)) {
    if (key === 'fixes') lazyFixes(copy as unknown as Omit<T, 'fixes'>, compute);
    else copy[key] = finding[key as keyof T];
  }
  return copy as unknown as T;
}
