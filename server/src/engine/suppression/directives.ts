// Suppression comments, for YAML and Dockerfiles alike (both use `#` comments):
//   # harden-disable-next-line <id>[,<id>] [-- reason]     (bare: every rule)
//   # harden-disable-file <id>[,<id>] [-- reason]
//   # hadolint ignore=DL3002,DL3059          (next instruction)   # hadolint global ignore=DL3059  (file)
import { rulesForAlias } from './aliases';

export interface Directive {
  scope: 'next-line' | 'file';
  /** Our rule ids; `all` for a bare harden directive. */
  ruleIds: string[] | 'all';
  /** Ids as the user wrote them, for messages about unknown ones. */
  written: string[];
  /** 0-based line of the comment, and the line it applies to (next-line scope). */
  line: number;
  targetLine: number;
  /** Offsets of the whole comment line (for the "remove unused directive" fix). */
  lineStart: number;
  lineEnd: number;
  origin: 'harden' | 'hadolint';
}

const HARDEN = /^\s*#\s*harden-disable-(next-line|file)(?=\s|$)(.*)$/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_, ]+)/;

export function parseDirectives(text: string): Directive[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const directives: Directive[] = [];
  lines.forEach((raw, line) => {
    if (!raw.includes('#')) return;
    const content = raw.replace(/\r$/, '');
    const base = { line, targetLine: nextCodeLine(lines, line), lineStart: starts[line], lineEnd: starts[line] + content.length };
    const harden = HARDEN.exec(content);
    if (harden) {
      const [idsPart] = harden[2].split(/\s--(?:\s|$)/);
      const written = idsPart.split(/[\s,]+/).filter(Boolean);
      directives.push({ ...base, scope: harden[1] as Directive['scope'], ruleIds: written.length ? written : 'all', written, origin: 'harden' });
      return;
    }
    const hadolint = HADOLINT.exec(content);
    if (hadolint) {
      const written = hadolint[2].split(/[\s,]+/).filter(Boolean);
      directives.push({
        ...base,
        scope: hadolint[1] ? 'file' : 'next-line',
        ruleIds: written.flatMap((id) => rulesForAlias('hadolint', id)),
        written,
        origin: 'hadolint',
      });
    }
  });
  return directives;
}

/** The next line that is neither blank nor a comment: stacked directives all apply to it. */
function nextCodeLine(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return i;
  }
  return lines.length;
}

export function directiveCovers(directive: Directive, ruleId: string, line: number): boolean {
  const idMatches = directive.ruleIds === 'all' || directive.ruleIds.includes(ruleId);
  if (!idMatches) return false;
  return directive.scope === 'file' || directive.targetLine === line;
}
