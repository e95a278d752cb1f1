// Shell parsing for RUN/CMD/ENTRYPOINT. We use `mvdan-sh` (the Go parser behind shfmt, compiled to plain
// JavaScript by GopherJS): it is a real POSIX/Bash parser, runs synchronously with no initialisation and no
// WASM, works offline on Node 20 and bundles into the single CommonJS file esbuild produces. Its successor
// `sh-syntax` and `tree-sitter-bash` need a WASM/native binary loaded at run time, which the bundle cannot
// carry. Its price is speed (GopherJS objects are slow to read), hence the cache by script text below. When a
// script does not parse (e.g. a Windows `cmd` line) we fall back to a plain word splitter.
// It is also half of the server's code (3 MB): loaded on the first shell script, not at startup (the
// bundles load it from dist/mvdan-sh.js, see scripts/build.mjs).
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   mvdan-sh (GopherJS) ships no types: its syntax tree is read dynamically, guarded by the node type names. */
import { detached } from '../text';
import { isCaching } from './transient';
let loaded: { syntax: MvdanSyntax; parser: { Parse(src: string, name: string): any } } | undefined;

function mvdan(): NonNullable<typeof loaded> {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { syntax } = require('mvdan-sh') as { syntax: MvdanSyntax };
    loaded = { syntax, parser: syntax.NewParser() };
  }
  return loaded;
}

interface MvdanSyntax {
  NewParser(): { Parse(src: string, name: string): any };
  NodeType(node: any): string;
  Walk(node: any, visit: (node: any) => boolean): void;
}

/** A word of a command; `value` is its unquoted text, undefined when it depends on expansions. */
export interface ShellWord {
  value: string | undefined;
  /**
   * The program gets `value` as it is: false when `value` is undefined, or when the shell may still expand the
   * text (`*.conf`, `~/bin`, `{a,b}`), which it leaves as written only if, say, no file matches.
   */
  literal: boolean;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Program name with `sudo`/`env` wrappers skipped, e.g. `adduser`. */
  name: string;
  /** Arguments after the program name. */
  args: ShellWord[];
  /** Every word as written, wrappers included. */
  words: ShellWord[];
  start: number;
  end: number;
  /** True when every word is `literal` and there are no `VAR=x` prefixes (see ChainLink.plain for the rest). */
  simple: boolean;
}

export interface ShellScript {
  parsed: boolean;
  /** The program names of `commands`: asking whether a script runs a program costs no offset mapping. */
  names: ReadonlySet<string>;
  commands: ShellCommand[];
  /** Top-level statements, `a && b` chains split into their links, for removing one link. */
  chain: ChainLink[];
  /** Every pipe operator (`|`, `|&`), command substitutions included, in source order. */
  pipes: ShellPipe[];
}

/** A pipe operator: its span covers the `|` or `|&` alone. */
export interface ShellPipe {
  start: number;
  end: number;
  /** Whether a command left of it can fail (false when the left side only runs echo/printf, which cannot). */
  leftCanFail: boolean;
  /** The program just left of the pipe and the one just right of it, when they are plain commands. */
  left: string | undefined;
  right: string | undefined;
  /**
   * Inside a command substitution whose exit status the shell discards (an argument, a redirection target, an
   * assignment before a command or in `export`/`local`, any but the last substitution of a bare assignment), or inside
   * a process substitution: the pipe's status cannot become the script's, so pipefail changes nothing for it.
   */
  statusDiscarded: boolean;
}

export interface ChainLink {
  start: number;
  end: number;
  /** One plain command: no redirections, pipes, assignments or background. */
  plain: boolean;
}

/** `&&` in mvdan-sh's token table (and=9, andAnd=10, orOr=11, or=12, orAnd=13); its enums have no names in JS. */
const AND_AND = 10;
/** `|` and `|&` (BinCmdOperator Pipe and PipeAll). */
const PIPE = 12;
const PIPE_ALL = 13;

/** Where offsets of the parsed source land: positions in the Dockerfile. */
export interface OffsetMap {
  start(index: number): number;
  end(index: number): number;
}

const CACHE_LIMIT = 5000;
const cache = new Map<string, ShellScript>();

/**
 * Parses `source`, with offsets mapped through `offsets`. Scripts are cached by their text: re-linting an
 * edited Dockerfile re-parses only the instructions that changed (mvdan-sh needs ~0.5 ms per RUN).
 */
