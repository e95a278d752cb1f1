// Most keystrokes in a base change one value (an image tag, a quoted annotation), and every overlay's build reads
// the file again: parsing it with positions costs ~1.4 ms per keystroke for a 40-line Deployment, and more while
// the YAML parser is still being compiled. An edit that stays inside one scalar of simple characters is applied to
// the previous parse instead: the scalar is read again on its own and every position after it moves. Anything else
// (a key, a quote, a space in a plain scalar, a new line, the first character of a value, a file with an anchor,
// alias, tag or merge key) gives undefined, and the caller parses the file again.
import { parseDocument } from 'yaml';
import { minimalEdit } from '../text';
import { SIMPLE_PLAIN_SCALAR } from '../yaml/simple-scalar';
import { withOctal, type KNode, type KPair, type KScalar, type Origin, type ParsedDocument, type Scalar } from './tree';

const QUOTED_CONTENT = /^[A-Za-z0-9._/ -]*$/;
/** Anchors and aliases copy a node elsewhere, merge keys a map's entries, tags change how a scalar reads. */
const INDIRECTION = /[&*!]|<</;
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

interface Edit {
  start: number;
  /** End of the replaced text, in the old text. */
  end: number;
  delta: number;
}

/** `after`'s documents from `before`'s, when the edit lies inside one simple scalar; else undefined. */
export function reparseScalarEdit(before: string, documents: readonly ParsedDocument[], after: string): ParsedDocument[] | undefined {
  if (documents.some((d) => d.error) || INDIRECTION.test(before)) return undefined;
  const change = minimalEdit(before, after);
  if (!change) return undefined;
  const edit: Edit = { start: change.start, end: change.end, delta: change.newText.length - (change.end - change.start) };
  const target = scalarAt(documents, edit);
  if (!target?.origin) return undefined;
  const { origin } = target;
  const value = valueOf(before.slice(origin.start, origin.end), after.slice(origin.start, origin.end + edit.delta), target.value);
  if (value === undefined) return undefined;
  const move = (o: Origin | undefined): Origin | undefined => {
    if (!o || (o.end < edit.end && o.start < edit.end)) return o;
    return { file: o.file, start: o.start >= edit.end ? o.start + edit.delta : o.start, end: o.end + edit.delta };
  };
  const copy = (node: KNode): KNode => {
    if (node === target) return { type: 'scalar', value: value.value, origin: move(node.origin) };
    // Wholly before the edit: shared, as the cache's trees are (builds clone what they change).
    if (node.origin && node.origin.end < edit.end) return node;
    if (node.type === 'scalar') return { type: 'scalar', value: node.value, origin: move(node.origin) };
    if (node.type === 'seq') return { type: 'seq', items: node.items.map(copy), origin: move(node.origin) };
    return {
      type: 'map',
      items: node.items.map((p): KPair => ({ key: p.key, keyOrigin: move(p.keyOrigin), value: copy(p.value) })),
      origin: move(node.origin),
    };
  };
  return documents.map((d) => (d.node ? { node: copy(d.node) } : d));
}

/** The scalar that holds the whole edit, after its first character; undefined when the edit touches a key. */
function scalarAt(documents: readonly ParsedDocument[], edit: Edit): KScalar | undefined {
  const stack: KNode[] = documents.flatMap((d) => (d.node ? [d.node] : []));
  while (stack.length > 0) {
    const node = stack.pop()!;
    const origin = node.origin;
    if (origin && (origin.end < edit.start || origin.start > edit.end)) continue;
    if (node.type === 'scalar') {
      if (origin && origin.start < edit.start && edit.end <= origin.end) return node;
      continue;
    }
    if (node.type === 'seq') stack.push(...node.items);
    else
      for (const pair of node.items) {
        const key = pair.keyOrigin;
        if (key && key.end >= edit.start && key.start <= edit.end) return undefined;
        stack.push(pair.value);
      }
  }
  return undefined;
}

/** The new value, when both the old and the new text are simple scalars of one style and the old reads as `was`. */
function valueOf(oldText: string, newText: string, was: Scalar): { value: Scalar } | undefined {
  const quote = oldText[0];
  if (quote === '"' || quote === "'") {
    const inner = (text: string) => (text.length >= 2 && text[0] === quote && text[text.length - 1] === quote ? text.slice(1, -1) : undefined);
    const oldInner = inner(oldText);
    const newInner = inner(newText);
    if (oldInner === undefined || newInner === undefined || !QUOTED_CONTENT.test(oldInner) || !QUOTED_CONTENT.test(newInner)) return undefined;
    return oldInner === was ? { value: newInner } : undefined;
  }
  if (!SIMPLE_PLAIN_SCALAR.test(oldText) || !SIMPLE_PLAIN_SCALAR.test(newText) || plainValue(oldText) !== was) return undefined;
  const value = plainValue(newText);
  return value === undefined ? undefined : { value };
}

/** A plain scalar as the whole file would read it (`true`, `0x1F`, `1.0`, `null` …), read on its own. */
function plainValue(text: string): Scalar | undefined {
  const doc = parseDocument(`v: ${text}\n`, PARSE_OPTIONS);
  if (doc.errors.length > 0) return undefined;
  const value: unknown = (doc.toJS() as Record<string, unknown> | null)?.v;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? withOctal(value, text) : undefined;
}
