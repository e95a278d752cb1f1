// The Sprig v3 functions Helm charts use (https://masterminds.github.io/sprig/), with Go's semantics.
// Functions that pass a value through (quote, default, indent, …) keep its source origin.
import type { Val } from '../exec';
import { childOrigin, segmentsOf, valueOrigins } from '../exec';
import { goQuote } from '../gofmt';
import { insertIntoSegments, shiftSegments, sliceSegments, type SourceRange } from '../sourcemap';
import { GoStruct, deepCopy, deepEqual, isMap, kindOf, printValue, typeOf, compareGoStrings } from '../values';
import type { FuncTable } from './define';
import { asList, def, empty, strslice, strval, toFloat64, toInt64, typed } from './define';
import { adler32, base64Decode, base64Encode, sha1Hex, sha256Hex } from '../../../digests';
import { semverCompare, versionObject } from './semver';
import { goRegExp, goReplacement } from './regex';
import { formatGoDate, FIXED_NOW } from './date';
import { toJson, fromJson } from './json';

const bytes = (s: string) => new TextEncoder().encode(s);
const fromBytes = (b: Uint8Array) => new TextDecoder().decode(b);

/** A string value and its segments after a function that only inserts text (quote, indent). */
function mappedInsert(arg: Val, text: string, result: string, inserts: Array<[number, number]>): Val {
  const segments = segmentsOf(arg, text);
  return { v: result, m: segments.length ? insertIntoSegments(segments, inserts) : undefined };
}

function indentVal(spaces: number, arg: Val, leadingNewline: boolean): Val {
  const text = arg.v as string;
  const pad = ' '.repeat(Math.max(0, spaces));
  const inserts: Array<[number, number]> = [[0, pad.length + (leadingNewline ? 1 : 0)]];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) inserts.push([i + 1, pad.length]);
  const result = (leadingNewline ? '\n' : '') + pad + text.split('\n').join(`\n${pad}`);
  return mappedInsert(
    arg,
    text,
    result,
    inserts.filter(([, n]) => n > 0),
  );
}

/** Copies the origins of `src`'s entries to the same keys of `dst` (values merged by merge/set). */
function adoptOrigin(dst: object, key: string, src: unknown, srcKey: string): void {
  const entry = typeof src === 'object' && src !== null ? valueOrigins.get(src)?.get(srcKey) : undefined;
  setOrigin(dst, key, entry?.value, entry?.key);
}

/** Where `dst[key]` now comes from; an overwritten value of unknown origin must not keep the old one's. */
function setOrigin(dst: object, key: string, origin: SourceRange | undefined, keyOrigin?: SourceRange): void {
  let map = valueOrigins.get(dst);
  if (!origin) {
    map?.delete(key);
    return;
  }
  if (!map) valueOrigins.set(dst, (map = new Map()));
  map.set(key, keyOrigin ? { key: keyOrigin, value: origin } : { value: origin });
}

/** mergo.Merge: fills keys missing (or empty) in dst; with overwrite, non-empty src values win. */
function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const d = dst[key];
    if (isMap(s) && isMap(d)) {
      mergeInto(d, s, overwrite);
      continue;
    }
    const dstEmpty = !Object.prototype.hasOwnProperty.call(dst, key) || empty(d);
    if ((overwrite && !empty(s)) || (dstEmpty && !(empty(s) && Object.prototype.hasOwnProperty.call(dst, key)))) {
      dst[key] = s;
      adoptOrigin(dst, key, src, key);
    }
  }
}

function wrap(s: string, limit: number): string {
  // commons-lang WordUtils.wrap with newline "\n" and wrapLongWords false, as goutils implements it.
  if (limit < 1) limit = 1;
  const out: string[] = [];
  let offset = 0;
  const input = s;
  while (input.length - offset > limit) {
    if (input[offset] === ' ') {
      offset++;
      continue;
    }
    let space = input.lastIndexOf(' ', limit + offset);
    if (space >= offset) {
      out.push(input.slice(offset, space));
      offset = space + 1;
    } else {
      space = input.indexOf(' ', limit + offset);
      if (space >= 0) {
        out.push(input.slice(offset, space));
        offset = space + 1;
      } else {
        out.push(input.slice(offset));
        offset = input.length;
      }
    }
  }
  out.push(input.slice(offset));
  return out.join('\n');
}