export function parseShell(source: string, offsets?: OffsetMap): ShellScript {
  let script = cache.get(source);
  if (!script && !isCaching()) script = parseUncached(source);
  if (!script) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const own = detached(source);
    script = parseUncached(own);
    cache.set(own, script);
  }
  return offsets ? mapScript(script, offsets) : script;
}

/** The same script `delta` characters further into the file (its stage moved after an edit above it). */
export function shiftScript(script: ShellScript, delta: number): ShellScript {
  return mapScript(script, { start: (i) => i + delta, end: (i) => i + delta });
}

/** Offsets are mapped on first use: most rules only ask `names`, and most scripts of a moved stage are not read. */
function mapScript(script: ShellScript, o: OffsetMap): ShellScript {
  const mapSpan = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: o.start(s.start), end: o.end(s.end) });
  let chain: ChainLink[] | undefined;
  let commands: ShellCommand[] | undefined;
  let pipes: ShellPipe[] | undefined;
  return {
    parsed: script.parsed,
    names: script.names,
    get chain() {
      return (chain ??= script.chain.map(mapSpan));
    },
    get pipes() {
      return (pipes ??= script.pipes.map(mapSpan));
    },
    get commands() {
      return (commands ??= script.commands.map((c) => mapCommand(c, mapSpan)));
    },
  };
}

function mapCommand(command: ShellCommand, mapSpan: (w: ShellWord) => ShellWord): ShellCommand {
  let words: ShellWord[] | undefined;
  const { start, end } = mapSpan({ value: undefined, literal: false, start: command.start, end: command.end });
  return {
    name: command.name,
    start,
    end,
    get words() {
      return (words ??= command.words.map(mapSpan));
    },
    get args() {
      // The arguments are the words after the program (and its wrappers): a suffix of `words`.
      return this.words.slice(this.words.length - command.args.length);
    },
    get simple() {
      return command.simple;
    },
  };
}

/**
 * mvdan-sh's objects are GopherJS wrappers whose every property read is costly, so we visit statements
 * only (not every word node) and read a command's words only when a rule asks for them.
 */
function parseUncached(source: string): ShellScript {
  let file: any;
  try {
    file = mvdan().parser.Parse(source, '');
  } catch {
    return fallback(source);
  }
  const toChar = byteToCharMapper(source);
  const map: Mapper = { start: toChar, end: toChar };
  const calls: any[] = [];
  visitStmts(file.Stmts, calls);
  const chain: ChainLink[] = [];
  for (const stmt of file.Stmts) collectAndChain(stmt, chain, map);
  const commands = calls.map((call) => new LazyCommand(call, map));
  // Walking every node is costly (GopherJS): only scripts that can hold a pipe are walked.
  const pipes = source.includes('|') ? collectPipes(file, map) : [];
  return { parsed: true, names: new Set(commands.map((c) => c.name)), commands, chain, pipes };
}

/** Commands that write their arguments and cannot fail: a pipe fed only by them hides no failure. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true']);

function collectPipes(file: any, map: Mapper): ShellPipe[] {
  const pipes: ShellPipe[] = [];
  const { syntax } = mvdan();
  // Walk calls back with each node, then with null once its children are done: `path` holds the nodes from the file
  // down to the current one, `discards` whether each entered a substitution whose status is discarded.
  const path: any[] = [];
  const discards: boolean[] = [];
  let discarded = 0;
  syntax.Walk(file, (node: any) => {
    if (!node) {
      path.pop();
      if (discards.pop()) discarded--;
      return true;
    }
    const type = syntax.NodeType(node);
    const discarding = type === 'ProcSubst' || (type === 'CmdSubst' && !statusKept(node, path));
    if (type === 'BinaryCmd' && (node.Op === PIPE || node.Op === PIPE_ALL)) {
      const start = map.start(node.OpPos.Offset());
      pipes.push({
        start,
        end: start + (node.Op === PIPE_ALL ? 2 : 1),
        leftCanFail: !onlyCannotFail(node.X),
        left: programAt(node.X, 'Y'),
        right: programAt(node.Y, 'X'),
        statusDiscarded: discarded > 0,
      });
    }
    path.push(node);
    discards.push(discarding);
    if (discarding) discarded++;
    return true;
  });
  return pipes.sort((a, b) => a.start - b.start);
}

/**
 * Whether a command substitution's exit status is its command's: the value of an assignment with no command (`X=$(a
 * | b)`, also quoted), the last substitution of those assignments (POSIX 2.9.1: "the exit status of the last command
 * substitution performed"). `path` leads from the file to its parent.
 */
