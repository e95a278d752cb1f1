// Executes parsed templates like Go's text/template with Helm's options (missingkey=zero), writing the
// output together with its source map: literal text maps to the template, a printed value that came from
// a values file maps to that value's node, anything else is computed.
import type { Arg, Command, Node, Pipe, Tree } from './parse';
import { TemplateError } from './parse';
import type { MappedText, Segment, SourceRange } from './sourcemap';
import { GoStruct, isMap, isTrue, printValue, typeOf, compareGoStrings } from './values';

/** A value during evaluation, with where it came from when that is known. */
export interface Val {
  v: unknown;
  /** The whole value came from this values node. */
  o?: SourceRange;
  /** For strings built from mapped pieces (include, toYaml, indent): segments over the printed text. */
  m?: Segment[];
}

export interface FuncContext {
  exec: Executor;
  /** The template being executed (for `tpl`, errors). */
  templateName: string;
  pos: number;
  dot: unknown;
}

export type TemplateFunc = (ctx: FuncContext, args: Val[]) => Val;

export interface TemplateDef extends Tree {
  /** The file the definition is written in (chart-relative), for the source map. */
  file: string;
  /** Offset of the file's text within the source file (0 except for `tpl` strings). */
  base: number;
}

/** Where the keys and values of a values-file map or list are written. */
export const valueOrigins = new WeakMap<object, Map<string, { key?: SourceRange; value: SourceRange }>>();

/** Origin of a container's child, if the container came from a values file. */
export function childOrigin(container: unknown, key: string | number): SourceRange | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  return valueOrigins.get(container)?.get(String(key))?.value;
}

class BreakSignal {}
class ContinueSignal {}

// Helm stops at 1,000 nested includes of one name; JavaScript's stack ends sooner, so nesting stops here.
const MAX_INCLUDE_DEPTH = 400;

/** Segments of a value's printed form. */
export function segmentsOf(val: Val, printed: string): Segment[] {
  if (val.m) return val.m;
  if (val.o && printed.length > 0) return [{ start: 0, end: printed.length, source: val.o }];
  return [];
}

class Output {
  private readonly parts: string[] = [];
  length = 0;
  readonly segments: Segment[] = [];

  write(text: string, segments: Segment[] = []): void {
    if (!text) return;
    for (const s of segments) this.segments.push({ start: s.start + this.length, end: s.end + this.length, source: s.source });
    this.parts.push(text);
    this.length += text.length;
  }

  result(): MappedText {
    return { text: this.parts.join(''), segments: this.segments };
  }
}

export class Executor {
  depth = 0;

  constructor(
    readonly templates: Map<string, TemplateDef>,
    readonly funcs: Map<string, TemplateFunc>,
  ) {}

  /** Runs a named template with `dot`; throws TemplateError. */
  execute(name: string, dot: unknown, at?: { template: string; pos: number }): MappedText {
    const tree = this.templates.get(name);
    if (!tree) {
      if (at) throw new TemplateError(`template: no such template "${name}"`, at.template, at.pos);
      throw new TemplateError(`template: no template "${name}" associated with template`, name, 0);
    }
    if (++this.depth > MAX_INCLUDE_DEPTH) {
      this.depth--;
      throw new TemplateError(`rendering template has a nested reference name: ${name}: exceeded max depth`, at?.template ?? name, at?.pos ?? 0);
    }
    try {
      const state = new State(this, tree, dot);
      state.walkList(tree.root);
      return state.out.result();
    } finally {
      this.depth--;
    }
  }
}

class State {
  readonly out = new Output();
  private vars: Array<{ name: string; val: Val }>;

  constructor(
    private readonly exec: Executor,
    private readonly tree: TemplateDef,
    dot: unknown,
  ) {
    this.vars = [{ name: '$', val: { v: dot } }];
  }

  private fail(message: string, pos: number): never {
    throw new TemplateError(message, this.tree.file, this.tree.base + pos);
  }

  walkList(nodes: Node[], dot: unknown = this.vars[0].val.v): void {
    for (const node of nodes) this.walk(node, dot);
  }

