// Where a Dockerfile can be cut into pieces that dockerfile-ast parses exactly as it parses the whole file:
// at the start of each `FROM` instruction. dockerfile-ast is a sequential scanner whose only state between
// instructions is the escape character (set by a parser directive at the top), so from a line where it is
// between instructions — not inside a `\` continuation, not inside a heredoc body — parsing the rest alone
// gives the same instructions. Parsing a 10,000-line file takes ~150 ms; one stage takes well under 1 ms, and
// an edit changes one stage (see model.ts for the cache).
//
// The scanner below mirrors dockerfile-ast's parser (lib/parser.js: processInstruction, processArguments,
// processHeredocs, parseHeredoc) line by line. Where it cannot be sure (a keyword continued onto the next
// line, a lone CR line break) it gives up and the caller parses the whole file: a missed cut costs time, a
// wrong cut would cost correctness. test/dockerfile-chunks.test.ts checks the equivalence on every Dockerfile
// we have and on random edits of them.
import { DockerfileParser } from 'dockerfile-ast';
import { detached } from '../text';
import { isCaching } from './transient';

/** Instructions whose `<<WORD` arguments open a heredoc (dockerfile-ast's processHeredocs). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

/**
 * Offsets at which the text can be cut (each the start of a `FROM` line, the first chunk starting at 0), or
 * undefined when the file should be parsed whole.
 */
export function stageCuts(text: string, escapeChar: string): number[] | undefined {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  const cuts = [0];
  let continued = false; // inside a `\` continuation
  let instruction: InstructionStart | undefined;
  const heredocs: Heredoc[] = [];
  /** At the end of an instruction: queue the heredocs it opens; false when unsure. */
  const openHeredocs = (instruction: InstructionStart, end: number): boolean => {
    const opened = heredocsOf(text, instruction, end, escapeChar);
    if (!opened) return false;
    heredocs.push(...opened);
    return true;
  };
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    const end = newline === -1 ? text.length : newline > start && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
    const line = text.slice(start, end);
    if (heredocs.length > 0) {
      // A body line ends the heredoc when it is exactly the name (after tabs, with `<<-`).
      const body = heredocs[0].tabbed ? line.replace(/^\t+/, '') : line;
      if (body === heredocs[0].name && body !== '') heredocs.shift();
    } else if (continued) {
      const trimmed = trimBlanks(line);
      // Blank lines and comment lines inside a continuation are skipped; it goes on after them.
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        continued = endsWithEscape(line, escapeChar);
        if (/<</.test(line)) instruction!.mayHaveHeredoc = true;
        if (!continued && !openHeredocs(instruction!, end)) return undefined;
      }
    } else {
      const trimmed = trimBlanks(line);
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        const keyword = /^\S*/.exec(trimmed)![0];
        // `FR\` + `OM …`: a keyword continued onto the next line follows rules we do not mirror.
        if (keyword.includes(escapeChar)) return undefined;
        if (keyword.toUpperCase() === 'FROM' && start > 0) cuts.push(start);
        instruction = { start, keyword: keyword.toUpperCase(), mayHaveHeredoc: /<</.test(line) };
        continued = endsWithEscape(line, escapeChar);
        if (!continued && !openHeredocs(instruction, end)) return undefined;
      }
    }
    start = next;
  }
  return cuts;
}

interface InstructionStart {
  start: number;
  keyword: string;
  /** A `<<` somewhere in its lines. */
  mayHaveHeredoc: boolean;
}

interface Heredoc {
  name: string;
  /** `<<-`: the terminator may be indented with tabs. */
  tabbed: boolean;
}

const CR = 13;
const SPACE = 32;
const TAB = 9;

/** dockerfile-ast skips only spaces and tabs before an instruction or a comment. */
function trimBlanks(line: string): string {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
  return i === 0 ? line : line.slice(i);
}

/** The escape character followed only by blanks ends the line: the instruction continues. */
function endsWithEscape(line: string, escapeChar: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i--;
  return i >= 0 && line[i] === escapeChar;
}

/**
 * The heredocs an instruction opens, in order, read the way dockerfile-ast reads them: from the arguments
 * of the instruction (parsed alone, so quoting is handled by the real parser), for ADD/COPY/RUN directly or
 * as the trigger of ONBUILD.
 */
function heredocsOf(text: string, instruction: InstructionStart, end: number, escapeChar: string): Heredoc[] | undefined {
  if (!instruction.mayHaveHeredoc) return [];
  if (!HEREDOC_KEYWORDS.has(instruction.keyword) && instruction.keyword !== 'ONBUILD') return [];
  const directive = escapeChar === '\\' ? '' : `# escape=${escapeChar}\n`;
  const source = directive + text.slice(instruction.start, end);
  let heredocs = heredocCache.get(source);
  if (heredocs === undefined) {
    if (!isCaching()) return parseHeredocs(source);
    if (heredocCache.size >= HEREDOC_CACHE_LIMIT) heredocCache.clear();
    const own = detached(source);
    heredocs = parseHeredocs(own) ?? null;
    heredocCache.set(own, heredocs);
  }
  return heredocs ?? undefined;
}

const heredocCache = new Map<string, Heredoc[] | null>();
const HEREDOC_CACHE_LIMIT = 2000;

function parseHeredocs(source: string): Heredoc[] | undefined {
  const instructions = DockerfileParser.parse(source).getInstructions();
  // More than one: our idea of where this instruction ends differs from the parser's.
  if (instructions.length !== 1) return undefined;
  let parsed = instructions[0];
  if (parsed && parsed.getKeyword().toUpperCase() === 'ONBUILD') {
    parsed = (parsed as unknown as { getTriggerInstruction(): typeof parsed | null }).getTriggerInstruction() ?? undefined!;
  }
  if (!parsed || !HEREDOC_KEYWORDS.has(parsed.getKeyword().toUpperCase())) return [];
  const names: string[] = [];
  let tabbed = false;
  for (const argument of parsed.getArguments()) {
    const value = argument.getValue();
    if (!value.startsWith('<<') || value.length <= 2) continue;
    if (value.startsWith('<<-')) tabbed = true;
    const name = heredocName(value);
    if (name !== null) names.push(name);
  }
  return names.map((name) => ({ name, tabbed }));
}

/** dockerfile-ast's Util.parseHeredocName. */
function heredocName(value: string): string | null {
  value = value.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  for (const quote of ['"', "'"]) {
    if (value.charAt(0) === quote) {
      if (value.charAt(value.length - 1) !== quote) return null;
      value = value.substring(1, value.length - 1);
    }
  }
  if (value.charAt(0) === '<') return null;
  return value;
}
