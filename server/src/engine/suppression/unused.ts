// `harden/unused-suppression`: a directive or annotation naming a rule that reported nothing there,
// or naming no rule at all (a typo silently suppresses nothing).
import type { RawFix, RuleHit } from '../rule';
import { ruleById } from '../rules';
import type { EngineSettings } from '../types';

export const UNUSED_SUPPRESSION_RULE_ID = 'harden/unused-suppression';

export function unusedSuppressionHit(
  ruleId: string,
  used: boolean,
  settings: EngineSettings,
  start: number,
  end: number,
  where: 'comment' | 'annotation',
  fixes: RawFix[] = [],
): RuleHit | undefined {
  const rule = ruleById(ruleId);
  if (!rule) {
    return { ruleId: UNUSED_SUPPRESSION_RULE_ID, start, end, message: `The suppression ${where} names an unknown rule "${ruleId}".`, fixes };
  }
  // A rule switched off by configuration reports nothing anywhere: its directives are not stale.
  if (used || (settings.rules[ruleId] ?? rule.meta.defaultSeverity) === 'off') return undefined;
  return {
    ruleId: UNUSED_SUPPRESSION_RULE_ID,
    start,
    end,
    message: `The suppression ${where} for ${ruleId} suppresses nothing: remove it.`,
    fixes,
  };
}
