// The parts of Go's fmt and strconv that templates reach: Sprintf verbs, Sprint spacing, %q quoting.
import { GoStruct, formatFloat, formatValue, typeOf } from './values';

/** strconv.Quote: printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (!isPrintable(c)) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function isPrintable(c: number): boolean {
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  if (c >= 0x80 && c < 0xa0) return false;
  if (c === 0xad) return false;
  // Format and separator characters Go does not print.
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(c)) && !(/\p{Zs}/u.test(String.fromCodePoint(c)) && c !== 0x20);
}

function isString(v: unknown): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isString(a) && !isString(args[i - 1])) out += ' ';
    out += a === undefined ? '<nil>' : formatValue(a);
  });
  return out;
}

export function sprintln(args: unknown[]): string {
  return `${args.map((a) => (a === undefined ? '<nil>' : formatValue(a))).join(' ')}\n`;
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeOf(v)}=${formatValue(v)})`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  precision?: number;
}

function pad(s: string, spec: Spec, numeric = false): string {
  if (spec.width === undefined || s.length >= spec.width) return s;
  const fill = spec.width - [...s].length;
  if (fill <= 0) return s;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function formatInt(v: bigint, verb: string, spec: Spec): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = abs.toString();
      break;
    case 'x':
      digits = abs.toString(16);
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      break;
    case 'o':
      digits = abs.toString(8);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'c':
      return String.fromCodePoint(Number(v));
    case 'q':
      return `'${String.fromCodePoint(Number(v))}'`;
    default:
      return badVerb(verb, v);
  }
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  if (spec.sharp && verb === 'x') digits = `0x${digits}`;
  if (spec.sharp && verb === 'X') digits = `0X${digits}`;
  if (spec.sharp && verb === 'o') digits = `0${digits}`;
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return sign + digits;
}

function formatFloatVerb(v: number, verb: string, spec: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
      s = spec.precision === undefined ? formatFloat(v) : formatG(v, spec.precision);
      break;
    case 'f':
    case 'F':
      s = Number.isFinite(v) ? v.toFixed(spec.precision ?? 6) : formatFloat(v);
      break;
    case 'e':
    case 'E': {
      s = v.toExponential(spec.precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      if (verb === 'E') s = s.toUpperCase();
      break;
    }
    default:
      return badVerb(verb, v);
  }
  if (spec.plus && v >= 0 && !s.startsWith('+')) s = `+${s}`;
  return s;
}

function formatG(v: number, precision: number): string {
  const p = precision === 0 ? 1 : precision;
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= p)
    return v
      .toExponential(p - 1)
      .replace(/\.?0+e/, 'e')
      .replace(/e([+-])(\d)$/, 'e$10$2');
  return String(Number(v.toPrecision(p)));
}

function formatOne(verb: string, v: unknown, spec: Spec): string {
  if (verb === 'T') return pad(typeOf(v), spec);
  if (v === undefined || v === null) {
    if (verb === 'v' || verb === 's') return pad(verb === 'v' ? '<nil>' : '%!s(<nil>)', spec);
    return badVerb(verb, v);
  }
  if (typeof v === 'bigint') return pad(formatInt(v, verb, spec), spec, true);
  if (typeof v === 'number') return pad(formatFloatVerb(v, verb, spec), spec, true);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec) : badVerb(verb, v);
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return pad(spec.precision !== undefined ? [...v].slice(0, spec.precision).join('') : v, spec);
      case 'q':
        return pad(goQuote(v), spec);
      case 'x':
        return pad([...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0')).join(''), spec);
      case 'X':
        return pad([...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(''), spec);
      default:
        return badVerb(verb, v);
    }
  }
  if (Array.isArray(v)) return pad(`[${v.map((x) => formatOne(verb, x, { ...spec, width: undefined })).join(' ')}]`, spec);
  if (v instanceof GoStruct) return pad(formatValue(v), spec);
  if (verb === 'v' || verb === 's' || verb === 'd') {
    const map = v as Record<string, unknown>;
    const keys = Object.keys(map).sort();
    return pad(`map[${keys.map((k) => `${formatOne(verb, k, {} as Spec)}:${formatOne(verb, map[k], {} as Spec)}`).join(' ')}]`, spec);
  }
  return badVerb(verb, v);
}

/** fmt.Sprintf for the verbs and flags templates use. */
/** `placed(arg, start, end)`: argument `arg` was formatted into `out.slice(start, end)` (for source maps). */
export function sprintf(format: string, args: unknown[], placed?: (arg: number, start: number, end: number) => void): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    i++;
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '0') spec.zero = !spec.minus;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.sharp = true;
      else break;
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argIndex++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      let s = '';
      while (/[0-9]/.test(format[i] ?? '')) s += format[i++];
      return s ? Number(s) : undefined;
    };
    spec.width = num();
    if (format[i] === '.') {
      i++;
      spec.precision = num() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const start = out.length;
    out += formatOne(verb, args[argIndex], spec);
    placed?.(argIndex++, start, out.length);
  }
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((a) => `${typeOf(a)}=${a === undefined || a === null ? '<nil>' : formatValue(a)}`)
      .join(', ')})`;
  }
  return out;
}