function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

function randomString(count: number, alphabet: string): string {
  // Deterministic stand-in for crypto randomness: the same chart renders the same text every time.
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[i % alphabet.length];
  return out;
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

function toSnake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s\-.]+/g, '_')
    .toLowerCase();
}

function toCamel(s: string): string {
  return s
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ''))
    .join('');
}

function listArg(v: unknown, fn: string): unknown[] {
  if (v === null || v === undefined) throw new Error(`Cannot find ${fn} on type <nil>`);
  return asList(v, fn);
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(i < 0 ? '' : p.slice(0, i + 1));
}

export function addSprig(t: FuncTable): void {
  // Strings.
  def(t, 'hello', '', () => 'Hello!');
  t.set(
    'trunc',
    typed('trunc', 'i,s', (_c, [n, s]: [number, string], raw) => {
      const b = bytes(s);
      let out = s;
      let from = 0;
      if (n < 0 && b.length + n > 0) {
        out = fromBytes(b.slice(b.length + n));
        from = s.length - out.length;
      } else if (n >= 0 && b.length > n) out = fromBytes(b.slice(0, n));
      const segments = segmentsOf(raw[1], s);
      return { v: out, m: segments.length ? sliceSegments(segments, from, from + out.length) : undefined };
    }),
  );
  t.set(
    'trim',
    typed('trim', 's', (_c, [s]: [string], raw) => {
      const out = s.trim();
      const from = s.length - s.trimStart().length;
      const segments = segmentsOf(raw[0], s);
      return { v: out, m: segments.length ? sliceSegments(segments, from, from + out.length) : undefined };
    }),
  );
  def(t, 'upper', 's', (s: string) => s.toUpperCase());
  def(t, 'lower', 's', (s: string) => s.toLowerCase());
  def(t, 'title', 's', title);
  def(t, 'untitle', 's', (s: string) => s.replace(/(^|\s)(\S)/g, (_m, pre: string, c: string) => pre + c.toLowerCase()));
  def(t, 'substr', 'i,i,s', (start: number, end: number, s: string) => {
    const b = bytes(s);
    if (start < 0) return fromBytes(b.slice(0, end));
    if (end < 0 || end > b.length) return fromBytes(b.slice(start));
    return fromBytes(b.slice(start, end));
  });
  def(t, 'repeat', 'i,s', (n: number, s: string) => {
    if (n < 0) throw new Error('strings: negative Repeat count');
    return s.repeat(n);
  });
  def(t, 'trimall', 's,s', (a: string, b: string) => trimCutset(b, a));
  def(t, 'trimAll', 's,s', (a: string, b: string) => trimCutset(b, a));
  t.set(
    'trimSuffix',
    typed('trimSuffix', 's,s', (_c, [a, b]: [string, string], raw) => {
      const out = a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b;
      const segments = segmentsOf(raw[1], b);
      return { v: out, m: segments.length ? sliceSegments(segments, 0, out.length) : undefined };
    }),
  );
  t.set(
    'trimPrefix',
    typed('trimPrefix', 's,s', (_c, [a, b]: [string, string], raw) => {
      const out = a !== '' && b.startsWith(a) ? b.slice(a.length) : b;
      const segments = segmentsOf(raw[1], b);
      return { v: out, m: segments.length ? sliceSegments(segments, b.length - out.length, b.length) : undefined };
    }),
  );
  def(t, 'nospace', 's', (s: string) => s.replace(/\s/g, ''));
  def(t, 'initials', 's', (s: string) =>
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => [...w][0])
      .join(''),
  );
  def(t, 'randAlphaNum', 'i', (n: number) => randomString(n, ALPHA + DIGITS));
  def(t, 'randAlpha', 'i', (n: number) => randomString(n, ALPHA));
  def(t, 'randNumeric', 'i', (n: number) => randomString(n, DIGITS));
  def(t, 'randAscii', 'i', (n: number) => randomString(n, ALPHA));
  def(t, 'swapcase', 's', (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
  def(t, 'snakecase', 's', toSnake);
  def(t, 'camelcase', 's', toCamel);
  def(t, 'kebabcase', 's', (s: string) => toSnake(s).replace(/_/g, '-'));
  def(t, 'wrap', 'i,s', (n: number, s: string) => wrap(s, n));
  def(t, 'wrapWith', 'i,s,s', (n: number, sep: string, s: string) => wrap(s, n).split('\n').join(sep));
  def(t, 'contains', 's,s', (sub: string, s: string) => s.includes(sub));
  def(t, 'hasPrefix', 's,s', (p: string, s: string) => s.startsWith(p));
  def(t, 'hasSuffix', 's,s', (p: string, s: string) => s.endsWith(p));
  t.set(
    'quote',
    typed('quote', '*a', (_c, args: unknown[], raw) => {
      const kept = raw.filter((r) => r.v !== null && r.v !== undefined);
      if (kept.length === 1) {
        const s = strval(kept[0].v);
        const q = goQuote(s);
        // Only an escape-free string maps character for character.
        if (q.length === s.length + 2) return mappedInsert({ ...kept[0], v: s }, s, q, [[0, 1]]);
        return { v: q };
      }
      return {
        v: args
          .filter((a) => a !== null)
          .map((a) => goQuote(strval(a)))
          .join(' '),
      };
    }),
  );
  t.set(
    'squote',
    typed('squote', '*a', (_c, args: unknown[], raw) => {
      const kept = raw.filter((r) => r.v !== null && r.v !== undefined);
      if (kept.length === 1) {
        const s = printValue(kept[0].v);
        return mappedInsert({ ...kept[0], v: s }, s, `'${s}'`, [[0, 1]]);
      }
      return {
        v: args
          .filter((a) => a !== null)
          .map((a) => `'${printValue(a)}'`)
          .join(' '),
      };
    }),
  );
  def(t, 'cat', '*a', (...args: unknown[]) =>
    args
      .filter((a) => a !== null)
      .map((a) => printValue(a))
      .join(' '),
  );
  t.set(
    'indent',
    typed('indent', 'i,s', (_c, [n]: [number, string], raw) => indentVal(n, raw[1], false)),
  );
  t.set(
    'nindent',
    typed('nindent', 'i,s', (_c, [n]: [number, string], raw) => indentVal(n, raw[1], true)),
  );
  def(t, 'replace', 's,s,s', (o: string, n: string, s: string) => (o === '' ? [...s].reduce((acc, c) => acc + c + n, n) : s.split(o).join(n)));
  def(t, 'plural', 's,s,i', (one: string, many: string, n: number) => (n === 1 ? one : many));
  def(t, 'sha1sum', 's', sha1Hex);
  def(t, 'sha256sum', 's', sha256Hex);
  def(t, 'adler32sum', 's', (s: string) => String(adler32(s)));
  t.set(
    'toString',
    typed('toString', 'a', (_c, [v], raw) => ({ v: strval(v), o: raw[0].o, m: raw[0].m })),
  );
  def(t, 'abbrev', 'i,s', (n: number, s: string) => (n < 4 || s.length <= n ? s : `${s.slice(0, n - 3)}...`));
  def(t, 'toStrings', 'a', strslice);
  def(t, 'split', 's,s', (sep: string, s: string) => Object.fromEntries(s.split(sep).map((p, i) => [`_${i}`, p])));
  def(t, 'splitList', 's,s', (sep: string, s: string) => (sep === '' ? [...s] : s.split(sep)));
  def(t, 'splitn', 's,i,s', (sep: string, n: number, s: string) => {
    const parts = s.split(sep);
    const limited = n > 0 && parts.length > n ? [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)] : parts;
    return Object.fromEntries(limited.map((p, i) => [`_${i}`, p]));
  });
  def(t, 'join', 's,a', (sep: string, v: unknown) => strslice(v).join(sep));
  def(t, 'sortAlpha', 'a', (v: unknown) => (Array.isArray(v) ? strslice(v).sort(compareGoStrings) : [strval(v)]));

  // Conversions and math (Sprig's arithmetic is int64).
  t.set(
    'int',
    typed('int', 'a', (_c, [v], raw) => ({ v: toInt64(v), o: raw[0].o })),
  );
  t.set(
    'int64',
    typed('int64', 'a', (_c, [v], raw) => ({ v: toInt64(v), o: raw[0].o })),
  );
  t.set(
    'float64',
    typed('float64', 'a', (_c, [v], raw) => ({ v: toFloat64(v), o: raw[0].o })),
  );
  def(t, 'atoi', 's', (s: string) => (/^[+-]?\d+$/.test(s) ? BigInt(s) : 0n));
  def(t, 'add', '*a', (...args: unknown[]) => args.reduce<bigint>((acc, a) => acc + toInt64(a), 0n));
  def(t, 'add1', 'a', (a) => toInt64(a) + 1n);
  def(t, 'sub', 'a,a', (a, b) => toInt64(a) - toInt64(b));
  def(t, 'mul', 'a,*a', (a, ...rest: unknown[]) => rest.reduce<bigint>((acc, b) => acc * toInt64(b), toInt64(a)));
  def(t, 'div', 'a,a', (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return toInt64(a) / d;
  });
  def(t, 'mod', 'a,a', (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return toInt64(a) % d;
  });
  const max = (a: unknown, ...rest: unknown[]) => rest.reduce<bigint>((m, b) => (toInt64(b) > m ? toInt64(b) : m), toInt64(a));
  const min = (a: unknown, ...rest: unknown[]) => rest.reduce<bigint>((m, b) => (toInt64(b) < m ? toInt64(b) : m), toInt64(a));
  def(t, 'max', 'a,*a', max);
  def(t, 'biggest', 'a,*a', max);
  def(t, 'min', 'a,*a', min);
  def(t, 'addf', '*a', (...args: unknown[]) => args.reduce<number>((acc, a) => acc + toFloat64(a), 0));
  def(t, 'add1f', 'a', (a) => toFloat64(a) + 1);
  def(t, 'subf', 'a,*a', (a, ...rest: unknown[]) => rest.reduce<number>((acc, b) => acc - toFloat64(b), toFloat64(a)));
  def(t, 'mulf', 'a,*a', (a, ...rest: unknown[]) => rest.reduce<number>((acc, b) => acc * toFloat64(b), toFloat64(a)));
  def(t, 'divf', 'a,*a', (a, ...rest: unknown[]) => rest.reduce<number>((acc, b) => acc / toFloat64(b), toFloat64(a)));
  def(t, 'maxf', 'a,*a', (a, ...rest: unknown[]) => Math.max(toFloat64(a), ...rest.map(toFloat64)));
  def(t, 'minf', 'a,*a', (a, ...rest: unknown[]) => Math.min(toFloat64(a), ...rest.map(toFloat64)));
  def(t, 'ceil', 'a', (a) => Math.ceil(toFloat64(a)));
  def(t, 'floor', 'a', (a) => Math.floor(toFloat64(a)));
  def(t, 'round', 'a,i,*f', (a, p: number, ...opt: number[]) => {
    const on = opt[0] ?? 0.5;
    const pow = 10 ** p;
    const digit = pow * toFloat64(a);
    const frac = digit - Math.trunc(digit);
    return (frac >= on ? Math.ceil(digit) : Math.floor(digit)) / pow;
  });
  def(t, 'until', 'i', (n: number) => untilStep(0, n, n < 0 ? -1 : 1));
  def(t, 'untilStep', 'i,i,i', untilStep);
  def(t, 'seq', '*i', (...p: number[]) => {
    const [start, step, end] =
      p.length === 1 ? [1, p[0] < 1 ? -1 : 1, p[0]] : p.length === 2 ? [p[0], p[0] > p[1] ? -1 : 1, p[1]] : p.length === 3 ? p : [0, 0, 0];
    if (p.length === 0 || p.length > 3) return '';
    const out: number[] = [];
    if (step === 0) return '';
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
    return out.join(' ');
  });
  def(t, 'randInt', 'i,i', (lo: number) => BigInt(lo));

  // Defaults and flow.
  t.set(
    'default',
    typed('default', 'a,*a', (_c, [, ...given]: unknown[], raw) => (given.length === 0 || empty(given[0]) ? raw[0] : raw[1])),
  );
  def(t, 'empty', 'a', empty);
  t.set(
    'coalesce',
    typed('coalesce', '*a', (_c, args: unknown[], raw) => raw[args.findIndex((a) => !empty(a))] ?? { v: null }),
  );
  def(t, 'all', '*a', (...args: unknown[]) => args.every((a) => !empty(a)));
  def(t, 'any', '*a', (...args: unknown[]) => args.length === 0 || args.some((a) => !empty(a)));
  def(t, 'compact', 'a', (l) => listArg(l, 'compact').filter((x) => !empty(x)));
  t.set(
    'ternary',
    typed('ternary', 'a,a,b', (_c, [, , cond], raw) => (cond ? raw[0] : raw[1])),
  );
  def(t, 'fromJson', 's', fromJson);
  def(t, 'toJson', 'a', (v) => toJson(v, { html: true }));
  def(t, 'toPrettyJson', 'a', (v) => toJson(v, { html: true, indent: '  ' }));
  def(t, 'toRawJson', 'a', (v) => toJson(v, { html: false }));
  def(t, 'mustFromJson', 's', fromJson);
  def(t, 'mustToJson', 'a', (v) => toJson(v, { html: true }));
  def(t, 'deepCopy', 'a', (v) => deepCopyWithOrigins(v));
  def(t, 'mustDeepCopy', 'a', (v) => deepCopyWithOrigins(v));
  def(t, 'typeOf', 'a', typeOf);
  def(t, 'typeIs', 's,a', (s: string, v) => s === typeOf(v));
  def(t, 'typeIsLike', 's,a', (s: string, v) => s === typeOf(v) || `*${s}` === typeOf(v));
  def(t, 'kindOf', 'a', kindOf);
  def(t, 'kindIs', 's,a', (s: string, v) => s === kindOf(v));
  def(t, 'deepEqual', 'a,a', deepEqual);

  // Paths and encodings.
  def(t, 'base', 's', pathBase);
  def(t, 'dir', 's', pathDir);
  def(t, 'clean', 's', pathClean);
  def(t, 'ext', 's', (p: string) => {
    const m = /\.[^./]*$/.exec(p);
    return m ? m[0] : '';
  });
  def(t, 'isAbs', 's', (p: string) => p.startsWith('/'));
  def(t, 'b64enc', 's', base64Encode);
  def(t, 'b64dec', 's', base64Decode);
  def(t, 'uuidv4', '', () => '00000000-0000-4000-8000-000000000000');

  // Lists.
  def(t, 'list', '*a', (...args: unknown[]) => args);
  def(t, 'tuple', '*a', (...args: unknown[]) => args);
  for (const name of ['append', 'push', 'mustAppend', 'mustPush']) def(t, name, 'a,a', (l, v) => [...listArg(l, 'push'), v]);
  for (const name of ['prepend', 'mustPrepend']) def(t, name, 'a,a', (l, v) => [v, ...listArg(l, 'prepend')]);
  t.set(
    'first',
    typed('first', 'a', (_c, [l]) => {
      const list = listArg(l, 'first');
      return { v: list.length ? list[0] : null, o: list.length ? childOrigin(list, 0) : undefined };
    }),
  );
  def(t, 'mustFirst', 'a', (l) => listArg(l, 'first')[0] ?? null);
  def(t, 'last', 'a', (l) => listArg(l, 'last').at(-1) ?? null);
  def(t, 'rest', 'a', (l) => {
    const list = listArg(l, 'rest');
    return list.length ? list.slice(1) : null;
  });
  def(t, 'initial', 'a', (l) => {
    const list = listArg(l, 'initial');
    return list.length ? list.slice(0, -1) : null;
  });
  def(t, 'reverse', 'a', (l) => [...listArg(l, 'reverse')].reverse());
  def(t, 'uniq', 'a', (l) => listArg(l, 'uniq').filter((x, i, all) => all.findIndex((y) => deepEqual(x, y)) === i));
  def(t, 'without', 'a,*a', (l, ...omit: unknown[]) => listArg(l, 'without').filter((x) => !omit.some((o) => deepEqual(x, o))));
  def(t, 'has', 'a,a', (needle, l) => (l === null ? false : listArg(l, 'has').some((x) => deepEqual(x, needle))));
  def(t, 'mustHas', 'a,a', (needle, l) => (l === null ? false : listArg(l, 'has').some((x) => deepEqual(x, needle))));
  def(t, 'concat', '*a', (...lists: unknown[]) => lists.flatMap((l) => (Array.isArray(l) ? l : [])));
  def(t, 'chunk', 'i,a', (size: number, l) => {
    const list = listArg(l, 'chunk');
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  });

  // Dicts.
  // A dict keeps where its values come from: `(dict "component" "server")` passed to a library's template maps the
  // label it prints back to the caller's literal, where the chart's owner would change it.
  t.set(
    'dict',
    typed('dict', '*a', (_c, args: unknown[], raw) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < args.length; i += 2) {
        const key = strval(args[i]);
        out[key] = i + 1 < args.length ? args[i + 1] : '';
        setOrigin(out, key, raw[i + 1]?.o);
      }
      return { v: out };
    }),
  );
  t.set(
    'get',
    typed('get', 'm,s', (_c, [d, k]: [Record<string, unknown> | null, string]) => {
      if (d && Object.prototype.hasOwnProperty.call(d, k)) return { v: d[k], o: childOrigin(d, k) };
      return { v: '' };
    }),
  );
  t.set(
    'set',
    typed('set', 'm,s,a', (_c, [d, k, v]: [Record<string, unknown>, string, unknown], raw) => {
      d[k] = v;
      setOrigin(d, k, raw[2].o);
      return { v: d };
    }),
  );
  def(t, 'unset', 'm,s', (d: Record<string, unknown>, k: string) => {
    delete d[k];
    setOrigin(d, k, undefined);
    return d;
  });
  def(t, 'hasKey', 'm,s', (d: Record<string, unknown> | null, k: string) => !!d && Object.prototype.hasOwnProperty.call(d, k));
  def(t, 'pluck', 's,*m', (k: string, ...ds: Array<Record<string, unknown>>) => ds.filter((d) => d && k in d).map((d) => d[k]));
  def(t, 'keys', '*m', (...ds: Array<Record<string, unknown>>) => ds.flatMap((d) => Object.keys(d ?? {}).sort(compareGoStrings)));
  def(t, 'values', 'm', (d: Record<string, unknown>) =>
    Object.keys(d ?? {})
      .sort(compareGoStrings)
      .map((k) => d[k]),
  );
  def(t, 'pick', 'm,*s', (d: Record<string, unknown>, ...ks: string[]) => {
    const out: Record<string, unknown> = {};
    for (const k of ks)
      if (d && k in d) {
        out[k] = d[k];
        adoptOrigin(out, k, d, k);
      }
    return out;
  });
  def(t, 'omit', 'm,*s', (d: Record<string, unknown>, ...ks: string[]) => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(d ?? {}))
      if (!ks.includes(k)) {
        out[k] = d[k];
        adoptOrigin(out, k, d, k);
      }
    return out;
  });
  for (const [name, overwrite] of [
    ['merge', false],
    ['mustMerge', false],
    ['mergeOverwrite', true],
    ['mustMergeOverwrite', true],
  ] as const) {
    def(t, name, 'm,*m', (dst: Record<string, unknown>, ...srcs: Array<Record<string, unknown>>) => {
      for (const src of srcs) if (src) mergeInto(dst, src, overwrite);
      return dst;
    });
  }
  def(t, 'dig', 'a,*a', (...ps: unknown[]) => {
    if (ps.length < 3) throw new Error('dig needs at least three arguments');
    let d = ps[ps.length - 1] as Record<string, unknown>;
    const fallback = ps[ps.length - 2];
    const ks = ps.slice(0, -2) as string[];
    for (let i = 0; i < ks.length; i++) {
      if (!isMap(d) || !(ks[i] in d)) return fallback;
      if (i === ks.length - 1) return d[ks[i]];
      d = d[ks[i]] as Record<string, unknown>;
    }
    return fallback;
  });

  // Semver, regular expressions, dates.
  def(t, 'semverCompare', 's,s', semverCompare);
  def(t, 'semver', 's', versionObject);
  def(t, 'regexMatch', 's,s', (re: string, s: string) => goRegExp(re).test(s));
  def(t, 'mustRegexMatch', 's,s', (re: string, s: string) => goRegExp(re).test(s));
  def(t, 'regexFind', 's,s', (re: string, s: string) => goRegExp(re).exec(s)?.[0] ?? '');
  def(t, 'regexFindAll', 's,s,i', (re: string, s: string, n: number) => {
    const all = [...s.matchAll(goRegExp(re, 'g'))].map((m) => m[0]);
    return n < 0 ? all : all.slice(0, n);
  });
  def(t, 'regexReplaceAll', 's,s,s', (re: string, s: string, repl: string) => s.replace(goRegExp(re, 'g'), goReplacement(repl)));
  def(t, 'regexReplaceAllLiteral', 's,s,s', (re: string, s: string, repl: string) => s.replace(goRegExp(re, 'g'), () => repl));
  def(t, 'regexSplit', 's,s,i', (re: string, s: string, n: number) => {
    const parts = s.split(goRegExp(re, 'g'));
    return n < 0 ? parts : parts.slice(0, n);
  });
  def(t, 'regexQuoteMeta', 's', (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'));
  // Sprig's must* variants differ only in returning errors, which these already raise.
  for (const name of [
    'Compact',
    'Uniq',
    'Without',
    'Reverse',
    'Rest',
    'Initial',
    'Last',
    'Chunk',
    'Slice',
    'RegexFind',
    'RegexFindAll',
    'RegexReplaceAll',
    'RegexReplaceAllLiteral',
    'RegexSplit',
    'ToRawJson',
    'ToPrettyJson',
  ]) {
    const base = t.get(name[0].toLowerCase() + name.slice(1));
    if (base && !t.has(`must${name}`)) t.set(`must${name}`, base);
  }
  def(t, 'now', '', () => FIXED_NOW);
  def(t, 'date', 's,a', (fmt: string, d) => formatGoDate(fmt, d));
  def(t, 'dateInZone', 's,a,s', (fmt: string, d) => formatGoDate(fmt, d));
  def(t, 'htmlDate', 'a', (d) => formatGoDate('2006-01-02', d));
  def(t, 'unixEpoch', 'a', (d) => String(Math.floor(((d as GoStruct)?.fields?.unix as number) ?? 0)));
}

function trimCutset(s: string, cutset: string): string {
  const set = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && set.has(chars[start])) start++;
  while (end > start && set.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

function untilStep(start: number, stop: number, step: number): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(BigInt(i));
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(BigInt(i));
  return v;
}

/** deepCopy that keeps where each copied value came from. */
export function deepCopyWithOrigins<T>(v: T): T {
  const copy = deepCopy(v);
  const walk = (from: unknown, to: unknown) => {
    if (typeof from !== 'object' || from === null || typeof to !== 'object' || to === null) return;
    const origins = valueOrigins.get(from);
    if (origins) valueOrigins.set(to, origins);
    if (Array.isArray(from)) from.forEach((x, i) => walk(x, (to as unknown[])[i]));
    else if (isMap(from)) for (const k of Object.keys(from)) walk(from[k], (to as Record<string, unknown>)[k]);
  };
  walk(v, copy);
  return copy;
}

export { shiftSegments };
