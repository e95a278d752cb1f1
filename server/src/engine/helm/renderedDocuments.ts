// The rendered manifests of one template as YAML documents, parsed once when a fix first asks: where an edit lands in
// them, and which collections around it the values files printed.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { OffsetEdit } from '../types';
import { columnOf } from '../yaml/style';
import type { Segment } from './template/sourcemap';
import { segmentAt } from './template/sourcemap';
import { PrintedSources } from './printedSources';

export const YAML_OPTIONS = { version: '1.1', uniqueKeys: false } as const;

export type Path = Array<string | number>;

// A values edit re-renders the templates that read it; the others' output is the same text, parsed once. Read only.
const parsed = new Map<string, Document.Parsed[]>();
const MAX_PARSED = 256;

function parsedDocuments(text: string): Document.Parsed[] {
  let docs = parsed.get(text);
  if (!docs) {
    docs = parseAllDocuments(text, YAML_OPTIONS);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(text, docs);
  }
  return docs;
}

/** The rendered documents of one template, parsed once when a fix first asks. */
export class RenderedDocuments {
  private docs?: Document.Parsed[];
  private printing?: boolean;
  private prints?: PrintedSources;

  constructor(
    readonly text: string,
    /** Offset in `text` -> offset in the rendered output the segments describe. */
    readonly toRendered: (offset: number) => number,
    readonly segments: Segment[],
  ) {}

  /** A rendered text's documents as JSON, parsed as `documents` are. */
  static json(text: string): unknown[] {
    return parseAllDocuments(text, YAML_OPTIONS).map((d) => d.toJSON() as unknown);
  }

  get documents(): Document.Parsed[] {
    this.docs ??= parsedDocuments(this.text);
    return this.docs;
  }

  /** Whether any map key, `{}` or `[]` of the output was printed from a values file. */
  get printsValues(): boolean {
    this.printing ??= this.segments.some((s) => s.source.kind === 'key' || (s.source.kind === 'value' && s.end - s.start === 2));
    return this.printing;
  }

  /**
   * The block map that lines inserted at `offset` with `indent` leading spaces join: the innermost one around the
   * offset whose keys sit at that column, or undefined.
   */
  mapJoinedAt(offset: number, indent: number): YAMLMap | undefined {
    const doc = this.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]);
    if (!doc) return undefined;
    const edit = [{ start: offset, end: offset, newText: '' }];
    for (const { node } of enclosingCollections(doc.contents, edit).reverse()) {
      const first = isMap(node) && !node.flow ? (node.items[0]?.key as Node | undefined) : undefined;
      if (first?.range && columnOf(this.text, first.range[0]) === indent) return node as YAMLMap;
    }
    return undefined;
  }

  /** This output's segments by the source text they print. */
  get printed(): PrintedSources {
    this.prints ??= new PrintedSources([{ path: '', output: { segments: this.segments } }]);
    return this.prints;
  }

  segmentAt(offset: number): Segment | undefined {
    return segmentAt(this.segments, this.toRendered(offset));
  }
}

/** Collections from the root down whose range holds every edit (an insert at a collection's end counts), each with the
 * key of the map entry holding it (none for the root and for list items). */
export function enclosingCollections(root: Node | null, edits: readonly OffsetEdit[]): Array<{ node: Node; path: Path; key?: Node }> {
  const chain: Array<{ node: Node; path: Path; key?: Node }> = [];
  const holds = (node: Node) => edits.every((e) => node.range && node.range[0] <= e.start && e.end <= node.range[1]);
  const first = Math.min(...edits.map((e) => e.start));
  let node = root;
  let key: Node | undefined;
  const path: Path = [];
  while (node && (isMap(node) || isSeq(node)) && holds(node)) {
    chain.push({ node, path: [...path], key });
    let next: Node | null = null;
    key = undefined;
    if (isMap(node)) {
      const holding = (pair: Pair | undefined) => {
        const value = pair?.value as Node | null | undefined;
        return pair && isScalar(pair.key) && value && (isMap(value) || isSeq(value)) && holds(value) ? pair : undefined;
      };
      // Entries are in text order and do not overlap: the one holding the edits is the last that starts before them
      // (the scan is for odd trees, where it is not).
      const pair = holding(node.items[lastStartingBy(node.items, (p) => (p.key as Node | null)?.range?.[0], first)]) ?? node.items.find((p) => holding(p));
      if (pair) {
        path.push(String((pair.key as { value: unknown }).value));
        next = pair.value as Node;
        key = pair.key as Node;
      }
    } else {
      const holding = (item: unknown) => (isMap(item) || isSeq(item)) && holds(item);
      const guess = lastStartingBy(node.items, (item) => (item as Node | null)?.range?.[0], first);
      const index = holding(node.items[guess]) ? guess : node.items.findIndex(holding);
      if (index >= 0) {
        path.push(index);
        next = node.items[index] as Node;
      }
    }
    node = next;
  }
  return chain;
}

/** Index of the last item whose start (`startOf`) is at or before `offset`, by bisection; -1 when none. */
function lastStartingBy<T>(items: readonly T[], startOf: (item: T) => number | undefined, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const start = startOf(items[mid]);
    if (start !== undefined && start <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
