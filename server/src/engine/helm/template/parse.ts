// Go text/template syntax (the subset of https://pkg.go.dev/text/template that Helm charts use, which is
// all of it; complex numbers parse but do not evaluate): a lexer with trim markers and comments, and a parser
// to a small tree.
// Every node keeps its offset in the source so that render errors and the source map point at the file.

export class TemplateError extends Error {
  constructor(
    message: string,
    /** Name of the template the error is in (its file name for Helm). */
    readonly templateName: string,
    /** Offset in that template's source. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export type Node =
  | { type: 'text'; pos: number; end: number; text: string }
  | { type: 'action'; pos: number; pipe: Pipe }
  | { type: 'if' | 'with'; pos: number; pipe: Pipe; list: Node[]; elseList?: Node[] }
  | { type: 'range'; pos: number; pipe: Pipe; list: Node[]; elseList?: Node[] }
  | { type: 'template'; pos: number; name: string; pipe?: Pipe }
  | { type: 'break' | 'continue'; pos: number };

export interface Pipe {
  pos: number;
  decl: string[];
  /** `=` rather than `:=`. */
  isAssign: boolean;
  cmds: Command[];
}

export interface Command {
  pos: number;
  args: Arg[];
}

export type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; value: bigint | number; execError?: string }
  /** `end`: just past the closing quote. */
  | { type: 'string'; pos: number; end: number; value: string }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'pipe'; pos: number; pipe: Pipe }
  | { type: 'chain'; pos: number; node: Arg; field: string[] };

export interface Tree {
  name: string;
  root: Node[];
  text: string;
}

type TokenType =
  | 'text'
  | 'left'
  | 'right'
  | 'ident'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawString'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'keyword'
  | 'space'
  | 'eof';

interface Token {
  type: TokenType;
  pos: number;
  text: string;
  /** For `text`: the slice of the source kept after trim markers. */
  end?: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
const TRIM_SPACE = /[ \t\r\n]/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Splits a template into tokens; the parser asks for one at a time. */
class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private parenDepth = 0;

  constructor(
    private readonly text: string,
    private readonly name: string,
  ) {}

  fail(message: string, pos = this.pos): never {
    throw new TemplateError(message, this.name, pos);
  }

  lex(): Token[] {
    const text = this.text;
    let trimNextText = false;
    while (this.pos <= text.length) {
      let open = text.indexOf('{{', this.pos);
      if (open < 0) open = text.length;
      let start = this.pos;
      let end = open;
      if (trimNextText) while (start < end && TRIM_SPACE.test(text[start])) start++;
      const trimLeft = open < text.length && text[open + 2] === '-' && isSpace(text[open + 3]);
      if (trimLeft) while (end > start && TRIM_SPACE.test(text[end - 1])) end--;
      if (end > start) this.tokens.push({ type: 'text', pos: start, end, text: text.slice(start, end) });
      if (open >= text.length) break;
      this.pos = open + (trimLeft ? 4 : 2);
      trimNextText = this.lexInside(open);
    }
    this.tokens.push({ type: 'eof', pos: text.length, text: '' });
    return this.tokens;
  }

  /** From after `{{` (and its trim marker) to after `}}`; returns whether the right delimiter trims. */
  private lexInside(open: number): boolean {
    const text = this.text;
    // A comment: `{{/* … */}}` right after the delimiter (and trim marker), closed right after `*/`.
    if (text.startsWith('/*', this.pos)) {
      const close = text.indexOf('*/', this.pos + 2);
      if (close < 0) this.fail('unclosed comment', open);
      const after = close + 2;
      if (text.startsWith('}}', after)) {
        this.pos = after + 2;
        return false;
      }
      if (isSpace(text[after]) && text.startsWith('-}}', after + 1)) {
        this.pos = after + 4;
        return true;
      }
      this.fail('comment ends before closing delimiter', open);
    }
    this.tokens.push({ type: 'left', pos: open, text: '{{' });
    this.parenDepth = 0;
    for (;;) {
      if (this.pos >= text.length) this.fail('unclosed action', open);
      // Right delimiter, with or without trim marker.
      if (isSpace(text[this.pos])) {
        let q = this.pos;
        while (isSpace(text[q])) q++;
        if (text.startsWith('-}}', q) && q > this.pos) {
          this.checkParens(q);
          this.tokens.push({ type: 'right', pos: q, text: '-}}' });
          this.pos = q + 3;
          return true;
        }
        if (text.startsWith('}}', q)) {
          this.checkParens(q);
          this.tokens.push({ type: 'right', pos: q, text: '}}' });
          this.pos = q + 2;
          return false;
        }
        this.tokens.push({ type: 'space', pos: this.pos, text: text.slice(this.pos, q) });
        this.pos = q;
        continue;
      }
      if (text.startsWith('}}', this.pos)) {
        this.checkParens(this.pos);
        this.tokens.push({ type: 'right', pos: this.pos, text: '}}' });
        this.pos += 2;
        return false;
      }
      this.lexToken();
    }
  }

