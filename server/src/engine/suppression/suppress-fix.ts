// "Suppress <rule> for this line": the quick fix every finding gets.
import type { RawFix, RuleHit } from '../rule';
import type { LineIndex } from '../text';
import type { Language } from '../types';
import { internFix } from '../intern';

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
  const eol = index.eol;
  return internFix({
    title: `Suppress ${hit.ruleId} for this line`,
    kind: 'suggestion',
    edits: [{ start, end: start, newText: `${indent}# harden-disable-next-line ${hit.ruleId}${eol}` }],
  });
}
