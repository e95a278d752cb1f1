// Typing in a values file mostly changes one plain scalar (`replicaCount: 2` -> `3`, an image tag). Parsing the
// whole file with positions costs milliseconds per keystroke on a large one; an edit that stays inside one
// plain scalar of simple characters is applied to the previous parse instead: the new scalar is read on its
// own and every recorded position after it moves. Anything else (a key, a quote, a space, a line, a file with
// an anchor, alias, tag or merge key) returns undefined and the caller parses the file again.
import { valueOrigins } from './template/exec';
import type { SourceRange } from './template/sourcemap';
import { isPlainParse, markPlainParse, parseValuesYaml, type ParsedValues } from './yamlValues';
import { valuesEditOf, type ValuesEdit } from './reuse';
import { SIMPLE_PLAIN_SCALAR } from '../yaml/simple-scalar';

/** Characters a plain scalar may be made of here: no indicator, quote, space or comment can appear. */
const SIMPLE = /^[A-Za-z0-9._/-]*$/;

type Origins = Map<string, { key?: SourceRange; value: SourceRange }>;

/** `after` parsed from `before`'s parse, when the edit lies inside one simple plain scalar; else undefined. */
export function reparseScalarEdit(before: string, parsed: ParsedValues, after: string, file: string): ParsedValues | undefined {
  // Anchors and aliases copy a node to other places, merge keys a map's entries; a tag changes how a scalar reads.
  if (!isPlainParse(parsed) || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
  const edit = valuesEditOf(before, after, file);
  const removed = before.slice(edit.start, edit.oldEnd);
  const inserted = after.slice(edit.start, edit.oldEnd + edit.delta);
  if (!SIMPLE.test(removed) || !SIMPLE.test(inserted)) return undefined;
  const target = scalarAt(parsed.value, edit);
  if (!target) return undefined;
  const oldText = before.slice(target.origin.start, target.origin.end);
  const newText = after.slice(target.origin.start, target.origin.end + edit.delta);
  if (!SIMPLE_PLAIN_SCALAR.test(oldText) || !SIMPLE_PLAIN_SCALAR.test(newText)) return undefined;
  // The scalar read on its own, as the whole file would read it (YAML 1.1: yes, 0x1F, 1e3, ~ ...).
  const alone = parseValuesYaml(`v: ${newText}\n`, file);
  const value = (alone.value as Record<string, unknown> | undefined)?.v;
  if (alone.error || (typeof value === 'object' && value !== null)) return undefined;
  return markPlainParse({ value: copyWithEdit(parsed.value, edit, target, value) });
}

interface Target {
  container: object;
  key: string;
  origin: SourceRange;
}

/** The plain scalar whose value range holds the whole edit (inclusive of its ends), if any. */
function scalarAt(root: object, edit: ValuesEdit): Target | undefined {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const container = stack.pop()!;
    const origins = valueOrigins.get(container);
    for (const [key, entry] of origins ?? []) {
      const child = (container as Record<string, unknown>)[key];
      const { value: origin } = entry;
      if (origin.file !== edit.file || origin.end < edit.start || origin.start > edit.oldEnd) continue;
      if (entry.key && entry.key.end >= edit.start && entry.key.start <= edit.oldEnd) return undefined; // in a key
      if (typeof child === 'object' && child !== null) stack.push(child);
      else if (origin.start <= edit.start && edit.oldEnd <= origin.end) return { container, key, origin };
    }
  }
  return undefined;
}

/** A copy of the values with `target` set to `value` and every position after the edit moved. */
function copyWithEdit(root: object, edit: ValuesEdit, target: Target, value: unknown): unknown {
  const move = (range: SourceRange): SourceRange => {
    if (range.file !== edit.file) return range;
    if (range === target.origin) return { ...range, end: range.end + edit.delta };
    const start = range.start >= edit.oldEnd ? range.start + edit.delta : range.start;
    const end = range.end >= edit.oldEnd ? range.end + edit.delta : range.end;
    return start === range.start && end === range.end ? range : { ...range, start, end };
  };
  const copy = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const out: object = Array.isArray(node) ? node.map(copy) : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)]));
    if (node === target.container) (out as Record<string, unknown>)[target.key] = value;
    const origins = valueOrigins.get(node);
    if (origins) {
      const moved: Origins = new Map();
      for (const [key, entry] of origins) moved.set(key, { ...entry, ...(entry.key && { key: move(entry.key) }), value: move(entry.value) });
      valueOrigins.set(out, moved);
    }
    return out;
  };
  return copy(root);
}