  private checkParens(pos: number): void {
    if (this.parenDepth > 0) this.fail('unclosed left paren', pos);
  }

  private push(type: TokenType, start: number): void {
    this.tokens.push({ type, pos: start, text: this.text.slice(start, this.pos) });
  }

  private lexToken(): void {
    const text = this.text;
    const start = this.pos;
    const c = text[this.pos];
    if (c === '|') {
      this.pos++;
      return this.push('pipe', start);
    }
    if (c === '(') {
      this.pos++;
      this.parenDepth++;
      return this.push('lparen', start);
    }
    if (c === ')') {
      this.pos++;
      this.parenDepth--;
      if (this.parenDepth < 0) this.fail('unexpected right paren', start);
      return this.push('rparen', start);
    }
    if (c === ',') {
      this.pos++;
      return this.push('comma', start);
    }
    if (c === ':') {
      if (text[this.pos + 1] !== '=') this.fail('expected :=', start);
      this.pos += 2;
      return this.push('declare', start);
    }
    if (c === '=') {
      this.pos++;
      return this.push('assign', start);
    }
    if (c === '"') {
      this.pos++;
      while (text[this.pos] !== '"') {
        if (text[this.pos] === '\\') this.pos++;
        if (this.pos >= text.length || text[this.pos] === '\n') this.fail('unterminated quoted string', start);
        this.pos++;
      }
      this.pos++;
      return this.push('string', start);
    }
    if (c === '`') {
      const close = text.indexOf('`', this.pos + 1);
      if (close < 0) this.fail('unterminated raw quoted string', start);
      this.pos = close + 1;
      return this.push('rawString', start);
    }
    if (c === "'") {
      this.pos++;
      while (text[this.pos] !== "'") {
        if (text[this.pos] === '\\') this.pos++;
        if (this.pos >= text.length || text[this.pos] === '\n') this.fail('unterminated character constant', start);
        this.pos++;
      }
      this.pos++;
      return this.push('char', start);
    }
    if (c === '$') {
      this.pos++;
      while (/[\p{L}\p{N}_]/u.test(text[this.pos] ?? '')) this.pos++;
      return this.push('variable', start);
    }
    if (c === '.') {
      if (/[0-9]/.test(text[this.pos + 1] ?? '')) return this.lexNumber(start);
      this.pos++;
      if (!/[\p{L}\p{N}_]/u.test(text[this.pos] ?? '')) return this.push('dot', start);
      while (/[\p{L}\p{N}_]/u.test(text[this.pos] ?? '')) this.pos++;
      return this.push('field', start);
    }
    if (/[0-9+-]/.test(c)) return this.lexNumber(start);
    if (/[\p{L}_]/u.test(c)) {
      while (/[\p{L}\p{N}_]/u.test(text[this.pos] ?? '')) this.pos++;
      const word = text.slice(start, this.pos);
      if (word === 'true' || word === 'false') return this.push('bool', start);
      if (word === 'nil') return this.push('nil', start);
      if (KEYWORDS.has(word)) return this.push('keyword', start);
      return this.push('ident', start);
    }
    this.fail(`unrecognized character in action: ${JSON.stringify(c)}`, start);
  }

  /** Go's lexNumber: a number, or a complex constant `1+2i` (no spaces; the second part ends in `i`). */
  private lexNumber(start: number): void {
    let ok = this.scanNumber();
    if (ok && (this.text[this.pos] === '+' || this.text[this.pos] === '-')) ok = this.scanNumber() && this.text[this.pos - 1] === 'i';
    if (!ok) this.fail(`bad number syntax: ${JSON.stringify(this.text.slice(start, this.pos))}`, start);
    this.push('number', start);
  }

