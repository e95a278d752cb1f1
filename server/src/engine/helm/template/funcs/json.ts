// encoding/json as Go marshals template values: sorted keys, HTML-safe escapes, Go's float format.
import { GoStruct, compareGoStrings, isMap } from '../values';

export interface JsonOptions {
  /** Escape <, > and & (json.Marshal does; Sprig's toRawJson does not). */
  html: boolean;
  indent?: string;
}

function quoteJson(s: string, html: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (html && (ch === '<' || ch === '>' || ch === '&')) || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function formatJsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${x}`);
  return String(x);
}

export function toJson(v: unknown, options: JsonOptions): string {
  try {
    return encode(v, options, '');
  } catch {
    return '';
  }
}

function encode(v: unknown, o: JsonOptions, indent: string, depth = 0): string {
  if (depth > 1000) throw new Error('json: unsupported value: encountered a cycle');
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteJson(v, o.html);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatJsonFloat(v);
  }
  const inner = o.indent === undefined ? '' : indent + o.indent;
  const nl = o.indent === undefined ? '' : `\n${inner}`;
  const close = o.indent === undefined ? '' : `\n${indent}`;
  const colon = o.indent === undefined ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl + encode(x, o, inner, depth + 1)).join(',')}${close}]`;
  }
  const map = v instanceof GoStruct ? v.fields : isMap(v) ? v : {};
  const keys = Object.keys(map).sort(compareGoStrings);
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => `${nl}${quoteJson(k, o.html)}${colon}${encode(map[k], o, inner, depth + 1)}`).join(',')}${close}}`;
}

/** Sprig's fromJson: any JSON value, nil when it does not parse. */
export function fromJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
