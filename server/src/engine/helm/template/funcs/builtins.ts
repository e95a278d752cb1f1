// text/template's predefined functions (and/or are evaluated lazily by the executor).
import { childOrigin, segmentsOf } from '../exec';
import { sprint, sprintf, sprintln } from '../gofmt';
import { shiftSegments, type Segment } from '../sourcemap';
import { GoStruct, isMap, isTrue, printValue, typeOf } from '../values';
import type { FuncTable } from './define';
import { def, typed } from './define';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'other';
}

const isNil = (v: unknown) => v === null || v === undefined;

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b)) throw new Error('incompatible types for comparison');
      continue;
    }
    if (k1 !== 'other') {
      if (a === b) return true;
      continue;
    }
    if (isNil(a) || isNil(b)) {
      if (isNil(a) === isNil(b)) return true;
      continue;
    }
    if (Array.isArray(a) || isMap(a) || Array.isArray(b) || isMap(b)) throw new Error(`non-comparable type ${typeOf(Array.isArray(a) || isMap(a) ? a : b)}`);
    if (a === b) return true;
  }
  return false;
}

function lessThan(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'other' || k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  return (a as number) < (b as number);
}

function indexOf(item: unknown, keys: unknown[]): { v: unknown; container?: unknown; key?: string | number } {
  let v = item;
  let container: unknown;
  let key: string | number | undefined;
  for (const k of keys) {
    if (v === null || v === undefined) throw new Error('index of untyped nil');
    container = v;
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof k !== 'bigint') throw new Error(`cannot index slice/array with type ${typeOf(k)}`);
      const i = Number(k);
      const length = typeof v === 'string' ? new TextEncoder().encode(v).length : v.length;
      if (i < 0 || i >= length) throw new Error(`index out of range: ${i}`);
      key = i;
      v = typeof v === 'string' ? BigInt(new TextEncoder().encode(v)[i]) : v[i];
    } else if (isMap(v)) {
      if (typeof k !== 'string') throw new Error(`value has type ${typeOf(k)}; should be string`);
      key = k;
      v = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null;
    } else {
      throw new Error(`can't index item of type ${typeOf(v)}`);
    }
  }
  return { v, container, key };
}

function jsEscape(s: string): string {
  // eslint-disable-next-line no-control-regex -- Go's JSEscape escapes control characters
  return s.replace(/[\\'"<>&=\n\r\t\x00-\x1f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
    }
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

/** Go evaluates the arguments of print-like builtins as one string when given several. */
function evalArgsString(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export function addBuiltins(t: FuncTable): void {
  def(t, 'eq', 'a,*a', (a, ...rest) => eq(a, ...rest));
  def(t, 'ne', 'a,a', (a, b) => !eq(a, b));
  def(t, 'lt', 'a,a', (a, b) => lessThan(a, b));
  def(t, 'le', 'a,a', (a, b) => lessThan(a, b) || eq(a, b));
  def(t, 'gt', 'a,a', (a, b) => !lessThan(a, b) && !eq(a, b));
  def(t, 'ge', 'a,a', (a, b) => !lessThan(a, b));
  def(t, 'not', 'a', (a) => !isTrue(a));
  t.set('and', () => ({ v: undefined }));
  t.set('or', () => ({ v: undefined }));
  def(t, 'len', 'a', (a) => {
    if (typeof a === 'string') return BigInt(new TextEncoder().encode(a).length);
    if (Array.isArray(a)) return BigInt(a.length);
    if (a instanceof GoStruct && a.listView) return BigInt(a.listView.length);
    if (isMap(a)) return BigInt(Object.keys(a).length);
    throw new Error(`len of ${isNil(a) ? 'nil pointer' : `type ${typeOf(a)}`}`);
  });
  t.set(
    'index',
    typed('index', 'a,*a', (_ctx, [item, ...keys]) => {
      const { v, container, key } = indexOf(item, keys);
      return { v, o: key === undefined ? undefined : childOrigin(container, key) };
    }),
  );
  def(t, 'slice', 'a,*a', (item, ...idx) => {
    const n = idx.map((i) => Number(i as bigint));
    if (typeof item === 'string') return item.slice(n[0] ?? 0, n[1]);
    if (Array.isArray(item)) return item.slice(n[0] ?? 0, n[1]);
    throw new Error(`can't slice item of type ${typeOf(item)}`);
  });
  def(t, 'print', '*a', (...args) => sprint(args));
  def(t, 'println', '*a', (...args) => sprintln(args));
  // An argument printed as it is keeps its origin: `printf "app.kubernetes.io/component: %s" $component` in a library
  // template maps the label's value to the caller's literal or values line, where the owner would change it.
  t.set(
    'printf',
    typed('printf', 's,*a', (_c, [format, ...args]: [string, ...unknown[]], raw) => {
      const placements: Array<[number, number, number]> = [];
      const text = sprintf(format, args, (arg, start, end) => placements.push([arg, start, end]));
      const m: Segment[] = [];
      for (const [arg, start, end] of placements) {
        const val = raw[arg + 1];
        if (!val.o && !val.m) continue;
        const printed = printValue(val.v);
        if (text.slice(start, end) === printed) m.push(...shiftSegments(segmentsOf(val, printed), start));
      }
      return m.length > 0 ? { v: text, m } : { v: text };
    }),
  );
  def(t, 'html', '*a', (...args) => htmlEscape(evalArgsString(args)));
  def(t, 'js', '*a', (...args) => jsEscape(evalArgsString(args)));
  def(t, 'urlquery', '*a', (...args) =>
    encodeURIComponent(evalArgsString(args))
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  def(t, 'call', 'a,*a', (fn) => {
    throw new Error(`non-function of type ${fn instanceof GoStruct ? fn.typeName : typeOf(fn)}`);
  });
}
