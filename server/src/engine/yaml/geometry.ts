// Where things are in a YAML document's text: line bounds, the last character a node really occupies
// (not trailing blank lines or comments), and whether a key starts its line. Shared by the editors.
import { isMap, isSeq, type Node } from 'yaml';
import { columnOf } from './style';

export class YamlGeometry {
  constructor(readonly text: string) {}

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** End of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline === -1) return this.text.length;
    return this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** Nothing but indentation before `offset` on its line. */
  onOwnLine(offset: number): boolean {
    return this.text.slice(this.lineStart(offset), offset).trim() === '';
  }

  /** Offset of the last character of a node's own content. */
  lastContent(node: Node): number {
    if (isMap(node) && !node.flow && node.items.length > 0) return this.lastContentOfPair(node.items[node.items.length - 1]);
    if (isSeq(node) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1] as Node | null;
      if (last?.range) return this.lastContent(last);
    }
    const [start, end] = node.range ?? [0, 0];
    let at = end - 1;
    while (at > start && /\s/.test(this.text[at])) at--;
    return Math.max(at, start);
  }

  lastContentOfPair(pair: { key: unknown; value: unknown }): number {
    const value = pair.value as Node | null;
    if (value && value.range && value.range[1] > value.range[0]) return this.lastContent(value);
    const keyEnd = (pair.key as Node).range?.[1] ?? 0;
    const colon = this.text.indexOf(':', keyEnd);
    return colon === -1 ? keyEnd : colon;
  }

  /** Moves an insertion point above comment lines that sit right above a key at the same column. */
  startAboveComments(lineStart: number, column: number): number {
    let at = lineStart;
    while (at > 0) {
      const prevStart = this.lineStart(at - 1);
      const line = this.text.slice(prevStart, at).replace(/\r?\n$/, '');
      if (!line.trimStart().startsWith('#') || columnOf(line, line.search(/\S/)) !== column) break;
      at = prevStart;
    }
    return at;
  }
}
