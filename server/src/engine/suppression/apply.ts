// Applies suppression comments to a file's findings, reports the stale ones, and offers every finding
// a "suppress for this line" fix.
import type { RuleHit } from '../linter';
import type { RawFix } from '../rule';
import type { EngineSettings, Language } from '../types';
import { LineIndex } from '../text';
import { directiveCovers, parseDirectives, type Directive } from './directives';
import { UNUSED_SUPPRESSION_RULE_ID, unusedSuppressionHit } from './unused';

export function applyDirectives(text: string, hits: RuleHit[], settings: EngineSettings): { kept: RuleHit[]; suppressed: number } {
  if (!text.includes('#')) return { kept: hits, suppressed: 0 };
  const directives = parseDirectives(text);
  if (directives.length === 0) return { kept: hits, suppressed: 0 };
  const index = new LineIndex(text);
  const used = new Map<Directive, Set<string>>();
  const kept: RuleHit[] = [];
  for (const hit of hits) {
    const line = index.positionAt(hit.start).line;
    const covering = hit.ruleId === UNUSED_SUPPRESSION_RULE_ID ? [] : directives.filter((d) => directiveCovers(d, hit.ruleId, line));
    for (const d of covering) used.set(d, (used.get(d) ?? new Set()).add(hit.ruleId));
    if (covering.length === 0) kept.push(hit);
  }
  for (const directive of directives) {
    if (directive.origin !== 'harden') continue; // peers' pragmas also serve the peer tool itself
    const usedIds = used.get(directive) ?? new Set<string>();
    if (directive.ruleIds === 'all') {
      if (usedIds.size === 0) {
        kept.push({
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
      const unused = unusedSuppressionHit(id, usedIds.has(id), settings, directive.lineStart, directive.lineEnd, 'comment', [
        dropIdFix(text, directive, id),
      ]);
      if (unused) kept.push(unused);
    }
  }
  return { kept, suppressed: hits.length - kept.filter((h) => hits.includes(h)).length };
}

function removeDirectiveFix(text: string, directive: Directive): RawFix {
  const next = text.indexOf('\n', directive.lineEnd);
  return { title: 'Remove this suppression comment', edits: [{ start: directive.lineStart, end: next === -1 ? text.length : next + 1, newText: '' }] };
}

function dropIdFix(text: string, directive: Directive, id: string): RawFix {
  const remaining = directive.written.filter((w) => w !== id);
  if (remaining.length === 0) return removeDirectiveFix(text, directive);
  const line = text.slice(directive.lineStart, directive.lineEnd);
  const rewritten = line.replace(/(harden-disable-(?:next-line|file)\s+)([^\s-][^\n]*?)(\s+--(?:\s|$).*|\s*)$/, (_m, head: string, _ids: string, tail: string) => `${head}${remaining.join(',')}${tail}`);
  return { title: `Remove ${id} from this suppression comment`, edits: [{ start: directive.lineStart, end: directive.lineEnd, newText: rewritten }] };
}

/**
 * "Suppress <rule> for this line": a directive above the finding's line, at its indentation. In a
 * Dockerfile only above an instruction's first line, since a comment inside a heredoc would be content.
 */
export function suppressFix(text: string, index: LineIndex, hit: RuleHit, language: Language): RawFix | undefined {
  if (hit.ruleId.startsWith('harden/')) return undefined;
  const line = index.positionAt(hit.start).line;
  const start = index.lineStart(line);
  const content = text.slice(start, index.lineEnd(line));
  if (language === 'dockerfile') {
    const previous = line > 0 ? text.slice(index.lineStart(line - 1), index.lineEnd(line - 1)) : '';
    if (!/^\s*[A-Za-z]+(\s|$)/.test(content) || /[\\`]\s*$/.test(previous)) return undefined;
  }
  const indent = /^[ \t]*/.exec(content)?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Suppress ${hit.ruleId} for this line`,
    isPreferred: false,
    edits: [{ start, end: start, newText: `${indent}# harden-disable-next-line ${hit.ruleId}${eol}` }],
  };
}