function statusKept(subst: any, path: readonly any[]): boolean {
  const { syntax } = mvdan();
  let at = path.length - 1;
  while (at >= 0 && syntax.NodeType(path[at]) === 'DblQuoted') at--;
  const [word, assign, call] = [path[at], path[at - 1], path[at - 2]];
  if (!word || !assign || !call || syntax.NodeType(word) !== 'Word' || syntax.NodeType(assign) !== 'Assign' || syntax.NodeType(call) !== 'CallExpr')
    return false;
  if (call.Args.length > 0) return false;
  let last: any;
  for (const a of call.Assigns) {
    syntax.Walk(a, (node: any) => {
      if (node && syntax.NodeType(node) === 'CmdSubst') {
        last = node;
        return false;
      }
      return true;
    });
  }
  return last !== undefined && last.Pos().Offset() === subst.Pos().Offset();
}

/** The program of a statement; in a pipeline, of its last (`side` Y) or first (`side` X) command. */
function programAt(stmt: any, side: 'X' | 'Y'): string | undefined {
  let cmd = stmt?.Cmd;
  while (cmd && mvdan().syntax.NodeType(cmd) === 'BinaryCmd' && (cmd.Op === PIPE || cmd.Op === PIPE_ALL)) cmd = cmd[side]?.Cmd;
  if (!cmd || mvdan().syntax.NodeType(cmd) !== 'CallExpr' || cmd.Args.length === 0) return undefined;
  const name = wordValue(cmd.Args[0]);
  return name === undefined ? undefined : basename(name);
}

/** Whether a statement only runs commands that cannot fail (`echo "$SUM  file"`), in a pipeline or a group. */
function onlyCannotFail(stmt: any): boolean {
  if (!stmt || stmt.Redirs.length > 0 || stmt.Negated) return false;
  const cmd = stmt.Cmd;
  const type = cmd ? mvdan().syntax.NodeType(cmd) : '';
  if (type === 'BinaryCmd') return (cmd.Op === PIPE || cmd.Op === PIPE_ALL) && onlyCannotFail(cmd.X) && onlyCannotFail(cmd.Y);
  // `{ echo a; echo b; } | tee file`
  if (type === 'Block' || type === 'Subshell') return cmd.Stmts.length > 0 && cmd.Stmts.every((s: any) => onlyCannotFail(s));
  return type === 'CallExpr' && cmd.Args.length > 0 && CANNOT_FAIL.has(wordValue(cmd.Args[0]) ?? '');
}

type Mapper = OffsetMap;

function visitStmts(stmts: any[] | null | undefined, out: any[]): void {
  for (const stmt of stmts ?? []) visitCommand(stmt.Cmd, out);
}

/** Collects CallExprs through compound commands; command substitutions inside words are not visited. */
function visitCommand(cmd: any, out: any[]): void {
  if (!cmd) return;
  switch (mvdan().syntax.NodeType(cmd)) {
    case 'CallExpr':
      if (cmd.Args.length > 0) out.push(cmd);
      break;
    case 'BinaryCmd':
      visitCommand(cmd.X.Cmd, out);
      visitCommand(cmd.Y.Cmd, out);
      break;
    case 'Block':
    case 'Subshell':
      visitStmts(cmd.Stmts, out);
      break;
    case 'IfClause':
      visitStmts(cmd.Cond, out);
      visitStmts(cmd.Then, out);
      visitCommand(cmd.Else, out);
      break;
    case 'WhileClause':
      visitStmts(cmd.Cond, out);
      visitStmts(cmd.Do, out);
      break;
    case 'ForClause':
      visitStmts(cmd.Do, out);
      break;
    case 'CaseClause':
      for (const item of cmd.Items) visitStmts(item.Stmts, out);
      break;
    case 'FuncDecl':
      visitCommand(cmd.Body?.Cmd, out);
      break;
    case 'TimeClause':
    case 'CoprocClause':
      visitCommand(cmd.Stmt?.Cmd, out);
      break;
  }
}

