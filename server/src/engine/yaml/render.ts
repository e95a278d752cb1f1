// Renders values the fixes insert, in block or flow style, at a given column.
import type { YamlStyle } from './style';

/** A scalar with a trailing comment, e.g. a placeholder marked for tuning. */
export class Commented {
  constructor(
    readonly value: string | number | boolean,
    readonly comment: string,
  ) {}
}

export type YamlValue = string | number | boolean | Commented | YamlValue[] | { [key: string]: YamlValue };

// Plain scalars may not start with an indicator (`-`, `?`, `:` only when a blank follows), contain `: ` or ` #`,
// or read as another type (YAML 1.1 booleans included, since Kubernetes decodes those).
const NEEDS_QUOTES = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?:\s|$)|$)|: |\s#|:$|^\s|\s$|^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;

export function scalarText(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return NEEDS_QUOTES.test(value) || NUMBER_LIKE.test(value) ? JSON.stringify(value) : value;
}

function isObject(value: YamlValue): value is { [key: string]: YamlValue } {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Commented);
}

function scalarWithComment(value: YamlValue): string {
  if (value instanceof Commented) return `${scalarText(value.value)}  # ${value.comment}`;
  return scalarText(value as string | number | boolean);
}

/** Flow style, for inserting into `{…}` / `[…]`. Comments cannot live inside flow collections. */
export function renderFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (value instanceof Commented) return scalarText(value.value);
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalarText(k)}: ${renderFlow(v)}`)
      .join(', ')}}`;
  return scalarText(value);
}

/** `key: value` in block style; nested lines start at `column + indent`. No leading indentation. */
export function renderPair(key: string, value: YamlValue, column: number, style: YamlStyle): string {
  const head = `${scalarText(key)}:`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${head} []`;
    const dash = column + style.seqIndent;
    return head + value.map((item) => style.eol + ' '.repeat(dash) + renderSeqItem(item, dash, style)).join('');
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${head} {}`;
    const inner = column + style.indent;
    return head + entries.map(([k, v]) => style.eol + ' '.repeat(inner) + renderPair(k, v, inner, style)).join('');
  }
  return `${head} ${scalarWithComment(value)}`;
}

/** Block entries of a map at `column`, first line without leading indentation. */
export function renderEntries(value: { [key: string]: YamlValue }, column: number, style: YamlStyle): string {
  return Object.entries(value)
    .map(([k, v], i) => (i === 0 ? '' : style.eol + ' '.repeat(column)) + renderPair(k, v, column, style))
    .join('');
}

/** `- item` where the dash sits at `dashColumn`. */
export function renderSeqItem(item: YamlValue, dashColumn: number, style: YamlStyle): string {
  const dash = '-'.padEnd(style.dashPad, ' ');
  if (Array.isArray(item)) return `${dash}${renderFlow(item)}`;
  if (isObject(item)) {
    const entries = Object.entries(item);
    if (entries.length === 0) return `${dash}{}`;
    return `${dash}${renderEntries(item, dashColumn + style.dashPad, style)}`;
  }
  return `${dash}${scalarWithComment(item)}`;
}
