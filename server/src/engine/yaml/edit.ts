// Minimal text edits on a YAML document: set a value (creating missing parent maps where a person would),
// add to a sequence, remove an entry. Never re-serialises: everything outside the edit stays byte-identical,
// comments included. Every method returns `undefined` when it cannot edit safely (then no fix is offered).
// A removal never leaves an empty value behind (`securityContext:` is null, which the API server rejects
// for some fields and which says nothing): the map or list it empties goes with it, up to the first one
// that keeps other entries (a sequence item that would be emptied becomes `{}`).
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetEdit } from '../types';
import { isNullish, pairOf } from './nodes';
import { Commented, renderEntries, renderFlow, renderPair, renderSeqItem, scalarText, type YamlValue } from './render';
import { YamlGeometry } from './geometry';
import { columnOf, detectStyle, type YamlStyle } from './style';

export interface InsertOptions {
  /** Insert before the first of these keys that the map has (e.g. pod `securityContext` before `containers`). */
  before?: string[];
}

/** Where a collection sits: the map pair or sequence item holding it. */
type Parent = { map: YAMLMap; key: string } | { seq: YAMLSeq; index: number };

/** Parents are looked for at most this deep (manifests nest about 15 levels). */
const MAX_PARENT_DEPTH = 64;

export class YamlEditor extends YamlGeometry {
  readonly style: YamlStyle;

  constructor(
    text: string,
    private readonly doc: Document.Parsed,
  ) {
    super(text);
    this.style = detectStyle(text, doc);
  }

  /** Sets `map.path = value`, creating the missing maps on the way. */
  set(map: YAMLMap, path: string[], value: YamlValue, options: InsertOptions = {}): OffsetEdit[] | undefined {
    const [head, ...rest] = path;
    const pair = pairOf(map, head);
    if (!pair) return this.insert(map, head, nest(rest, value), options);
    const child = pair.value as Node | null;
    if (rest.length === 0) return this.replaceValue(map, head, value);
    if (isMap(child)) return this.set(child, rest, value, rest.length === 1 ? options : {});
    if (isNullish(child)) return this.replaceValue(map, head, nest(rest, value));
    return undefined;
  }

  /**
   * Ensures the map at `map.path` has every entry of `entries` (existing keys are left alone),
   * creating the map where missing. All new keys land in one insertion, so the edits never overlap.
   */
  merge(map: YAMLMap, path: string[], entries: { [key: string]: YamlValue }, options: InsertOptions = {}): OffsetEdit[] | undefined {
    let target: YAMLMap = map;
    for (let i = 0; i < path.length; i++) {
      const child = pairOf(target, path[i])?.value as Node | null | undefined;
      if (!isMap(child)) return this.set(target, path.slice(i), entries, i === path.length - 1 ? options : {});
      target = child;
    }
    const missing = Object.fromEntries(Object.entries(entries).filter(([k]) => !pairOf(target, k)));
    if (Object.keys(missing).length === 0) return [];
    return this.insertEntries(target, missing, path.length === 0 ? options : {});
  }

  /** Appends `item` to the sequence at `map.path`, creating it (and its parents) when missing. */
  addToSeq(map: YAMLMap, path: string[], item: YamlValue): OffsetEdit[] | undefined {
    return this.addAllToSeq(map, path, [item]);
  }

  /** Appends `items`, in order, to the sequence at `map.path`, creating it (and its parents) when missing. */
  addAllToSeq(map: YAMLMap, path: string[], items: YamlValue[]): OffsetEdit[] | undefined {
    if (items.length === 0) return [];
    const parentPath = path.slice(0, -1);
    let parent: Node | null | undefined = map;
    for (const key of parentPath) parent = isMap(parent) ? (pairOf(parent, key)?.value as Node | null) : undefined;
    const seq = isMap(parent) ? (pairOf(parent, path[path.length - 1])?.value as Node | null) : undefined;
    if (!isSeq(seq)) {
      if (seq !== undefined && !isNullish(seq)) return undefined;
      return this.set(map, path, items);
    }
    if (seq.flow) return this.insertIntoFlow(seq, items.map(renderFlow).join(', '));
    if (seq.items.length === 0 || !seq.range) return undefined;
    const dash = columnOf(this.text, seq.range[0]);
    const at = this.lineEnd(this.lastContent(seq));
    // The new item copies its siblings' `-` padding, which may differ from the file's usual one.
    const first = seq.items[0] as Node | null;
    const pad = first?.range && this.lineStart(first.range[0]) === this.lineStart(seq.range[0]) ? first.range[0] - seq.range[0] : this.style.dashPad;
    const style = pad >= 2 && pad <= 8 ? { ...this.style, dashPad: pad } : this.style;
    return [{ start: at, end: at, newText: items.map((item) => this.style.eol + ' '.repeat(dash) + renderSeqItem(item, dash, style)).join('') }];
  }