function collectAndChain(stmt: any, out: ChainLink[], map: Mapper): void {
  const cmd = stmt.Cmd;
  if (cmd && mvdan().syntax.NodeType(cmd) === 'BinaryCmd' && !stmt.Negated && !stmt.Background && cmd.Op === AND_AND) {
    collectAndChain(cmd.X, out, map);
    collectAndChain(cmd.Y, out, map);
  } else out.push(link(stmt, map));
}

function link(stmt: any, map: Mapper): ChainLink {
  const cmd = stmt.Cmd;
  const plain =
    !!cmd && mvdan().syntax.NodeType(cmd) === 'CallExpr' && stmt.Redirs.length === 0 && !stmt.Background && !stmt.Negated && cmd.Assigns.length === 0;
  return { ...span(stmt, map), plain };
}

function span(node: any, map: Mapper): { start: number; end: number } {
  return { start: map.start(node.Pos().Offset()), end: map.end(node.End().Offset()) };
}

const WRAPPERS = ['sudo', 'env', 'exec', 'command', 'nice', 'nohup'];

/**
 * The wrappers' options whose value is the next word (`sudo -u app x`, `env -u VAR x`, `nice -n 5 x`, `exec -a name
 * x`): sudo(8) (its getopt string `a:C:c:D:g:h::p:R:r:T:t:U:u:`, `-h` taking an attached value only), env(1), nice(1),
 * bash's `exec`.
 */
const WRAPPER_VALUES: Record<string, { short: string; long: readonly string[] }> = {
  sudo: {
    short: 'aCcDgpRrTtUu',
    long: ['auth-type', 'close-from', 'login-class', 'chdir', 'group', 'host', 'prompt', 'chroot', 'role', 'type', 'command-timeout', 'other-user', 'user'],
  },
  env: { short: 'uCS', long: ['unset', 'chdir', 'split-string'] },
  nice: { short: 'n', long: ['adjustment'] },
  exec: { short: 'a', long: [] },
};

/** Whether a wrapper's option word (`-u`, `-Eu`, `--user`) takes the next word as its value (not `-uapp`, `--user=app`). */
function takesNextWord(wrapper: string, option: string): boolean {
  const spec = WRAPPER_VALUES[wrapper];
  if (!spec) return false;
  if (option.startsWith('--')) return !option.includes('=') && spec.long.includes(option.slice(2));
  // Grouped short options: the first that takes a value takes the rest of the word, or the next word if none is left.
  for (let i = 1; i < option.length; i++) if (spec.short.includes(option[i])) return i === option.length - 1;
  return false;
}

class LazyCommand implements ShellCommand {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  private skipped = 0;
  private cached: ShellWord[] | undefined;

  constructor(
    private readonly call: any,
    private readonly map: Mapper,
  ) {
    ({ start: this.start, end: this.end } = span(call, map));
    let name = wordValue(call.Args[0]) ?? '';
    // `sudo x`, `env A=b x`, `exec x` run `x`: look through them.
    if (WRAPPERS.includes(name)) {
      const words = this.words;
      while (this.skipped < words.length - 1 && WRAPPERS.includes(words[this.skipped].value ?? '')) {
        const wrapper = words[this.skipped++].value!;
        while (this.skipped < words.length - 1 && /^(-|\w+=)/.test(words[this.skipped].value ?? '')) {
          const option = words[this.skipped++].value!;
          if (option === '--') break;
          if (takesNextWord(wrapper, option)) this.skipped = Math.min(this.skipped + 1, words.length - 1);
        }
      }
      name = words[this.skipped].value ?? '';
    }
    this.name = basename(name);
  }

