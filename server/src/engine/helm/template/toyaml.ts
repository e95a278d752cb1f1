// Helm's toYaml: sigs.k8s.io/yaml (JSON round trip, then gopkg.in/yaml.v2's emitter). This is a port of the
// parts of yaml.v2's encoder and emitter that JSON-shaped data reaches: key order, scalar styles, quoting,
// folding at 80 columns, literal blocks. Every key and value that came from a values file is mapped to it.
import { valueOrigins } from './exec';
import type { Segment, SourceRange } from './sourcemap';
import { GoStruct, formatFloat, isMap } from './values';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** yaml.v2's key order: letters after other characters, digit runs compared as numbers. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && /[0-9]/.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length < br.length ? -1 : ar.length > br.length ? 1 : 0;
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

function isTimestamp(s: string): boolean {
  const m = /^[0-9]{4}-/.exec(s);
  if (!m) return false;
  return /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/.test(s) && /^\d{4}-\d{1,2}-\d{1,2}$|[Tt]|\d \d/.test(s);
}

function parsesAsGoInt(s: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.test(s);
}

/** Whether a plain scalar `s` would read back as a string (yaml.v2's resolve). */
function resolvesToString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false;
  const c = s[0];
  if (c === '.') return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && !/^\.([eE]|$)/.test(s) ? true : false;
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return false;
    const plain = s.replace(/_/g, '');
    if (parsesAsGoInt(plain)) return false;
    if (YAML_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
    return true;
  }
  return true;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreakChar = (c: string | undefined) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      else if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreakChar(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  readonly segments: Segment[] = [];

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  scalar(value: string, requested: Style, indent: number, simpleKey: boolean, origin?: SourceRange): void {
    const a = analyze(value);
    let style = requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (value.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    const allowBreaks = !simpleKey;
    // The separating space belongs to no segment.
    if (!this.whitespace && style !== 'literal') {
      this.put(' ');
      this.whitespace = true;
    }
    const start = this.out.length;
    switch (style) {
      case 'plain':
        this.writePlain(value, indent, allowBreaks);
        break;
      case 'single':
        this.writeSingle(value, indent, allowBreaks);
        break;
      case 'double':
        this.writeDouble(value, indent, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value, indent);
        break;
    }
    if (origin && this.out.length > start) this.segments.push({ start, end: this.out.length, source: origin });
  }

  private writePlain(value: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c === "'" ? "''" : c);
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
  }

  private writeDouble(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
        const named: Record<string, string> = {
          '\0': '0',
          '\x07': 'a',
          '\b': 'b',
          '\t': 't',
          '\n': 'n',
          '\v': 'v',
          '\f': 'f',
          '\r': 'r',
          '\x1b': 'e',
          '"': '"',
          '\\': '\\',
          '\u0085': 'N',
          '\u00a0': '_',
          '\u2028': 'L',
          '\u2029': 'P',
        };
        if (named[c] !== undefined) this.put(`\\${named[c]}`);
        else if (cp <= 0xff) this.put(`\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`);
        else if (cp <= 0xffff) this.put(`\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`);
        else this.put(`\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }

  private writeLiteral(value: string, indent: number): void {
    this.indicator('|', true, false, false);
    const chars = [...value];
    let hints = '';
    if (chars[0] === ' ' || isBreakChar(chars[0])) hints += String(BEST_INDENT);
    const last = chars.length - 1;
    if (!isBreakChar(chars[last])) hints += '-';
    else if (last === 0 || isBreakChar(chars[last - 1])) hints += '+';
    if (hints) this.indicator(hints, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreakChar(c)) {
        if (c === '\n') this.putBreak();
        else {
          this.out += c;
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent(indent);
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }
}

/** The text yaml.v2 writes for a JSON scalar, and the style it asks for. */
function scalarText(v: unknown): [string, Style] {
  if (v === null || v === undefined) return ['null', 'plain'];
  if (typeof v === 'boolean') return [v ? 'true' : 'false', 'plain'];
  if (typeof v === 'bigint') return [v.toString(), 'plain'];
  if (typeof v === 'number') {
    // json.Marshal, then yaml.v2 reads an integer-looking number back as an int.
    const json = String(v);
    if (/^-?\d+$/.test(json)) return [json, 'plain'];
    const f = formatFloat(Number(json));
    return [f === '+Inf' ? '.inf' : f === '-Inf' ? '-.inf' : f === 'NaN' ? '.nan' : f, 'plain'];
  }
  const s = String(v);
  if (s.includes('\n')) return [s, 'literal'];
  const plain = resolvesToString(s) && !BASE60_FLOAT.test(s);
  return [s, plain ? 'plain' : 'double'];
}

function jsonShape(v: unknown): unknown {
  if (v instanceof GoStruct) return v.stringer ? v.stringer() : v.fields;
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('json: unsupported value');
  return v;
}

// encoding/json gives up on values nested this deep (a map that contains itself); so does toYaml.
const MAX_DEPTH = 1000;

function emitMapping(e: Emitter, map: Record<string, unknown>, indent: number): void {
  const origins = valueOrigins.get(map);
  for (const key of Object.keys(map).sort(compareYamlKeys)) {
    const origin = origins?.get(key);
    e.writeIndent(indent);
    const [keyText, keyStyle] = scalarText(key);
    e.scalar(keyText, keyStyle, indent + BEST_INDENT, true, origin?.key);
    e.indicator(':', false, false, false);
    emitValue(e, jsonShape(map[key]), indent, 'mapping', origin?.value);
  }
}

function emitSequence(e: Emitter, list: unknown[], indent: number): void {
  const origins = valueOrigins.get(list);
  list.forEach((item, i) => {
    e.writeIndent(indent);
    e.indicator('-', true, false, true);
    emitValue(e, jsonShape(item), indent, 'sequence', origins?.get(String(i))?.value);
  });
}

/** A value under a mapping key or sequence dash whose block sits at `indent`. */
function emitValue(e: Emitter, v: unknown, indent: number, parent: 'mapping' | 'sequence' | 'root', origin?: SourceRange): void {
  if (indent > 2 * MAX_DEPTH) throw new Error('json: unsupported value: encountered a cycle');
  if (Array.isArray(v) && v.length > 0) {
    // yaml.v2 writes a sequence under a mapping key without indenting it.
    emitSequence(e, v, parent === 'mapping' ? indent : parent === 'root' ? 0 : indent + BEST_INDENT);
    return;
  }
  if (isMap(v) && Object.keys(v).length > 0) {
    emitMapping(e, v, parent === 'root' ? 0 : indent + BEST_INDENT);
    return;
  }
  if (Array.isArray(v) || isMap(v)) {
    const start = e.out.length + (e.whitespace ? 0 : 1);
    e.indicator(Array.isArray(v) ? '[]' : '{}', true, false, false);
    if (origin) e.segments.push({ start, end: e.out.length, source: origin });
    return;
  }
  const [text, style] = scalarText(v);
  e.scalar(text, style, parent === 'root' ? BEST_INDENT : indent + BEST_INDENT, false, origin);
}

/**
 * toYaml's text (without the final newline, as Helm trims it) and where its keys and values come from. `origin` is the
 * value's own: an empty map or list (`resources: {}`) prints as `{}`, which then maps to the values line that set it.
 */
export function toYaml(value: unknown, origin?: SourceRange): { text: string; segments: Segment[] } {
  const e = new Emitter();
  try {
    emitValue(e, jsonShape(value), -1, 'root', origin);
  } catch {
    return { text: '', segments: [] };
  }
  let text = e.out;
  // Document end: a line break unless at the start of a line, which Helm's toYaml then trims.
  if (e.column > 0 || !e.indention) text += '\n';
  text = text.endsWith('\n') ? text.slice(0, -1) : text;
  const segments = e.segments.filter((s) => s.start < text.length).map((s) => ({ ...s, end: Math.min(s.end, text.length) }));
  return { text, segments };
}