  /** Go's scanNumber from here (what parseNumber then reads): false when a letter, digit or `.` follows. */
  private scanNumber(): boolean {
    const accept = (chars: string) => {
      const ok = this.pos < this.text.length && chars.includes(this.text[this.pos]);
      if (ok) this.pos++;
      return ok;
    };
    const acceptRun = (chars: string) => {
      while (accept(chars));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    const exponent = digits.length === 11 ? 'eE' : digits.length === 23 ? 'pP' : '';
    if (exponent && accept(exponent)) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    // Go stops before a `.` and fails in the parser (`1.2.3`: two operands); Harden fails here.
    if (!/[\p{L}\p{N}_.]/u.test(this.text[this.pos] ?? '')) return true;
    this.pos++;
    return false;
  }
}

function unquoteGo(raw: string, name: string, pos: number): string {
  if (raw[0] === '`') return raw.slice(1, -1).replace(/\r/g, '');
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e in simple) {
      out += simple[e];
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = body.slice(i + 1, i + 1 + hexLen);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen) throw new TemplateError(`invalid syntax in ${raw}`, name, pos);
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += hexLen;
      continue;
    }
    if (/[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
      continue;
    }
    throw new TemplateError(`invalid syntax in ${raw}`, name, pos);
  }
  return out;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * A number literal as Go reads it: parse.newNumber (strconv's ParseUint and ParseInt with base 0, then ParseFloat:
 * `_` separators, `0x`/`0o`/`0b`/leading-`0` octal ints, hex floats like `0x1p-2`), then exec's idealConstant, which
 * gives an interface{} argument (most functions', and a printed value) an int unless the text is a float's (`.`,
 * `e`/`E`, or a hex `p` exponent): `0x1e3` is the int 483, `0x1p10` the float 1024, `1e3` the float 1000, `'a'` the
 * int 97. `execError`: the error when the literal is evaluated (it parses, as in Go): an int beyond int64 (Go's
 * error), a complex constant (Go's complex128, which Harden does not have).
 */
function parseNumber(raw: string, name: string, pos: number): { value: bigint | number; execError?: string } {
  if (raw[0] === "'") {
    const s = unquoteGo(`"${raw.slice(1, -1).replace(/"/g, '\\"')}"`, name, pos);
    return { value: BigInt(s.codePointAt(0) ?? 0) };
  }
  const quoted = JSON.stringify(raw);
  // Imaginary constants (`2i`, and `1+2i` from the lexer) are complex128 in Go: Harden has no complex numbers.
  const isFloat = (s: string) => goParseFloat(s) !== undefined;
  const complex =
    raw.endsWith('i') &&
    (isFloat(raw.slice(0, -1)) || [...raw].some((c, k) => k > 0 && (c === '+' || c === '-') && isFloat(raw.slice(0, k)) && isFloat(raw.slice(k, -1))));
  if (complex) return { value: 0n, execError: `complex number ${raw} is not supported` };
  const int = goParseInt(raw);
  if (int !== undefined) return { value: int };
  const uint = goParseUint(raw);
  if (uint !== undefined) return { value: uint, execError: `${raw} overflows int` };
  const float = goParseFloat(raw);
  if (float === undefined) throw new TemplateError(`illegal number syntax: ${quoted}`, name, pos);
  // A float that looks like an integer is one too large for an int.
  if (!/[.eEpP]/.test(raw)) throw new TemplateError(`integer overflow: ${quoted}`, name, pos);
  return { value: float };
}

/** strconv's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  const hex = /^0[xX]/.test(s);
  if (/^0[bBoOxX]/.test(s)) {
    i = 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64): undefined on a syntax error (a sign included) or beyond uint64. */
function goParseUint(s: string): bigint | undefined {
  let digits = s;
  let radix = 10;
  if (s.length > 1 && s[0] === '0') {
    const prefix = s.length >= 3 ? s[1].toLowerCase() : '';
    radix = prefix === 'b' ? 2 : prefix === 'x' ? 16 : 8;
    digits = prefix === 'b' || prefix === 'o' || prefix === 'x' ? s.slice(2) : s.slice(1);
  }
  const valid = { 2: /^[01_]+$/, 8: /^[0-7_]+$/, 10: /^[0-9_]+$/, 16: /^[0-9a-fA-F_]+$/ }[radix]!;
  if (!valid.test(digits) || (digits.includes('_') && !underscoreOK(s))) return undefined;
  let n = 0n;
  for (const c of digits.replace(/_/g, '')) n = n * BigInt(radix) + BigInt(parseInt(c, 16));
  return n <= UINT64_MAX ? n : undefined;
}

/** strconv.ParseInt(s, 0, 64): undefined on a syntax error or beyond int64. */
function goParseInt(s: string): bigint | undefined {
  const negative = s[0] === '-';
  const magnitude = goParseUint(s[0] === '+' || s[0] === '-' ? s.slice(1) : s);
  if (magnitude === undefined) return undefined;
  if (negative) return magnitude <= INT64_MAX + 1n ? -magnitude : undefined;
  return magnitude <= INT64_MAX ? magnitude : undefined;
}

/** strconv.ParseFloat(s, 64) for Go's float literals (decimal, or hex with a `p` exponent): undefined on a syntax error or overflow. */
function goParseFloat(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const text = s.replace(/_/g, '');
  const sign = text[0] === '-' ? -1 : 1;
  let value: number;
  const hex = /^[+-]?0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(text);
  if (hex) {
    if (hex[1] === '' && hex[2] === '') return undefined;
    value = sign * scaleBinary(BigInt(`0x${hex[1]}${hex[2]}`), Number(hex[3]) - 4 * hex[2].length);
  } else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
    value = Number(text);
  } else return undefined;
  return Number.isFinite(value) ? value : undefined;
}

/** `mantissa * 2**exponent` rounded to the nearest float64 (ties to even), as strconv does; Infinity beyond. */
function scaleBinary(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  const bits = mantissa.toString(2).length;
  const top = bits - 1 + exponent;
  if (top > 1023) return Infinity;
  // 53 significant bits, fewer below the normal range (down to 2**-1074).
  const keep = Math.min(53, top + 1075);
  if (keep < 0) return 0;
  const shift = bits - keep;
  if (shift <= 0) return Number(mantissa) * 2 ** exponent;
  let q = mantissa >> BigInt(shift);
  const rest = mantissa - (q << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q++;
  return Number(q) * 2 ** (exponent + shift);
}

/** Parses one file; `define`/`block` bodies are returned as extra trees, like Go's parse.Parse. */
export function parseTemplate(name: string, text: string): Map<string, Tree> {
  return new Parser(name, text).parse();
}

class Parser {
  private tokens: Token[] = [];
  private i = 0;
  private readonly trees = new Map<string, Tree>();
  private vars: string[][] = [];

  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  private fail(message: string, pos: number): never {
    throw new TemplateError(message, this.name, pos);
  }

  parse(): Map<string, Tree> {
    this.tokens = new Lexer(this.text, this.name).lex();
    this.vars = [['$']];
    const root: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'left' && this.peekKeyword('define')) {
        this.parseDefine();
        continue;
      }
      const node = this.textOrAction();
      if (node === 'end' || node === 'else') this.fail(`unexpected {{${node}}}`, this.tokens[this.i - 1].pos);
      root.push(node);
    }
    this.addTree({ name: this.name, root, text: this.text });
    return this.trees;
  }

  /** Go keeps an earlier non-empty definition when the same name is redefined empty. */
  private addTree(tree: Tree): void {
    const existing = this.trees.get(tree.name);
    if (existing && !isEmptyTree(existing.root) && !isEmptyTree(tree.root)) {
      this.fail(`template: multiple definition of template "${tree.name}"`, 0);
    }
    if (existing && isEmptyTree(tree.root)) return;
    this.trees.set(tree.name, tree);
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    let j = this.i;
    while (this.tokens[j].type === 'space') j++;
    return this.tokens[j];
  }

  private peekKeyword(word: string): boolean {
    let j = this.i + 1;
    while (this.tokens[j].type === 'space') j++;
    return this.tokens[j].type === 'keyword' && this.tokens[j].text === word;
  }

  private parseDefine(): void {
    const left = this.next();
    this.nextNonSpace(); // define
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.fail('name of template must be a string', nameToken.pos);
    const name = unquoteGo(nameToken.text, this.name, nameToken.pos);
    this.expectRight('define clause');
    const saved = this.vars;
    this.vars = [['$']];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end !== 'end') this.fail('unexpected {{else}} in define', left.pos);
    this.addTree({ name, root: list, text: this.text });
  }

  private expectRight(context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== 'right') this.fail(`unexpected "${t.text}" in ${context}`, t.pos);
    return t;
  }

  /** Nodes until `{{end}}` or `{{else}}`; returns which one ended the list. */
  private itemList(): [Node[], 'end' | 'else'] {
    const list: Node[] = [];
    for (;;) {
      if (this.peek().type === 'eof') this.fail('unexpected EOF', this.text.length);
      if (this.peek().type === 'left' && this.peekKeyword('define')) this.fail('unexpected <define> in command', this.peek().pos);
      const node = this.textOrAction();
      if (node === 'end' || node === 'else') return [list, node];
      list.push(node);
    }
  }

  private textOrAction(): Node | 'end' | 'else' {
    const t = this.next();
    if (t.type === 'text') return { type: 'text', pos: t.pos, end: t.end!, text: t.text };
    if (t.type !== 'left') this.fail(`unexpected ${t.text}`, t.pos);
    return this.action(t.pos);
  }

  private action(pos: number): Node | 'end' | 'else' {
    const t = this.peekNonSpace();
    if (t.type === 'keyword') {
      this.nextNonSpace();
      switch (t.text) {
        case 'block':
          return this.blockControl(pos);
        case 'break':
        case 'continue':
          this.expectRight(t.text);
          return { type: t.text, pos };
        case 'else':
          return 'else';
        case 'end':
          this.expectRight('end');
          return 'end';
        case 'if':
        case 'with':
        case 'range':
          return this.control(t.text, pos);
        case 'template':
          return this.templateControl(pos);
        default:
          this.fail(`unexpected ${t.text}`, t.pos);
      }
    }
    return { type: 'action', pos, pipe: this.pipeline('command', 'right') };
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): Node {
    this.vars.push([...this.vars[this.vars.length - 1]]);
    const pipe = this.pipeline(kind, 'right');
    const [list, end] = this.itemList();
    let elseList: Node[] | undefined;
    if (end === 'else') {
      // `{{else if …}}` / `{{else with …}}`: a nested control that shares this one's {{end}}.
      const next = this.peekNonSpace();
      if ((kind === 'if' && next.type === 'keyword' && next.text === 'if') || (kind === 'with' && next.type === 'keyword' && next.text === 'with')) {
        this.nextNonSpace();
        elseList = [this.control(kind, next.pos)];
      } else {
        this.expectRight('else');
        const [rest, restEnd] = this.itemList();
        if (restEnd === 'else') this.fail('expected end; found {{else}}', pos);
        elseList = rest;
      }
    }
    this.vars.pop();
    return { type: kind, pos, pipe, list, elseList };
  }

  private blockControl(pos: number): Node {
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.fail('name of block must be a string', nameToken.pos);
    const name = unquoteGo(nameToken.text, this.name, nameToken.pos);
    const pipe = this.pipeline('block clause', 'right');
    const saved = this.vars;
    this.vars = [['$']];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end !== 'end') this.fail('unexpected {{else}} in block', pos);
    this.addTree({ name, root: list, text: this.text });
    return { type: 'template', pos, name, pipe };
  }

  private templateControl(pos: number): Node {
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.fail('unexpected name in template clause', nameToken.pos);
    const name = unquoteGo(nameToken.text, this.name, nameToken.pos);
    let pipe: Pipe | undefined;
    if (this.peekNonSpace().type !== 'right') pipe = this.pipeline('template clause', 'right');
    else this.expectRight('template clause');
    return { type: 'template', pos, name, pipe };
  }

  private pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { pos: start.pos, decl: [], isAssign: false, cmds: [] };
    // Declarations: `$x :=`, `$x =`, `$i, $v :=`.
    if (start.type === 'variable') {
      const save = this.i;
      const v = this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.decl.push(v.text);
        pipe.isAssign = after.type === 'assign';
        if (!pipe.isAssign) this.vars[this.vars.length - 1].push(v.text);
        else if (!this.hasVar(v.text)) this.fail(`undefined variable "${v.text}"`, v.pos);
      } else if (after.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const v2 = this.nextNonSpace();
        if (v2.type !== 'variable') this.fail('range can only initialize variables', v2.pos);
        const op = this.nextNonSpace();
        if (op.type !== 'declare' && op.type !== 'assign') this.fail('range can only initialize variables', op.pos);
        pipe.decl.push(v.text, v2.text);
        pipe.isAssign = op.type === 'assign';
        if (!pipe.isAssign) this.vars[this.vars.length - 1].push(v.text, v2.text);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t.pos);
        return pipe;
      }
      if (t.type === 'eof' || (t.type === 'right' && end !== 'right') || (t.type === 'rparen' && end !== 'rparen')) {
        this.fail(`unexpected "${t.text}" in ${context}`, t.pos);
      }
      pipe.cmds.push(this.command(end));
    }
  }

  private hasVar(name: string): boolean {
    return this.vars[this.vars.length - 1].includes(name);
  }

  private command(end: 'right' | 'rparen'): Command {
    const first = this.peekNonSpace();
    const cmd: Command = { pos: first.pos, args: [] };
    for (;;) {
      this.skipSpace();
      const arg = this.operand();
      if (arg) cmd.args.push(arg);
      const t = this.peek();
      if (t.type === 'space') {
        const n = this.peekNonSpace();
        if (n.type === 'pipe') {
          this.nextNonSpace();
          break;
        }
        if (n.type === end || n.type === 'right' || n.type === 'rparen') break;
        continue;
      }
      if (t.type === end || t.type === 'right' || t.type === 'rparen') break;
      if (t.type === 'pipe') {
        this.next();
        break;
      }
      if (!arg) this.fail(`unexpected "${t.text}" in operand`, t.pos);
      this.fail(`unexpected "${t.text}" in operand`, t.pos);
    }
    if (cmd.args.length === 0) this.fail('empty command', first.pos);
    return cmd;
  }

  private skipSpace(): void {
    while (this.peek().type === 'space') this.i++;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().text.slice(1));
    if (node.type === 'field') return { ...node, ident: [...node.ident, ...fields] };
    if (node.type === 'variable') return { ...node, ident: [...node.ident, ...fields] };
    if (node.type === 'bool' || node.type === 'string' || node.type === 'number' || node.type === 'nil' || node.type === 'dot') {
      this.fail(`unexpected . after term "${this.text.slice(node.pos, this.tokens[this.i - fields.length].pos)}"`, node.pos);
    }
    return { type: 'chain', pos: node.pos, node, field: fields };
  }

  private term(): Arg | undefined {
    const t = this.peek();
    switch (t.type) {
      case 'ident':
        this.next();
        return { type: 'identifier', pos: t.pos, name: t.text };
      case 'dot':
        this.next();
        return { type: 'dot', pos: t.pos };
      case 'nil':
        this.next();
        return { type: 'nil', pos: t.pos };
      case 'variable':
        this.next();
        if (!this.hasVar(t.text)) this.fail(`undefined variable "${t.text}"`, t.pos);
        return { type: 'variable', pos: t.pos, ident: [t.text] };
      case 'field':
        this.next();
        return { type: 'field', pos: t.pos, ident: [t.text.slice(1)] };
      case 'bool':
        this.next();
        return { type: 'bool', pos: t.pos, value: t.text === 'true' };
      case 'char':
      case 'number':
        this.next();
        return { type: 'number', pos: t.pos, text: t.text, ...parseNumber(t.text, this.name, t.pos) };
      case 'string':
      case 'rawString':
        this.next();
        return { type: 'string', pos: t.pos, end: t.pos + t.text.length, value: unquoteGo(t.text, this.name, t.pos) };
      case 'lparen': {
        this.next();
        const pipe = this.pipeline('parenthesized pipeline', 'rparen');
        return { type: 'pipe', pos: t.pos, pipe };
      }
      default:
        return undefined;
    }
  }
}

function isEmptyTree(nodes: Node[]): boolean {
  return nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}
