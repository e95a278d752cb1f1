// Lints a Docker Compose file: parses it once, then runs every enabled compose rule on it.
import { reportRuleError } from '../errors';
import type { WorkspaceIndex } from '../k8s/workspace-index';
import { hitOf, type RuleHit } from '../rule';
import { composeRules } from '../rules/compose';
import { PARSE_ERROR_RULE_ID } from '../rules/harden/parse-error';
import type { EngineSettings, HostFileSystem } from '../types';
import { nestingTooDeep } from '../yaml/documents';
import { ComposeContext } from './context';
import { parseCompose } from './model';

export function lintCompose(text: string, path: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): RuleHit[] {
  if (nestingTooDeep(text)) return [];
  const model = parseCompose(text);
  const error = model.doc.errors[0];
  if (error) {
    const [start, end] = error.pos;
    return [
      { ruleId: PARSE_ERROR_RULE_ID, start, end: Math.max(end, start + 1), message: `This Compose file does not parse: ${error.message.split('\n')[0]}` },
    ];
  }
  const context = new ComposeContext(model, text, path, settings, fs, index);
  const hits: RuleHit[] = [];
  for (const rule of composeRules) {
    const severity = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    try {
      rule.check(context, (finding) => hits.push(hitOf(finding, rule.meta.id)));
    } catch (error) {
      reportRuleError(rule.meta.id, error);
    }
  }
  return hits;
}