  private walk(node: Node, dot: unknown): void {
    switch (node.type) {
      case 'text':
        this.out.write(node.text, [
          {
            start: 0,
            end: node.text.length,
            source: { kind: 'template', file: this.tree.file, start: this.tree.base + node.pos, end: this.tree.base + node.end },
          },
        ]);
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.print(val);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val.v)) this.walkList(node.list, node.type === 'with' ? val.v : dot);
        else if (node.elseList) this.walkList(node.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(node, dot);
      case 'template': {
        const mark = this.vars.length;
        const arg = node.pipe ? this.evalPipeline(dot, node.pipe).v : undefined;
        this.vars.length = mark;
        const result = this.exec.execute(node.name, arg, { template: this.tree.file, pos: this.tree.base + node.pos });
        this.out.write(result.text, result.segments);
        return;
      }
      case 'break':
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a control-flow signal caught by the enclosing range, not an error
        throw new BreakSignal();
      case 'continue':
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a control-flow signal caught by the enclosing range, not an error
        throw new ContinueSignal();
    }
  }

  private walkRange(node: Extract<Node, { type: 'range' }>, dot: unknown): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    const decl = node.pipe.decl;
    // The pipeline's own declaration assigned the whole value; range re-assigns per element.
    this.vars.length = mark;
    const entries: Array<[Val, Val]> = [];
    const v = val.v;
    if (Array.isArray(v)) v.forEach((x, i) => entries.push([{ v: BigInt(i) }, { v: x, o: childOrigin(v, i) }]));
    else if (isMap(v)) for (const k of Object.keys(v).sort(compareGoStrings)) entries.push([{ v: k }, { v: v[k], o: childOrigin(v, k) }]);
    else if (v instanceof GoStruct && v.mapView) for (const k of Object.keys(v.mapView).sort(compareGoStrings)) entries.push([{ v: k }, { v: v.mapView[k] }]);
    else if (v instanceof GoStruct && v.listView) v.listView.forEach((x, i) => entries.push([{ v: BigInt(i) }, { v: x }]));
    else if (typeof v === 'bigint') for (let i = 0n; i < v; i++) entries.push([{ v: i }, { v: i }]);
    else if (v !== undefined && v !== null && !(v instanceof GoStruct)) this.fail(`range can't iterate over ${printValue(v)}`, node.pos);
    if (entries.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot);
      return;
    }
    for (const [key, elem] of entries) {
      const inner = this.vars.length;
      if (decl.length === 1) this.setVar(decl[0], elem, node.pipe.isAssign);
      if (decl.length === 2) {
        this.setVar(decl[0], key, node.pipe.isAssign);
        this.setVar(decl[1], elem, node.pipe.isAssign);
      }
      try {
        this.walkList(node.list, elem.v);
      } catch (e) {
        if (e instanceof BreakSignal) {
          this.vars.length = inner;
          break;
        }
        if (!(e instanceof ContinueSignal)) throw e;
      }
      this.vars.length = inner;
    }
    this.vars.length = mark;
  }

  private setVar(name: string, val: Val, assign: boolean): void {
    if (assign) {
      for (let i = this.vars.length - 1; i >= 0; i--) {
        if (this.vars[i].name === name) {
          this.vars[i].val = val;
          return;
        }
      }
    }
    this.vars.push({ name, val });
  }

  private print(val: Val): void {
    const text = printValue(val.v);
    this.out.write(text, segmentsOf(val, text));
  }

  evalPipeline(dot: unknown, pipe: Pipe): Val {
    let value: Val | undefined;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface becomes "no value", as reflect.ValueOf(nil) does.
      if (value.v === null) value = { ...value, v: undefined };
    }
    const result = value!;
    for (const name of pipe.decl) this.setVar(name, result, pipe.isAssign);
    return result;
  }

  private evalCommand(dot: unknown, cmd: Command, final: Val | undefined): Val {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldChain(dot, { v: dot }, first.ident, cmd, final, first.pos);
      case 'chain': {
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first.field, cmd, final, first.pos);
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, cmd, final, first.pos);
      case 'pipe':
        this.notAFunction(cmd, final);
        return this.evalPipelineScoped(dot, first.pipe);
      case 'variable': {
        const base = this.lookupVar(first.ident[0], first.pos);
        if (first.ident.length === 1) {
          this.notAFunction(cmd, final);
          return base;
        }
        return this.evalFieldChain(dot, base, first.ident.slice(1), cmd, final, first.pos);
      }
    }
    this.notAFunction(cmd, final);
    return this.evalArg(dot, first);
  }

  private evalPipelineScoped(dot: unknown, pipe: Pipe): Val {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, pipe);
    this.vars.length = mark;
    return val;
  }

  private notAFunction(cmd: Command, final: Val | undefined): void {
    if (cmd.args.length > 1 || final !== undefined) this.fail(`can't give argument to non-function ${this.describe(cmd.args[0])}`, cmd.pos);
  }

  private describe(arg: Arg): string {
    return this.tree.text.slice(arg.pos, arg.pos + 40).split(/[\s}]/)[0];
  }

  private lookupVar(name: string, pos: number): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].val;
    this.fail(`undefined variable: ${name}`, pos);
  }

  evalArg(dot: unknown, arg: Arg): Val {
    switch (arg.type) {
      case 'dot':
        return { v: dot };
      case 'nil':
        return { v: null };
      case 'bool':
        return { v: arg.value };
      case 'number':
        if (arg.execError) this.fail(arg.execError, arg.pos);
        return { v: arg.value };
      case 'string':
        return { v: arg.value, o: { kind: 'literal', file: this.tree.file, start: this.tree.base + arg.pos + 1, end: this.tree.base + arg.end - 1 } };
      case 'field':
        return this.evalFieldChain(dot, { v: dot }, arg.ident, undefined, undefined, arg.pos);
      case 'variable': {
        const base = this.lookupVar(arg.ident[0], arg.pos);
        return arg.ident.length === 1 ? base : this.evalFieldChain(dot, base, arg.ident.slice(1), undefined, undefined, arg.pos);
      }
      case 'pipe':
        return this.evalPipelineScoped(dot, arg.pipe);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, arg.node), arg.field, undefined, undefined, arg.pos);
      case 'identifier':
        return this.evalFunction(dot, arg.name, { pos: arg.pos, args: [arg] }, undefined, arg.pos);
    }
  }

  private evalFieldChain(dot: unknown, receiver: Val, ident: string[], cmd: Command | undefined, final: Val | undefined, pos: number): Val {
    let current = receiver;
    for (let i = 0; i < ident.length; i++) {
      const last = i === ident.length - 1;
      current = this.evalField(dot, ident[i], current, last ? cmd : undefined, last ? final : undefined, pos);
    }
    return current;
  }

  private evalField(dot: unknown, name: string, receiver: Val, cmd: Command | undefined, final: Val | undefined, pos: number): Val {
    const r = receiver.v;
    const hasArgs = (cmd !== undefined && cmd.args.length > 1) || final !== undefined;
    if (r === undefined) return { v: undefined };
    if (r === null) this.fail(`nil pointer evaluating interface {}.${name}`, pos);
    if (r instanceof GoStruct) {
      const method = r.methods[name];
      if (method) {
        const args = (cmd?.args.slice(1) ?? []).map((a) => this.evalArg(dot, a).v);
        if (final !== undefined) args.push(final.v);
        try {
          return { v: method(...args) };
        } catch (e) {
          if (e instanceof TemplateError || e instanceof RangeError) throw e;
          this.fail(`error calling ${name}: ${(e as Error).message}`, pos);
        }
      }
      if (Object.prototype.hasOwnProperty.call(r.fields, name)) {
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`, pos);
        return { v: r.fields[name] };
      }
      this.fail(`can't evaluate field ${name} in type ${r.typeName}`, pos);
    }
    if (isMap(r)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`, pos);
      const has = Object.prototype.hasOwnProperty.call(r, name);
      return { v: has ? r[name] : null, o: has ? childOrigin(r, name) : undefined };
    }
    this.fail(`can't evaluate field ${name} in type ${receiver === undefined ? 'interface {}' : typeOfReceiver(r)}`, pos);
  }

  private evalFunction(dot: unknown, name: string, cmd: Command, final: Val | undefined, pos: number): Val {
    const fn = this.exec.funcs.get(name);
    if (!fn) this.fail(`function "${name}" not defined`, pos);
    const ctx: FuncContext = { exec: this.exec, templateName: this.tree.file, pos: this.tree.base + pos, dot };
    const argNodes = cmd.args.slice(1);
    // `and`/`or` stop at the first argument that decides (Go 1.18+).
    if (name === 'and' || name === 'or') {
      const values = argNodes.map((a) => () => this.evalArg(dot, a));
      if (final !== undefined) values.push(() => final);
      if (values.length === 0) this.fail(`wrong number of args for ${name}: want at least 1 got 0`, pos);
      let result: Val = { v: undefined };
      for (const get of values) {
        result = get();
        if (isTrue(result.v) === (name === 'or')) return result;
      }
      return result;
    }
    const args = argNodes.map((a) => this.evalArg(dot, a));
    if (final !== undefined) args.push(final);
    try {
      return fn(ctx, args);
    } catch (e) {
      // Unwinding an exhausted stack must not build a new error (and stack trace) at every level.
      if (e instanceof TemplateError || e instanceof RangeError) throw e;
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
      this.fail(`error calling ${name}: ${(e as Error).message}`, pos);
    }
  }
}

function typeOfReceiver(v: unknown): string {
  return v === undefined ? 'interface {}' : typeOf(v);
}

/** An error a template function raises; the executor reports it at the call. */
export class FuncError extends Error {}

/** Text/template's own error wording for calls that do not reach the function ("wrong type for value…"). */
export class CallError extends TemplateError {}
