// Moves a `key: value` pair (with its children and comments) from one block map to another, re-indenting
// it for its new place. Used by k8s/misplaced-field. Like YamlEditor, it never re-serialises: the pair's
// own text travels, and every method returns `undefined` when it cannot edit safely.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { K8sContext } from './context';
import type { OffsetEdit } from '../types';
import { isNullish, pairOf } from '../yaml/nodes';
import { YamlGeometry } from '../yaml/geometry';
import { columnOf, type YamlStyle } from '../yaml/style';

export interface MoveTarget {
  /** An existing block map to start from. */
  map: YAMLMap;
  /** Keys from `map` down to the map that receives the pair; missing ones are created, null ones become maps. */
  path: string[];
  /** Insertion in `map` itself goes before the first of these keys (in the map's order) that sits on its own line. */
  before?: string[];
}

export interface MoveSource {
  map: YAMLMap;
  key: string;
  /** When the pair is the map's only entry, remove this parent pair as well (e.g. a now-empty `securityContext`). */
  parent?: { map: YAMLMap; key: string };
}

/** Edits that remove `source` and insert it (a copy per target) under every target; undefined when unsafe. */
export function movePair(context: K8sContext, source: MoveSource, targets: MoveTarget[]): OffsetEdit[] | undefined {
  const mover = new Mover(context.text, context.editor.style);
  return mover.move(source, targets);
}

class Mover extends YamlGeometry {
  constructor(
    text: string,
    private readonly style: YamlStyle,
  ) {
    super(text);
  }

  move(source: MoveSource, targets: MoveTarget[]): OffsetEdit[] | undefined {
    if (targets.length === 0 || source.map.flow) return undefined;
    const pair = pairOf(source.map, source.key);
    if (!pair?.key.range) return undefined;
    const keyStart = pair.key.range[0];
    if (!this.onOwnLine(keyStart)) return undefined;
    const lastContent = this.lastContentOfPair(pair);
    const pairEnd = this.lineEnd(lastContent);
    const lines = this.text.slice(keyStart, pairEnd).split(/\r?\n/);
    const keyColumn = columnOf(this.text, keyStart);
    const value = pair.value as Node | null;

    let removeStart = this.lineStart(keyStart);
    const parentPair = source.parent && pairOf(source.parent.map, source.parent.key);
    if (source.map.items.length === 1 && parentPair?.key.range && !source.parent!.map.flow) {
      const parentStart = this.lineStart(parentPair.key.range[0]);
      if (this.onOwnLine(parentPair.key.range[0]) && !this.text.slice(parentStart, removeStart).includes('#')) removeStart = parentStart;
    }
    const next = this.text.indexOf('\n', pairEnd);
    const removeEnd = next === -1 ? this.text.length : next + 1;
    const render = (column: number): string | undefined => this.reindent(lines, keyColumn, column, value);

    const [only] = targets;
    if (targets.length === 1 && only.map === source.map && only.path.length > 0 && !pairOf(source.map, only.path[0])) {
      // Wrapping in place (`preStop:` -> `lifecycle:\n  preStop:`): the new parent takes the pair's own lines.
      const body = this.nested(only.path, keyColumn, render);
      if (body === undefined) return undefined;
      const start = this.lineStart(keyStart);
      return [{ start, end: removeEnd, newText: ' '.repeat(keyColumn) + body + (next === -1 ? '' : this.style.eol) }];
    }
    const edits: OffsetEdit[] = [{ start: removeStart, end: removeEnd, newText: '' }];
    for (const target of targets) {
      const edit = this.insertion(target, source.key, render);
      if (!edit) return undefined;
      edits.push(edit);
    }
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return undefined;
    return edits;
  }