  /** Replaces a scalar node's text, keeping its quoting style when it was quoted. */
  replaceScalar(node: Node, value: string | number | boolean): OffsetEdit[] | undefined {
    if (!isScalar(node) || !node.range) return undefined;
    let newText = scalarText(value);
    if (typeof value === 'string' && node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(value);
    else if (typeof value === 'string' && node.type === 'QUOTE_SINGLE') newText = `'${value.replace(/'/g, "''")}'`;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
    return [{ start: node.range[0], end: node.range[1], newText }];
  }

  /** Removes `key` from a map. A trailing comment on the removed line is kept on its own line. */
  removePair(map: YAMLMap, key: string): OffsetEdit[] | undefined {
    const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    const pair = map.items[index];
    if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    if (map.items.length === 1) return this.removeEmptied(map, pair.key.range[0]) ?? (map.flow ? this.removeFromFlow(map, index) : undefined);
    if (map.flow) return this.removeFromFlow(map, index);
    const keyStart = pair.key.range[0];
    const lineStart = this.lineStart(keyStart);
    const onOwnLine = this.text.slice(lineStart, keyStart).trim() === '';
    const contentEnd = this.lastContentOfPair(map.items[index]);
    if (!onOwnLine) {
      // `- key: v` as the first entry of a sequence item: pull the next key up behind the dash.
      const next = map.items[index + 1];
      if (!next || !isScalar(next.key) || !next.key.range || this.hasComment(keyStart, next.key.range[0])) return undefined;
      return [{ start: keyStart, end: next.key.range[0], newText: '' }];
    }
    return this.removeLines(lineStart, contentEnd);
  }

  /** Removes one item of a block or flow sequence. */
  removeSeqItem(seq: YAMLSeq, index: number): OffsetEdit[] | undefined {
    const item = seq.items[index] as Node | undefined;
    if (!item?.range) return undefined;
    if (seq.items.length === 1) return this.removeEmptied(seq, item.range[0]) ?? (seq.flow ? this.removeFromFlow(seq, index) : undefined);
    if (seq.flow) return this.removeFromFlow(seq, index);
    const dashLineStart = this.lineStart(item.range[0]);
    if (this.text.slice(dashLineStart, item.range[0]).trim() !== '-') return undefined;
    return this.removeLines(dashLineStart, this.lastContent(item));
  }

  // ---- internals ---------------------------------------------------------------------------------

  /**
   * Removes a collection whose last entry (starting at `entryStart`) goes: its own pair goes too
   * (recursively), or, as a block sequence's item, it becomes `{}`. Undefined at the document root and in
   * flow sequences (a flow collection then just loses the entry: `[]`, `{}`).
   */
  private removeEmptied(collection: YAMLMap | YAMLSeq, entryStart: number): OffsetEdit[] | undefined {
    const parent = this.parentOf(collection);
    if (!parent) return undefined;
    if ('map' in parent) return this.removePair(parent.map, parent.key);
    if (parent.seq.flow || collection.flow || this.hasComment(entryStart, this.lineEnd(this.lastContent(collection)))) return undefined;
    return [{ start: entryStart, end: this.lineEnd(this.lastContent(collection)), newText: '{}' }];
  }

  /** The pair or sequence item whose value is `target`. */
  private parentOf(target: Node): Parent | undefined {
    const search = (node: unknown, depth: number): Parent | undefined => {
      if (depth > MAX_PARENT_DEPTH) return undefined;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (pair.value === target) return isScalar(pair.key) ? { map: node, key: String(pair.key.value) } : undefined;
          const found = search(pair.value, depth + 1);
          if (found) return found;
        }
      } else if (isSeq(node)) {
        for (const [index, item] of node.items.entries()) {
          if (item === target) return { seq: node, index };
          const found = search(item, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    };
    return search(this.doc.contents, 0);
  }

  private insert(map: YAMLMap, key: string, value: YamlValue, options: InsertOptions): OffsetEdit[] | undefined {
    return this.insertEntries(map, { [key]: value }, options);
  }

  private insertEntries(map: YAMLMap, entries: { [key: string]: YamlValue }, options: InsertOptions): OffsetEdit[] | undefined {
    if (map.flow) {
      const flow = Object.entries(entries)
        .map(([k, v]) => `${scalarText(k)}: ${renderFlow(v)}`)
        .join(', ');
      return this.insertIntoFlow(map, flow);
    }
    const first = map.items[0];
    if (!first || !isScalar(first.key) || !first.key.range) return undefined;
    const column = columnOf(this.text, first.key.range[0]);
    const rendered = renderEntries(entries, column, this.style);
    // Before whichever of the listed keys comes first in the map (initContainers may precede containers).
    const anchor = map.items.find(
      (p) =>
        isScalar(p.key) &&
        options.before?.includes(String(p.key.value)) &&
        p.key.range &&
        this.text.slice(this.lineStart(p.key.range[0]), p.key.range[0]).trim() === '',
    ) as { key: { range: [number, number, number] } } | undefined;
    if (anchor) {
      const at = this.startAboveComments(this.lineStart(anchor.key.range[0]), column);
      return [{ start: at, end: at, newText: ' '.repeat(column) + rendered + this.style.eol }];
    }
    const at = this.lineEnd(this.lastContent(map));
    return [{ start: at, end: at, newText: this.style.eol + ' '.repeat(column) + rendered }];
  }

  private replaceValue(map: YAMLMap, key: string, value: YamlValue): OffsetEdit[] | undefined {
    const pair = pairOf(map, key);
    if (!pair?.key.range) return undefined;
    const current = pair.value as Node | null;
    const isBlockValue = typeof value === 'object' && !(value instanceof Commented);
    if (!isBlockValue) {
      if (current && isScalar(current) && current.range && current.range[1] > current.range[0]) {
        if (value instanceof Commented) return undefined;
        return this.replaceScalar(current, value);
      }
      if (!isNullish(current)) return undefined;
    } else if (!isNullish(current)) {
      return undefined;
    }
    // Null value (`key:` or `key: ~`): rewrite from after the colon to the end of the value.
    const colon = this.text.indexOf(':', pair.key.range[1]);
    if (colon === -1) return undefined;
    const end = current?.range && current.range[1] > current.range[0] ? current.range[1] : colon + 1;
    const column = map.flow ? 0 : columnOf(this.text, pair.key.range[0]);
    if (map.flow) return [{ start: colon + 1, end, newText: ` ${renderFlow(value)}` }];
    const rendered = renderPair(key, value, column, this.style);
    return [{ start: colon + 1, end, newText: rendered.slice(rendered.indexOf(':') + 1) }];
  }

  private insertIntoFlow(node: YAMLMap | YAMLSeq, itemText: string): OffsetEdit[] | undefined {
    if (!node.range) return undefined;
    const close = node.range[1] - 1;
    if (!'}]'.includes(this.text[close] ?? '')) return undefined;
    let before = close - 1;
    while (before > node.range[0] && /\s/.test(this.text[before])) before--;
    const empty = node.items.length === 0;
    // `[X, ]`: the item goes after the trailing comma and takes the place of the blank before `]`.
    if (!empty && this.text[before] === ',') return [{ start: before + 1, end: close, newText: ` ${itemText}` }];
    return [{ start: before + 1, end: before + 1, newText: empty ? itemText : `, ${itemText}` }];
  }

  private removeFromFlow(node: YAMLMap | YAMLSeq, index: number): OffsetEdit[] | undefined {
    const spans = node.items.map((item) => {
      const n = (isMap(node) ? (item as { key: Node }).key : item) as Node;
      const v = (isMap(node) ? (item as { value: Node | null }).value : item) as Node | null;
      return [n.range?.[0] ?? -1, (v ?? n).range?.[1] ?? -1] as const;
    });
    const [start, end] = spans[index];
    if (start < 0 || end < 0) return undefined;
    if (index + 1 < spans.length) return [{ start, end: spans[index + 1][0], newText: '' }];
    if (index > 0) return [{ start: spans[index - 1][1], end, newText: '' }];
    return [{ start, end, newText: '' }];
  }

  /** Deletes whole lines from `lineStart` through the line holding `lastContent`, keeping a trailing comment. */
  private removeLines(lineStart: number, lastContent: number): OffsetEdit[] {
    const end = this.lineEnd(lastContent);
    const next = this.text.indexOf('\n', end);
    const comments = this.commentsIn(lineStart, end);
    const indent = this.text.slice(lineStart, lineStart + (this.text.slice(lineStart).search(/\S/) || 0));
    const keep = comments.map((c) => indent + c + this.style.eol).join('');
    return [{ start: lineStart, end: next === -1 ? this.text.length : next + 1, newText: keep }];
  }

  private commentsIn(start: number, end: number): string[] {
    const out: string[] = [];
    for (const line of this.text.slice(start, end).split(/\r?\n/)) {
      const match = /(^|\s)(#.*)$/.exec(line);
      if (match && !inQuotes(line, match.index)) out.push(match[2].trimEnd());
    }
    return out;
  }

  private hasComment(start: number, end: number): boolean {
    return this.commentsIn(start, end).length > 0;
  }
}

function nest(path: string[], value: YamlValue): YamlValue {
  return path.reduceRight<YamlValue>((inner, key) => ({ [key]: inner }), value);
}

function inQuotes(line: string, index: number): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < index; i++) {
    if (line[i] === "'" && !double) single = !single;
    else if (line[i] === '"' && !single && line[i - 1] !== '\\') double = !double;
  }
  return single || double;
}

export { Commented, renderEntries };
