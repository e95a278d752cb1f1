// Shell parsing for RUN/CMD/ENTRYPOINT. We use `mvdan-sh` (the Go parser behind shfmt, compiled to plain
// JavaScript by GopherJS): it is a real POSIX/Bash parser, runs synchronously with no initialisation and no
// WASM, works offline on Node 20 and bundles into the single CommonJS file esbuild produces. Its successor
// `sh-syntax` and `tree-sitter-bash` need a WASM/native binary loaded at run time, which the bundle cannot
// carry. When a script does not parse (e.g. a Windows `cmd` line) we fall back to a plain word splitter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { syntax } = require('mvdan-sh') as { syntax: MvdanSyntax };

/* eslint-disable @typescript-eslint/no-explicit-any */
interface MvdanSyntax {
  NewParser(): { Parse(src: string, name: string): any };
  Walk(node: any, visit: (node: any) => boolean): void;
  NodeType(node: any): string;
}

/** A word of a command; `value` is its unquoted text, undefined when it depends on expansions. */
export interface ShellWord {
  value: string | undefined;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Program name with `sudo`/`env` wrappers skipped, e.g. `adduser`. */
  name: string;
  /** Arguments after the program name. */
  args: ShellWord[];
  start: number;
  end: number;
  /** True when the command is a plain `a b c` call: no redirections, pipes, assignments or expansions. */
  simple: boolean;
}

export interface ShellScript {
  parsed: boolean;
  commands: ShellCommand[];
  /** Top-level statements of a `a && b && c` chain (or the single statement), for removing one link. */
  chain: ChainLink[];
}

export interface ChainLink {
  start: number;
  end: number;
  /** One plain command: no redirections, pipes, assignments or background. */
  plain: boolean;
}

const parser = syntax.NewParser();
/** `&&` in mvdan-sh's token table (and=9, andAnd=10, orOr=11, or=12); its enums have no names in JS. */
const AND_AND = 10;

/** Parses `source`; offsets in the result are UTF-16 offsets into `source`. */
export function parseShell(source: string): ShellScript {
  let file: any;
  try {
    file = parser.Parse(source, '');
  } catch {
    return fallback(source);
  }
  const toChar = byteToCharMapper(source);
  const commands: ShellCommand[] = [];
  syntax.Walk(file, (node: any) => {
    if (node && syntax.NodeType(node) === 'CallExpr' && node.Args.length > 0) {
      commands.push(toCommand(node, toChar));
    }
    return true;
  });
  const chain: ChainLink[] = [];
  if (file.Stmts.length === 1) collectAndChain(file.Stmts[0], chain, toChar);
  else for (const stmt of file.Stmts) chain.push(link(stmt, toChar));
  return { parsed: true, commands, chain };
}

function collectAndChain(stmt: any, out: ChainLink[], toChar: (b: number) => number): void {
  const cmd = stmt.Cmd;
  if (cmd && syntax.NodeType(cmd) === 'BinaryCmd' && !stmt.Negated && !stmt.Background && cmd.Op === AND_AND) {
    collectAndChain(cmd.X, out, toChar);
    collectAndChain(cmd.Y, out, toChar);
  } else out.push(link(stmt, toChar));
}

function link(stmt: any, toChar: (b: number) => number): ChainLink {
  const cmd = stmt.Cmd;
  const plain =
    !!cmd && syntax.NodeType(cmd) === 'CallExpr' && stmt.Redirs.length === 0 && !stmt.Background && !stmt.Negated && cmd.Assigns.length === 0;
  return { ...span(stmt, toChar), plain };
}

function span(node: any, toChar: (b: number) => number): { start: number; end: number } {
  return { start: toChar(node.Pos().Offset()), end: toChar(node.End().Offset()) };
}

function toCommand(call: any, toChar: (b: number) => number): ShellCommand {
  let words: ShellWord[] = call.Args.map((w: any) => ({ value: wordValue(w), ...span(w, toChar) }));
  // `sudo x`, `env A=b x`, `exec x` run `x`: look through them.
  while (words.length > 1 && ['sudo', 'env', 'exec', 'command', 'nice', 'nohup'].includes(words[0].value ?? '')) {
    words = words.slice(1);
    while (words.length > 1 && (words[0].value?.startsWith('-') || /^\w+=/.test(words[0].value ?? ''))) words = words.slice(1);
  }
  const simple = call.Assigns.length === 0 && call.Args.every((w: any) => wordValue(w) !== undefined);
  return {
    name: basename(words[0].value ?? ''),
    args: words.slice(1),
    ...span(call, toChar),
    simple,
  };
}

function basename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The unquoted value of a word, or undefined if it contains expansions. */
function wordValue(word: any): string | undefined {
  let out = '';
  for (const part of word.Parts) {
    const type = syntax.NodeType(part);
    if (type === 'Lit') out += unescapeBare(part.Value);
    else if (type === 'SglQuoted') {
      if (part.Dollar) return undefined;
      out += part.Value;
    }
    else if (type === 'DblQuoted') {
      for (const inner of part.Parts) {
        if (syntax.NodeType(inner) !== 'Lit') return undefined;
        out += inner.Value.replace(/\\([\\"$`\n])/g, '$1');
      }
    } else return undefined;
  }
  return out;
}

function unescapeBare(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
}

/** mvdan-sh reports UTF-8 byte offsets; JavaScript strings are UTF-16. */
function byteToCharMapper(source: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(source)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const code = source.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++;
  }
  map.push(source.length);
  return (b) => map[Math.min(b, map.length - 1)];
}

/** Word splitting on whitespace and `&&`, `||`, `;`, `|` for scripts the parser rejects. */
function fallback(source: string): ShellScript {
  const commands: ShellCommand[] = [];
  const re = /&&|\|\||[;|&\n]|[^\s;|&]+/g;
  let words: ShellWord[] = [];
  const flush = () => {
    if (words.length) {
      commands.push({ name: basename(words[0].value ?? ''), args: words.slice(1), start: words[0].start, end: words[words.length - 1].end, simple: false });
    }
    words = [];
  };
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (/^(&&|\|\||[;|&\n])$/.test(m[0])) flush();
    else words.push({ value: /^[\w@%+=:,./-]+$/.test(m[0]) ? m[0] : undefined, start: m.index, end: m.index + m[0].length });
  }
  flush();
  return { parsed: false, commands, chain: [] };
}