  private insertion(target: MoveTarget, key: string, render: (column: number) => string | undefined): OffsetEdit | undefined {
    const eol = this.style.eol;
    let map = target.map;
    for (let i = 0; i <= target.path.length; i++) {
      if (map.flow) return undefined;
      const column = this.firstKeyColumn(map);
      if (column === undefined) return undefined;
      const rest = target.path.slice(i);
      if (rest.length === 0) {
        if (pairOf(map, key)) return undefined;
        const body = render(column);
        return body === undefined ? undefined : this.insertInto(map, column, body, i === 0 ? target.before : undefined);
      }
      const pair = pairOf(map, rest[0]);
      if (!pair) {
        const body = this.nested(rest, column, render);
        return body === undefined ? undefined : this.insertInto(map, column, body, i === 0 ? target.before : undefined);
      }
      const child = pair.value as Node | null;
      if (isNullish(child)) {
        // `lifecycle:` (null) becomes a map: keep a trailing comment on the key's line, add the entries below.
        if (!pair.key.range || !this.onOwnLine(pair.key.range[0])) return undefined;
        const keyColumn = columnOf(this.text, pair.key.range[0]);
        const colon = this.text.indexOf(':', pair.key.range[1]);
        if (colon === -1) return undefined;
        const end = this.lineEnd(colon);
        if (child && child.range && child.range[1] > end) return undefined;
        let tail = this.text.slice(colon + 1, end).trimEnd();
        if (child && child.range && child.range[1] > child.range[0]) {
          // `key: ~` / `key: null`: the token goes, a comment after it stays.
          const after = this.text.slice(child.range[1], end).trim();
          tail = after ? ` ${after}` : '';
        }
        if (tail.trim() === '') tail = '';
        if (tail && !tail.trimStart().startsWith('#')) return undefined;
        const inner = keyColumn + this.style.indent;
        const body = this.nested(rest.slice(1), inner, render);
        if (body === undefined) return undefined;
        return { start: colon + 1, end, newText: tail + eol + ' '.repeat(inner) + body };
      }
      if (!isMap(child) || child.items.length === 0) return undefined;
      map = child;
    }
    return undefined;
  }

  /** `a:\n  b:\n    <pair>` at `column`, first line without indentation. */
  private nested(path: string[], column: number, render: (column: number) => string | undefined): string | undefined {
    let out = '';
    let at = column;
    for (const key of path) {
      out += (out ? ' '.repeat(at) : '') + `${key}:` + this.style.eol;
      at += this.style.indent;
    }
    const body = render(at);
    if (body === undefined) return undefined;
    return out + (out ? ' '.repeat(at) : '') + body;
  }

  private insertInto(map: YAMLMap, column: number, body: string, before: string[] | undefined): OffsetEdit {
    const anchor = before
      ? map.items.find((p) => isScalar(p.key) && before.includes(String(p.key.value)) && p.key.range && this.onOwnLine(p.key.range[0]))
      : undefined;
    if (anchor) {
      const at = this.startAboveComments(this.lineStart((anchor.key as Node).range![0]), column);
      return { start: at, end: at, newText: ' '.repeat(column) + body + this.style.eol };
    }
    const at = this.lineEnd(this.lastContent(map));
    return { start: at, end: at, newText: this.style.eol + ' '.repeat(column) + body };
  }

  /**
   * The pair's lines for `column`: the key line as is, child lines shifted so that the first level of a map
   * or sequence sits at the document's usual offset below the key (the rest keeps its relative indentation).
   */
  private reindent(lines: string[], oldColumn: number, column: number, value: Node | null): string | undefined {
    let delta = column - oldColumn;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      const first = value.items[0].key as Node | null;
      if (first?.range) delta = column + this.style.indent - columnOf(this.text, first.range[0]);
    } else if (isSeq(value) && !value.flow && value.range) {
      delta = column + this.style.seqIndent - columnOf(this.text, value.range[0]);
    }
    const out = [lines[0]];
    for (const line of lines.slice(1)) {
      if (line.trim() === '') {
        out.push('');
        continue;
      }
      const indent = line.length - line.trimStart().length;
      if (delta >= 0) out.push(' '.repeat(delta) + line);
      else if (indent >= -delta) out.push(line.slice(-delta));
      else if (line.trimStart().startsWith('#')) out.push(line.trimStart());
      else return undefined;
    }
    return out.join(this.style.eol);
  }

  private firstKeyColumn(map: YAMLMap): number | undefined {
    const first = map.items[0]?.key as Node | null | undefined;
    return first?.range ? columnOf(this.text, first.range[0]) : undefined;
  }
}
