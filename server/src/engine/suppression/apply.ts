// Applies suppression comments to a file's findings, reports the stale ones, and offers every finding
// a "suppress for this line" fix.
import type { RawFix, RuleHit } from '../rule';
import { sortFindings, toFindings } from '../findings';
import type { EngineSettings, Finding, Language } from '../types';
import { LineIndex } from '../text';
import { directiveCovers, parseDirectives, type Directive } from './directives';
import { UNUSED_SUPPRESSION_RULE_ID, unusedSuppressionHit } from './unused';

/** Whether a text may hold a suppression comment (a cheap test: parsing them splits the whole text into lines). */
export function mayHoldDirectives(text: string): boolean {
  return text.includes('harden-disable') || text.includes('hadolint');
}

/** Drops the findings that suppression comments silence and reports the comments that silence nothing. */
export function applyDirectives(
  text: string,
  findings: Finding[],
  settings: EngineSettings,
  language: Language,
  /** Where the text is live (a Helm template: what the values render); a comment elsewhere is never called unused. */
  live: (offset: number) => boolean = () => true,
): { kept: Finding[]; suppressed: number } {
  if (!mayHoldDirectives(text)) return { kept: findings, suppressed: 0 };
  const directives = parseDirectives(text);
  if (directives.length === 0) return { kept: findings, suppressed: 0 };
  const used = new Map<Directive, Set<string>>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const line = finding.range.start.line;
    const covering = finding.ruleId === UNUSED_SUPPRESSION_RULE_ID ? [] : directives.filter((d) => directiveCovers(d, finding.ruleId, line));
    for (const d of covering) used.set(d, (used.get(d) ?? new Set()).add(finding.ruleId));
    if (covering.length === 0) kept.push(finding);
  }
  const stale: RuleHit[] = [];
  for (const directive of directives) {
    if (directive.origin !== 'harden') continue; // peers' pragmas also serve the peer tool itself
    if (!live(directive.lineStart)) continue;
    const usedIds = used.get(directive) ?? new Set<string>();
    if (directive.ruleIds === 'all') {
      if (usedIds.size === 0) {
        stale.push({
          ruleId: UNUSED_SUPPRESSION_RULE_ID,
          start: directive.lineStart,
          end: directive.lineEnd,
          message: 'This suppression comment suppresses nothing: remove it.',
          fixes: [removeDirectiveFix(text, directive)],
        });
      }
      continue;
    }
    for (const id of directive.written) {
      const unused = unusedSuppressionHit(id, usedIds.has(id), settings, directive.lineStart, directive.lineEnd, 'comment', [dropIdFix(text, directive, id)]);
      if (unused) stale.push(unused);
    }
  }
  const suppressed = findings.length - kept.length;
  if (stale.length === 0) return { kept, suppressed };
  return { kept: sortFindings([...kept, ...toFindings(text, new LineIndex(text), stale, language, settings)]), suppressed };
}

function removeDirectiveFix(text: string, directive: Directive): RawFix {
  const next = text.indexOf('\n', directive.lineEnd);
  return { title: 'Remove this suppression comment', edits: [{ start: directive.lineStart, end: next === -1 ? text.length : next + 1, newText: '' }] };
}

function dropIdFix(text: string, directive: Directive, id: string): RawFix {
  const remaining = directive.written.filter((w) => w !== id);
  if (remaining.length === 0) return removeDirectiveFix(text, directive);
  const line = text.slice(directive.lineStart, directive.lineEnd);
  const rewritten = line.replace(
    /(harden-disable-(?:next-line|file)\s+)([^\s-][^\n]*?)(\s+--(?:\s|$).*|\s*)$/,
    (_m, head: string, _ids: string, tail: string) => `${head}${remaining.join(',')}${tail}`,
  );
  return { title: `Remove ${id} from this suppression comment`, edits: [{ start: directive.lineStart, end: directive.lineEnd, newText: rewritten }] };
}
