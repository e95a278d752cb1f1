// The explicit rule registry. A rule exists for users only once it is listed here; the registry test
// fails when a listed rule lacks metadata, a test file or a docs page.
import type { RuleModule } from '../rule';
import { composeRules } from './compose';
import { dockerRules } from './docker';
import { engineRules } from './harden';
import { k8sRules } from './k8s';

// eslint-style: every rule module is typed by the context its language gives it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allRules: ReadonlyArray<RuleModule<any>> = [...engineRules, ...k8sRules.filter((r) => !engineRules.includes(r)), ...dockerRules, ...composeRules];

const byId = new Map(allRules.map((rule) => [rule.meta.id, rule]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ruleById(id: string): RuleModule<any> | undefined {
  return byId.get(id);
}
