// Detects how a document is written (line ending, indentation width, indented or flush block sequences)
// so that inserted text looks as if the same person wrote it.
import { isMap, isPair, isScalar, isSeq, visit, type Document } from 'yaml';
import { detectEol } from '../text';

export interface YamlStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level of block maps. */
  indent: number;
  /** Column offset of a block sequence's `-` from its parent key (0 = flush, `key:\n- a`). */
  seqIndent: number;
  /** Columns from a `-` to its item's content (`- a` = 2, `-   a` = 4). */
  dashPad: number;
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

const knownStyles = new WeakMap<Document.Parsed, YamlStyle>();

/** Records the style of a document written by the engine (kustomize's built objects): no need to detect it. */
export function rememberStyle(doc: Document.Parsed, style: YamlStyle): void {
  knownStyles.set(doc, style);
}

export function detectStyle(text: string, doc: Document.Parsed): YamlStyle {
  const known = knownStyles.get(doc);
  if (known) return known;
  const indents = new Map<number, number>();
  const seqIndents = new Map<number, number>();
  const dashPads = new Map<number, number>();
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return;
      const keyCol = columnOf(text, pair.key.range[0]);
      const value = pair.value;
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const first = value.items[0].key;
        if (isScalar(first) && first.range) {
          const delta = columnOf(text, first.range[0]) - keyCol;
          if (delta > 0) indents.set(delta, (indents.get(delta) ?? 0) + 1);
        }
      } else if (isSeq(value) && !value.flow && value.range) {
        const dash = columnOf(text, value.range[0]);
        const delta = dash - keyCol;
        if (delta >= 0) seqIndents.set(delta, (seqIndents.get(delta) ?? 0) + 1);
        const first = value.items[0] as { range?: [number, number, number] } | undefined;
        if (first?.range && text[value.range[0]] === '-') {
          const pad = columnOf(text, first.range[0]) - dash;
          if (pad >= 2 && pad <= 8) dashPads.set(pad, (dashPads.get(pad) ?? 0) + 1);
        }
      }
    },
  });
  const indent = mostCommon(indents) ?? 2;
  return { eol: detectEol(text), indent, seqIndent: mostCommon(seqIndents) ?? indent, dashPad: mostCommon(dashPads) ?? 2 };
}

function mostCommon(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