  get words(): ShellWord[] {
    this.cached ??= this.call.Args.map((w: any) => {
      const value = wordValue(w);
      // Reading the parts again is costly: only for a value with a character that may expand.
      return { value, literal: value !== undefined && !(/[*?[~{]/.test(value) && expands(w)), ...span(w, this.map) };
    });
    return this.cached!;
  }

  get args(): ShellWord[] {
    return this.words.slice(this.skipped + 1);
  }

  get simple(): boolean {
    return this.call.Assigns.length === 0 && this.words.every((w) => w.literal);
  }
}

function basename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The unquoted value of a word, or undefined if it contains expansions. */
function wordValue(word: any): string | undefined {
  let out = '';
  for (const part of word.Parts) {
    const type = mvdan().syntax.NodeType(part);
    if (type === 'Lit') out += unescapeBare(part.Value);
    else if (type === 'SglQuoted') {
      if (part.Dollar) return undefined;
      out += part.Value;
    } else if (type === 'DblQuoted') {
      for (const inner of part.Parts) {
        if (mvdan().syntax.NodeType(inner) !== 'Lit') return undefined;
        out += inner.Value.replace(/\\([\\"$`\n])/g, '$1');
      }
    } else return undefined;
  }
  return out;
}

/**
 * Whether the shell may expand a word of literal parts: pathname expansion of an unquoted `*`, `?` or `[…]` (POSIX
 * 2.13), tilde expansion of a leading `~` (bash also expands it after the `=` and `:`s of an `a=~/x` argument), and
 * brace expansion (`{a,b}`, `{1..3}`): POSIX sh has none, but /bin/sh is bash on Red Hat-based images.
 */
function expands(word: any): boolean {
  // The unquoted text, each quoted part and backslash-escaped character as `_`: only the rest can expand.
  const bare = word.Parts.map((p: any) => (mvdan().syntax.NodeType(p) === 'Lit' ? p.Value.replace(/\\[^]/g, '_') : '_')).join('');
  return /[*?]|\[.+\]|^([A-Za-z_]\w*=([^:]*:)*)?~|\{[^{}]*(,|\.\.)[^{}]*\}/.test(bare);
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
      commands.push({
        name: basename(words[0].value ?? ''),
        args: words.slice(1),
        words,
        start: words[0].start,
        end: words[words.length - 1].end,
        simple: false,
      });
    }
    words = [];
  };
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (/^(&&|\|\||[;|&\n])$/.test(m[0])) flush();
    else {
      const value = /^[\w@%+=:,./-]+$/.test(m[0]) ? m[0] : undefined;
      words.push({ value, literal: value !== undefined, start: m.index, end: m.index + m[0].length });
    }
  }
  flush();
  return { parsed: false, names: new Set(commands.map((c) => c.name)), commands, chain: [], pipes: [] };
}

/**
 * What a script leaves behind in its shell and how its top-level list reads: what joining two scripts into one
 * shell with `&&` needs to know (docker/combine-run). Parsed on demand, not cached: it is asked only for RUNs
 * that a fix would join.
 */
export interface ShellFlow {
  /**
   * Commands whose effect outlives them in this shell, as written (`cd /tmp`, `set -eu`, `X=1`, `for f`, `f()`):
   * they change what later commands of the same shell do. Commands in a subshell `( … )` or a command
   * substitution leave nothing behind (a `set -e` there still counts for `errexit`).
   */
  persists: string[];
  /**
   * Whether the shell may end before its last command (`exit`, `return`, `exec cmd`): `never`; `failing` when it
   * only ends with a literal non-zero status (`|| { echo failed; exit 1; }`), a failure either way; else `maybe`.
   */
  ends: 'never' | 'failing' | 'maybe';
  /** A job left running (`&`, coproc, a daemon started): it would run on alongside whatever follows. */
  background: boolean;
  /** A `set` that may switch on errexit (`set -e`, `set -o errexit`, flags we cannot read), anywhere. */
  errexit: boolean;
  /**
   * The last command is compound (`if`, `{ }`, `( )`, a loop) or a call of a function the script defines: once
   * `&& more` follows it, errexit is ignored inside it (POSIX: in an AND-OR list but the last).
   */
  endsCompound: boolean;
  /** The top-level list is one `&&`-chain, no `;`, `||`, `&` or newline: `first && <script>` runs it unchanged. */
  andChain: boolean;
  /** What follows the last statement (a comment, `;`, `&`), trimmed: a comment would swallow anything appended. */
  trailing: string;
  /** Reads `$_`, the last argument of the previous command: a fresh shell's differs. */
  readsLastArg: boolean;
}

/** Builtins whose effect outlives the command, in bash, dash, ash and zsh. */
const STATEFUL = new Set(
  (
    'cd pushd popd set shopt setopt unsetopt export unset readonly declare typeset local let read mapfile readarray getopts shift ' +
    'umask ulimit source . alias unalias trap eval hash enable builtin emulate autoload disown chruby'
  ).split(' '),
);
/**
 * Shell functions that version and environment managers define in the shell's startup files (a login SHELL, BASH_ENV),
 * with the subcommands that change PATH and the environment of the shell itself: `conda activate env`, `nvm use 20`.
 */
const ENVIRONMENT_FUNCTIONS = new Map<string, readonly string[]>(
  Object.entries({
    conda: ['activate', 'deactivate'],
    mamba: ['activate', 'deactivate'],
    micromamba: ['activate', 'deactivate'],
    nvm: ['use', 'deactivate', 'unload'],
    rvm: ['use'],
    pyenv: ['shell', 'activate', 'deactivate'],
    rbenv: ['shell'],
    nodenv: ['shell'],
    jenv: ['shell'],
    asdf: ['shell'],
    sdk: ['use', 'env'],
    module: ['load', 'unload', 'swap', 'switch', 'purge', 'use', 'restore'],
    ml: ['load', 'unload', 'swap', 'purge', 'use', 'restore'],
  }),
);
/** POSIX special builtins: `X=1 :` keeps X set after them, unlike a prefix assignment to any other command. */
const SPECIAL = new Set([':', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset', 'break', 'continue']);
/** Programs that start a process which outlives them. */
const DAEMONS = new Set(['nohup', 'setsid', 'daemonize', 'start-stop-daemon', 'service']);
/** `${X=y}` and `${X:=y}` (mvdan-sh's ParExpOperator tokens) assign X. */
const PARAM_ASSIGN = new Set([74, 75]);
const ARITH_ASSIGN = /(^|[^=!<>])=(?!=)|\+\+|--/;

export function shellFlow(source: string): ShellFlow | undefined {
  let file: any;
  try {
    file = mvdan().parser.Parse(source, '');
  } catch {
    return undefined;
  }
  const toChar = byteToCharMapper(source);
  const text = (node: any) => source.slice(toChar(node.Pos().Offset()), toChar(node.End().Offset()));
  const flow: ShellFlow = {
    persists: [],
    ends: 'never',
    background: false,
    errexit: false,
    endsCompound: false,
    andChain: file.Stmts.length === 1 && andChain(file.Stmts[0]),
    trailing: '',
    readsLastArg: /\$(\{_\}|_(?!\w))/.test(source),
  };
  const functions = new Set<string>();
  const persist = (node: any, persistent: boolean) => {
    if (persistent)
      flow.persists.push(
        text(node)
          .replace(/\s*[;&]$/, '')
          .replace(/\s+/g, ' '),
      );
  };
  const end = (status: 'failing' | 'maybe') => {
    if (flow.ends !== 'maybe') flow.ends = status;
  };
  const stmts = (list: any[] | null | undefined, persistent: boolean) => {
    for (const stmt of list ?? []) {
      if (stmt.Background) flow.background = true;
      command(stmt.Cmd, persistent, stmt);
    }
  };
  const command = (cmd: any, persistent: boolean, stmt: any): void => {
    if (!cmd) return;
    switch (mvdan().syntax.NodeType(cmd)) {
      case 'CallExpr':
        return call(cmd, persistent, stmt);
      case 'BinaryCmd':
        // A pipeline's commands run in subshells in bash and dash, its last one in the shell itself in zsh and ksh.
        stmts([cmd.X, cmd.Y], persistent);
        return;
      case 'Block':
        return stmts(cmd.Stmts, persistent);
      case 'Subshell':
        return stmts(cmd.Stmts, false);
      case 'IfClause':
        stmts(cmd.Cond, persistent);
        stmts(cmd.Then, persistent);
        return command(cmd.Else, persistent, cmd.Else);
      case 'WhileClause':
        stmts(cmd.Cond, persistent);
        return stmts(cmd.Do, persistent);
      case 'ForClause':
        // The loop variable keeps its last value (and may be an exported one).
        if (persistent) flow.persists.push(mvdan().syntax.NodeType(cmd.Loop) === 'WordIter' ? `for ${cmd.Loop.Name.Value}` : 'for ((…))');
        return stmts(cmd.Do, persistent);
      case 'CaseClause':
        for (const item of cmd.Items) stmts(item.Stmts, persistent);
        return;
      case 'TimeClause':
        return stmts([cmd.Stmt], persistent);
      case 'FuncDecl':
        functions.add(cmd.Name.Value);
        if (persistent) flow.persists.push(`${cmd.Name.Value}()`);
        return stmts([cmd.Body], persistent);
      case 'CoprocClause':
        flow.background = true;
        return;
      case 'ArithmCmd':
        if (ARITH_ASSIGN.test(text(cmd))) persist(cmd, persistent);
        return;
      case 'TestClause':
        return;
      default:
        // DeclClause (export, local, declare…), LetClause, and whatever we do not know.
        return persist(cmd, persistent);
    }
  };
  // Written as its statement, redirections included (`exec >log 2>&1`).
  const call = (cmd: any, persistent: boolean, stmt: any) => {
    if (cmd.Args.length === 0) return cmd.Assigns.length > 0 ? persist(stmt, persistent) : undefined; // `X=1`
    const words = cmd.Args.map((w: any) => wordValue(w));
    let i = 0;
    while ((words[i] === 'command' || words[i] === 'builtin') && i < words.length - 1) i++;
    const name = words[i];
    if (name === undefined) {
      // `$CMD` may be `cd`; `"$dir"/configure` holds a slash: a file, never a builtin or function.
      if (!cmd.Args[i].Parts.some((p: any) => mvdan().syntax.NodeType(p) === 'Lit' && p.Value.includes('/'))) persist(stmt, persistent);
      return;
    }
    if (name === 'set') {
      const args: (string | undefined)[] = words.slice(i + 1);
      // In a subshell too: errexit is ignored in a subshell that an `&&` follows.
      if (args.some((a) => a === undefined || /^-[a-zA-Z]*e/.test(a) || a === 'errexit')) flow.errexit = true;
      return persist(stmt, persistent);
    }
    if (DAEMONS.has(name)) flow.background = true;
    if (!persistent) return;
    if (name === 'exit' || name === 'return' || name === 'logout') {
      const status = words[i + 1];
      return end(status !== undefined && /^\d+$/.test(status) && Number(status) % 256 !== 0 ? 'failing' : 'maybe');
    }
    if (name === 'exec') {
      if (words.length > i + 1) return end('maybe');
      return persist(stmt, persistent); // `exec >log 2>&1` redirects the rest of the shell
    }
    const subcommand = words[i + 1];
    const environment = ENVIRONMENT_FUNCTIONS.get(name);
    if (environment && (subcommand === undefined || environment.includes(subcommand))) return persist(stmt, persistent);
    if (STATEFUL.has(name) || (cmd.Assigns.length > 0 && SPECIAL.has(name))) persist(stmt, persistent);
  };
  stmts(file.Stmts, true);
  // `${X:=y}`, `$((i++))` assign as they expand (in a command substitution too: counted all the same).
  mvdan().syntax.Walk(file, (node: any) => {
    const type = node ? mvdan().syntax.NodeType(node) : '';
    if ((type === 'ParamExp' && node.Exp && PARAM_ASSIGN.has(node.Exp.Op)) || (type === 'ArithmExp' && ARITH_ASSIGN.test(text(node)))) {
      flow.persists.push(text(node));
    }
    return true;
  });
  const last = file.Stmts[file.Stmts.length - 1];
  flow.trailing = source.slice(last ? toChar(last.End().Offset()) : 0).trim();
  flow.endsCompound = !!last && compoundAtEnd(last, functions);
  return flow;
}

/** One `&&`-chain of pipelines, nothing in the background. */
function andChain(stmt: any): boolean {
  if (stmt.Background) return false;
  const cmd = stmt.Cmd;
  if (!cmd || mvdan().syntax.NodeType(cmd) !== 'BinaryCmd' || stmt.Negated) return true;
  if (cmd.Op === AND_AND) return andChain(cmd.X) && andChain(cmd.Y);
  return cmd.Op === PIPE || cmd.Op === PIPE_ALL;
}

/** Whether the command an `&&` would follow (the last of the last and-or list) is more than simple commands in a pipeline. */
function compoundAtEnd(stmt: any, functions: ReadonlySet<string>): boolean {
  const cmd = stmt.Cmd;
  const type = cmd ? mvdan().syntax.NodeType(cmd) : '';
  if (type === 'BinaryCmd') {
    if (cmd.Op === PIPE || cmd.Op === PIPE_ALL) return compoundAtEnd(cmd.X, functions) || compoundAtEnd(cmd.Y, functions);
    return compoundAtEnd(cmd.Y, functions);
  }
  if (type !== 'CallExpr') return true;
  return cmd.Args.length > 0 && functions.has(wordValue(cmd.Args[0]) ?? '');
}
