// Which fixes a run applies. Every fix has a kind (see `FixKind`); fix-all in the editor and plain `--fix`
// apply safe fixes only, and the CLI can widen that to suggestions, or narrow it by rule and category.
import type { RawFix } from './rule';
import { ruleById } from './rules';
import type { Finding, Fix, FixKind, RuleCategory, RuleMeta } from './types';

/** Plain data (it is sent to the CLI's worker threads). */
export interface FixFilter {
  kinds: readonly FixKind[];
  /** Only these rules' fixes; absent = every rule. */
  rules?: readonly string[];
  /** Only fixes of rules in these categories; absent = every category. */
  categories?: readonly RuleCategory[];
}

export const SAFE_FIXES: FixFilter = { kinds: ['safe'] };

/**
 * The kind of a rule's fix: its own, else the one kind its rule offers. A fix whose rule does not say (or
 * offers both and the fix does not say) counts as a suggestion: when unsure, never apply in bulk.
 */
export function fixKindOf(meta: RuleMeta | undefined, fix: RawFix): FixKind {
  if (fix.kind) return fix.kind;
  const offered = Object.keys(meta?.fixKinds ?? {}) as FixKind[];
  return offered.length === 1 ? offered[0] : 'suggestion';
}

/** The fix of `finding` that a run with `filter` applies: the first of the rule's own fixes it allows. */
export function selectFix(finding: Finding, filter: FixFilter = SAFE_FIXES): Fix | undefined {
  if (filter.rules && !filter.rules.includes(finding.ruleId)) return undefined;
  if (filter.categories) {
    const category = ruleById(finding.ruleId)?.meta.category;
    if (!category || !filter.categories.includes(category)) return undefined;
  }
  return finding.fixes.find(
    (fix) => !fix.suppression && fix.edits.length + (fix.createFiles?.length ?? 0) + (fix.otherFiles?.length ?? 0) > 0 && filter.kinds.includes(fix.kind),
  );
}

/** The kinds of fix a rule offers, safe first; empty when it offers none. */
export function offeredFixKinds(meta: RuleMeta): FixKind[] {
  return (['safe', 'suggestion'] as const).filter((kind) => meta.fixKinds?.[kind] !== undefined);
}
