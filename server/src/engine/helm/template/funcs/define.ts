// Declaring template functions with Go parameter types, so that calls convert and fail as Go's reflection
// call does ("wrong type for value; expected string; got float64").
import type { FuncContext, TemplateFunc, Val } from '../exec';
import { GoStruct, formatValue, isMap, kindOf, typeOf } from '../values';

/**
 * Parameter kinds: `s` string, `i` int, `f` float64, `b` bool, `m` map[string]interface{}, `a` interface{};
 * a trailing `*x` is variadic of kind x.
 */
export type ParamSpec = string;

export type FuncTable = Map<string, TemplateFunc>;

const GO_TYPE: Record<string, string> = { s: 'string', i: 'int', f: 'float64', b: 'bool', m: 'map[string]interface {}', a: 'interface {}' };

function convert(kind: string, val: Val | undefined, fn: string): unknown {
  const v = val?.v;
  if (kind === 'a') return v === undefined ? null : v;
  if (v === undefined) {
    if (kind === 'm') return null;
    throw new Error(`invalid value; expected ${GO_TYPE[kind]}`);
  }
  const got = v === null ? 'interface {}' : typeOf(v);
  switch (kind) {
    case 's':
      if (typeof v === 'string') return v;
      break;
    case 'i':
      if (typeof v === 'bigint') return Number(v);
      break;
    case 'f':
      if (typeof v === 'number') return v;
      break;
    case 'b':
      if (typeof v === 'boolean') return v;
      break;
    case 'm':
      if (v === null || isMap(v)) return v;
      break;
  }
  void fn;
  throw new Error(`wrong type for value; expected ${GO_TYPE[kind]}; got ${got}`);
}

/** Wraps a plain function of Go-typed parameters; its result has no source origin. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the ParamSpec checks and converts arguments at run time
export function def(table: FuncTable, name: string, spec: ParamSpec, impl: (...args: any[]) => unknown): void {
  table.set(
    name,
    typed(name, spec, (_ctx, args) => ({ v: impl(...args) })),
  );
}

/** Like `def`, with the call context and the raw argument values (for origins). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the ParamSpec checks and converts arguments at run time
export function typed(name: string, spec: ParamSpec, impl: (ctx: FuncContext, args: any, raw: Val[]) => Val): TemplateFunc {
  const kinds = spec === '' ? [] : spec.split(',');
  const variadic = kinds.length > 0 && kinds[kinds.length - 1].startsWith('*') ? kinds.pop()!.slice(1) : undefined;
  return (ctx, raw) => {
    if (variadic === undefined ? raw.length !== kinds.length : raw.length < kinds.length) {
      const want = variadic === undefined ? `${kinds.length}` : `at least ${kinds.length}`;
      throw new Error(`wrong number of args for ${name}: want ${want} got ${raw.length}`);
    }
    const args = raw.map((val, i) => convert(i < kinds.length ? kinds[i] : variadic!, val, name));
    return impl(ctx, args, raw);
  };
}

/** Sprig's strval: strings as they are, the rest as `%v`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  if (v === null || v === undefined) return '<nil>';
  return formatValue(v);
}

/** Sprig's strslice. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** Sprig's empty: the zero value of its type. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'bigint':
      return v === 0n;
    case 'number':
      return v === 0;
  }
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoStruct) return false;
  return Object.keys(v).length === 0;
}

/** spf13/cast.ToInt64 as Sprig's arithmetic uses it. */
export function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const s = v.replace(/^([+-]?\d+)\.0*$/, '$1');
    try {
      if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s.replace(/^([+-]?)/, '')) * (s.startsWith('-') ? -1n : 1n);
      if (/^[+-]?0[0-7]+$/.test(s)) return BigInt(`0o${s.replace(/^[+-]?0/, '')}`) * (s.startsWith('-') ? -1n : 1n);
      if (/^[+-]?\d+$/.test(s)) return BigInt(s);
    } catch {
      return 0n;
    }
    return 0n;
  }
  return 0n;
}

/** spf13/cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v);
    return v.trim() !== '' && !Number.isNaN(n) ? n : 0;
  }
  return 0;
}

/** A list argument of Sprig's list functions (interface{} that must be a slice). */
export function asList(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof GoStruct && v.listView) return v.listView;
  // Sprig names the reflect kind: "Cannot find has on type map".
  throw new Error(`Cannot find ${fn} on type ${kindOf(v)}`);
}
