// Charts keep their knobs in values.yaml: `securityContext: {}` printed by `{{ toYaml .Values.securityContext | nindent
// 12 }}` (helm create's layout). A fix that fills such a node of the rendered manifest belongs in values.yaml, where
// the chart's owner sets it: the same change written into the values node the template printed whole.
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { applyOffsetEdits, minimalEdit } from '../text';
import type { OffsetEdit } from '../types';
import { YamlEditor } from '../yaml/edit';
import { YamlGeometry } from '../yaml/geometry';
import { detectStyle, rememberStyle } from '../yaml/style';
import { isNullish } from '../yaml/nodes';
import { valueOrigins } from './template/exec';
import { deepEqual, isMap as isValuesMap } from './template/values';
import { renderPair, type YamlValue } from '../yaml/render';
import type { SourceRange } from './template/sourcemap';
import { enclosingCollections, RenderedDocuments, YAML_OPTIONS, type Path } from './renderedDocuments';

/** A fix of the rendered manifest moved to the values node it fills. */
export interface ValuesKnobFix {
  /** The values node the template printed whole. */
  node: SourceRange;
  /** Where the node is in the values (`['securityContext']`), and its value after the fix. */
  path: string[];
  value: unknown;
  /** The `key: value` the finding is reported on, offsets in the values file. */
  pair: { start: number; end: number };
  edit: OffsetEdit;
}

/** Rewrites of a values node stop after this many steps (one key added or value replaced each). */
const MAX_STEPS = 32;

/**
 * The fix `edits` (offsets in the rendered text) as one edit of the values file, when they change only a node the
 * template printed whole from that file, and the node's new value can be written there key by key.
 */
export function valuesKnobFix(
  rendered: RenderedDocuments,
  edits: readonly OffsetEdit[],
  valuesText: (file: string) => string | undefined,
  /** A values file's values as Helm read it, with their origins (`valueOrigins`). */
  valuesOf: (file: string) => Record<string, unknown> | undefined,
  template: string | undefined,
  rerender: Rerender,
): ValuesKnobFix | undefined {
  if (edits.length === 0) return undefined;
  // What is cheap first: a values node printed whole around the edits, or a `with` block writing a key they insert.
  const printed = rendered.printsValues ? printedValuesAround(rendered, edits) : [];
  for (const { node, key, source } of printed) {
    // A values file from outside the chart (`--values prod.yaml`) is the deployer's, and not linted here.
    if (/^(?:\/|[A-Za-z]:)/.test(source.file)) return undefined;
    const entry = valuesOf(source.file) && valuesEntries(valuesOf(source.file)!).get(`${source.kind}:${source.start}`);
    if (!entry || !deepEqual(entry.value, node.toJSON()) || !printedOnlyThere(rendered, source.file, entry.range, node)) continue;
    const text = valuesText(source.file);
    if (text === undefined) return undefined;
    const written = writtenValue(rendered.text, key, node, edits, text, entry);
    if (written === 'elsewhere') continue;
    if (!written) return undefined;
    return {
      node: { kind: 'value', file: source.file, start: entry.range.start, end: entry.range.end },
      path: entry.path,
      value: written.value,
      pair: { start: entry.key.start, end: entry.range.end },
      edit: written.edit,
    };
  }
  const blocks = template === undefined ? [] : withBlocksWriting(template, edits);
  if (blocks.length === 0) return undefined;
  const docs = rendered.documents;
  const at = docs.findIndex((d) => d.range[0] <= edits[0].start && edits[0].start <= d.range[2]);
  const doc = docs[at];
  if (!doc || doc.errors.length > 0) return undefined;
  let after: string;
  try {
    after = applyOffsetEdits(rendered.text, edits);
  } catch {
    return undefined;
  }
  const afterDocs = parseAllDocuments(after, YAML_OPTIONS) as Document.Parsed[];
  const afterDoc = afterDocs[at];
  if (afterDocs.length !== docs.length || !afterDoc || afterDoc.errors.length > 0) return undefined;
  const expected = afterDocs.map((d) => d.toJSON() as unknown);
  // What the block prints is read from the template's text: the template rendered again with the value must give
  // what the fix writes, no more.
  const rendersAsFixed = (file: string, path: Path, value: unknown) => deepEqual(rerender(file, path as string[], value), expected);
  return withBlockKnob(doc, afterDoc, blocks, edits, valuesText, rendersAsFixed);
}

// Each lint maps every finding of the chart again, and a values edit leaves most templates' output as it was: what a
// fix writes into a values node is kept by the node's rendered lines, the fix there and the node's values lines (not
// by the whole rendered text, which each lookup would hash and compare).
const written = new Map<string, { value: unknown; edit: OffsetEdit } | 'elsewhere' | undefined>();
const MAX_WRITTEN = 2048;

/**
 * The fix as a new value of the values node and its edit of the values file: 'elsewhere' when the edits change more
 * than the node, undefined when the values file cannot be written so.
 */
function writtenValue(
  text: string,
  key: Node | undefined,
  node: Node,
  edits: readonly OffsetEdit[],
  valuesText: string,
  entry: ValuesEntry,
): { value: unknown; edit: OffsetEdit } | 'elsewhere' | undefined {
  // The node's own lines in the rendered text: an edit outside them changes more than the node.
  if (!key?.range || !node.range || !isScalar(key)) return 'elsewhere';
  const rendered = new YamlGeometry(text);
  const own = rendered.lineStart(key.range[0]);
  const ownEnd = rendered.lineEnd(rendered.lastContent(node));
  if (edits.some((e) => e.start < own || e.end > ownEnd)) return 'elsewhere';
  const region = text.slice(own, ownEnd);
  const regionEdits = edits.map((e) => ({ ...e, start: e.start - own, end: e.end - own }));
  const geometry = new YamlGeometry(valuesText);
  let last = entry.range.end - 1;
  while (last > entry.range.start && /\s/.test(valuesText[last])) last--;
  const from = geometry.lineStart(entry.key.start);
  const to = geometry.lineEnd(Math.max(last, entry.key.end));
  const cacheKey = `${region}\0${JSON.stringify(regionEdits)}\0${String(key.value)}\0${valuesText.slice(from, to)}`;
  let hit = written.get(cacheKey);
  if (!written.has(cacheKey)) {
    // The node's own lines with the edits applied: they must still be that one key, with the value the fix gives it
    // (a limit added beside `requests` belongs to `resources`, not to `requests`).
    const value = editedValue(region, String(key.value), regionEdits);
    const rewritten = value === undefined ? undefined : rewriteValue(valuesText.slice(from, to), value);
    const edit = rewritten && withCommentsOf(rewritten, edits);
    hit = value === undefined ? 'elsewhere' : edit && { value, edit };
    if (written.size >= MAX_WRITTEN) written.clear();
    written.set(cacheKey, hit);
  }
  if (!hit || hit === 'elsewhere') return hit;
  return { value: hit.value, edit: { ...hit.edit, start: hit.edit.start + from, end: hit.edit.end + from } };
}

/**
 * The value of `key: …` after the edits, read from its own lines (`ownLines`, edits in their offsets) alone; undefined
 * when they no longer hold that one key (an insert at its last line that belongs to the map above it).
 */
function editedValue(ownLines: string, key: string, edits: readonly OffsetEdit[]): unknown {
  let region: string;
  try {
    region = applyOffsetEdits(ownLines, edits);
  } catch {
    return undefined;
  }
  const doc = parseDocument(region, YAML_OPTIONS);
  const map = doc.contents;
  if (doc.errors.length > 0 || !isMap(map) || map.items.length !== 1) return undefined;
  const pair = map.items[0];
  if (!isScalar(pair.key) || String(pair.key.value) !== key) return undefined;
  return (pair.value as Node | null)?.toJSON() as unknown;
}

/** Whether every print of the values node in this template's output lies inside `node` (printed once, there). */
function printedOnlyThere(rendered: RenderedDocuments, file: string, range: SourceRange, node: Node): boolean {
  const { start, end } = range;
  const from = rendered.toRendered(node.range![0]);
  const to = rendered.toRendered(node.range![1]);
  for (const print of rendered.printed.printsStartingIn(file, start, end)) if (print.output.start < from || print.output.end > to) return false;
  return true;
}

/** The collections around the edits (deepest first) that a values file's node printed whole, with where from. */
function printedValuesAround(rendered: RenderedDocuments, edits: readonly OffsetEdit[]): Array<{ node: Node; key?: Node; source: SourceRange }> {
  const doc = rendered.documents.find((d) => d.range[0] <= edits[0].start && edits[0].start <= d.range[2]);
  if (!doc) return [];
  const out: Array<{ node: Node; key?: Node; source: SourceRange }> = [];
  for (const { node, key } of enclosingCollections(doc.contents, edits).reverse()) {
    const source = valuesOrigin(rendered, node);
    if (source) out.push({ node, key, source });
  }
  return out;
}

/** A `{{ with .Values.x }}` or `{{ if .Values.x }}` block: the values path it tests and the key its body starts with. */
interface WithBlock {
  path: string[];
  key: string;
}

/**
 * The blocks of a template that write a key only when their test holds: `{{- with .Values.x }}` / `{{- if … }}` then
 * `key:`. Read once per template text (every fix of every finding asks).
 */
interface ConditionalBlocks {
  /** Keys that some `with`/`if` block writes. */
  keys: Set<string>;
  /** `with`/`if .Values.<path>` blocks and the key each writes. */
  withValues: WithBlock[];
}

// The key may end its line or print its value there (`resources: {{ toYaml .Values.job.resources | nindent 12 }}`).
const CONDITIONAL_BLOCK = /\{\{-?\s*(?:with|if)\b([^}]*)\}\}\s*([A-Za-z_][\w-]*):[ \t]*(?:#.*|\{\{.*)?\r?\n/g;
const VALUES_PATH = /^\s+\.Values((?:\.[A-Za-z_]\w*)+)\s*-?$/;
const blocksByTemplate = new Map<string, ConditionalBlocks>();
const MAX_TEMPLATES = 256;

function conditionalBlocks(template: string): ConditionalBlocks {
  let blocks = blocksByTemplate.get(template);
  if (!blocks) {
    blocks = { keys: new Set(), withValues: [] };
    for (const [, pipeline, key] of template.matchAll(CONDITIONAL_BLOCK)) {
      blocks.keys.add(key);
      // `with .Values.x` and `if .Values.x` both render nothing while x is empty: the fix's key belongs in x.
      const path = VALUES_PATH.exec(pipeline)?.[1];
      if (path) blocks.withValues.push({ path: path.slice(1).split('.'), key });
    }
    if (blocksByTemplate.size >= MAX_TEMPLATES) blocksByTemplate.clear();
    blocksByTemplate.set(template, blocks);
  }
  return blocks;
}

/** The template's `with .Values.x` blocks whose key one of the edits inserts. */
function withBlocksWriting(template: string, edits: readonly OffsetEdit[]): WithBlock[] {
  const { withValues } = conditionalBlocks(template);
  if (withValues.length === 0) return [];
  const inserted = insertedKeys(edits);
  return withValues.filter((block) => inserted.has(block.key));
}

/** Keys that start a line of the text the edits insert. */
function insertedKeys(edits: readonly { newText: string }[]): Set<string> {
  const keys = new Set<string>();
  for (const e of edits) for (const m of e.newText.matchAll(/(?:^|\n)[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*):/g)) keys.add(m[1]);
  return keys;
}

/**
 * Whether edits of a template insert a key that a `with` or `if` block of it writes when its values are set: the fix
 * then holds only while they are not, and the container gets that key twice once they are.
 */
export function insertsConditionalKey(template: string, edits: readonly { newText: string }[]): boolean {
  const { keys } = conditionalBlocks(template);
  return keys.size > 0 && [...insertedKeys(edits)].some((key) => keys.has(key));
}

/** Renders the template again with the value at `path` of one values file replaced: its documents as JSON, or undefined. */
export type Rerender = (valuesFile: string, path: string[], value: unknown) => unknown[] | undefined;

const VALUES_FILE = 'values.yaml';

/**
 * `{{- with .Values.securityContext }}` then `securityContext:` and `{{- toYaml . | nindent 12 }}`: with `{}` the block
 * renders nothing, and a fix adds the key the block would have written. That key's value belongs in the values node.
 */
function withBlockKnob(
  before: Document.Parsed,
  after: Document.Parsed,
  blocks: WithBlock[],
  edits: readonly OffsetEdit[],
  valuesText: (file: string) => string | undefined,
  rendersAsFixed: (file: string, path: Path, value: unknown) => boolean,
): ValuesKnobFix | undefined {
  if (blocks.length === 0) return undefined;
  const added = addedKey(before.toJSON(), after.toJSON(), []);
  const text = valuesText(VALUES_FILE);
  const values = text === undefined ? undefined : parsedValuesFile(text);
  if (!added || !values) return undefined;
  for (const { path, key } of blocks) {
    if (key !== added.key) continue;
    const pair = pairAt(values.doc.contents, path);
    const value = pair?.value as Node | null | undefined;
    const empty = value === null || value === undefined || isNullish(value) || ((isMap(value) || isSeq(value)) && value.items.length === 0);
    if (!pair || !empty) continue;
    const keyNode = pair.key as Node;
    const end = value?.range && value.range[1] > value.range[0] ? value.range[1] : keyNode.range![1];
    const geometry = new YamlGeometry(values.text);
    const from = geometry.lineStart(keyNode.range![0]);
    const rewritten = rewriteValue(values.text.slice(from, geometry.lineEnd(end - 1)), added.value);
    const regionEdit = rewritten && withCommentsOf(rewritten, edits);
    const edit = regionEdit && { ...regionEdit, start: regionEdit.start + from, end: regionEdit.end + from };
    if (!edit || !rendersAsFixed(VALUES_FILE, path, added.value)) continue;
    const node: SourceRange = { kind: 'value', file: VALUES_FILE, start: keyNode.range![0], end };
    return { node, path, value: added.value, pair: { start: keyNode.range![0], end }, edit };
  }
  return undefined;
}

/** The one key `after` has that `before` lacks, when that is the only difference. */
function addedKey(before: unknown, after: unknown, path: Path): { path: Path; key: string; value: unknown } | undefined {
  if (!isValuesMap(before) || !isValuesMap(after)) return undefined;
  const keys = Object.keys(after);
  if (Object.keys(before).some((k) => !(k in after))) return undefined;
  const newKeys = keys.filter((k) => !(k in before));
  if (newKeys.length === 1) {
    const key = newKeys[0];
    return deepEqual({ ...before, [key]: after[key] }, after) ? { path, key, value: after[key] } : undefined;
  }
  if (newKeys.length > 1) return undefined;
  const changed = keys.filter((k) => !deepEqual(before[k], after[k]));
  if (changed.length !== 1) return undefined;
  const key = changed[0];
  if (Array.isArray(before[key]) && Array.isArray(after[key])) {
    const b = before[key] as unknown[];
    const a = after[key] as unknown[];
    const diff = a.map((item, i) => (deepEqual(item, b[i]) ? -1 : i)).filter((i) => i >= 0);
    if (a.length !== b.length || diff.length !== 1) return undefined;
    return addedKey(b[diff[0]], a[diff[0]], [...path, key, diff[0]]);
  }
  return addedKey(before[key], after[key], [...path, key]);
}

function pairAt(root: Node | null, path: string[]): { key: unknown; value: unknown } | undefined {
  const parent = nodeAt(root, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
}

/**
 * Where a rendered collection was printed from, when a values file's node printed it whole: `{}` is one value
 * segment covering it exactly; a filled map starts with a key the values file wrote, a list with such an item.
 */
function valuesOrigin(rendered: RenderedDocuments, node: Node): SourceRange | undefined {
  if (!node.range || (!isMap(node) && !isSeq(node))) return undefined;
  const [start, end] = node.range;
  if (node.items.length === 0) {
    const seg = rendered.segmentAt(start);
    const covers = seg && seg.start === rendered.toRendered(start) && seg.end === rendered.toRendered(end);
    return covers && seg.source.kind === 'value' ? seg.source : undefined;
  }
  const first = isMap(node) ? (node.items[0].key as Node | null) : (node.items[0] as Node | null);
  if (!first?.range) return undefined;
  const source = rendered.segmentAt(first.range[0])?.source;
  return source && source.kind === (isMap(node) ? 'key' : 'value') ? source : undefined;
}

function nodeAt(root: Node | null, path: Path): Node | undefined {
  let node: Node | null | undefined = root;
  for (const step of path) {
    if (isMap(node) && typeof step === 'string') node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step)?.value as Node | null;
    else if (isSeq(node) && typeof step === 'number') node = node.items[step] as Node | null;
    else return undefined;
  }
  return node ?? undefined;
}

/** One step from the values node's value towards `target`: a key to add or a scalar to replace, at a map's path. */
type Step = { path: Path; key: string; value: unknown } | 'done' | 'impossible';

function nextStep(current: unknown, target: unknown, path: Path): Step {
  if (deepEqual(current, target)) return 'done';
  if (!isValuesMap(current) || !isValuesMap(target)) return 'impossible';
  if (Object.keys(current).some((k) => !(k in target))) return 'impossible'; // a fix that removes is not a knob's value
  for (const [key, value] of Object.entries(target)) {
    if (!(key in current)) return { path, key, value };
    const now = current[key];
    if (deepEqual(now, value)) continue;
    if (isValuesMap(now) && isValuesMap(value) && Object.keys(now).length > 0) return nextStep(now, value, [...path, key]);
    if (isScalarValue(now) && isScalarValue(value)) return { path, key, value };
    if (isValuesMap(now) && Object.keys(now).length === 0) return { path, key, value };
    return 'impossible';
  }
  return 'impossible';
}

/**
 * The lines of one values entry (`key:` and its value) with the value set to `target`, as one edit of those lines:
 * keys added the way the lines write them, a scalar replaced in place, an empty `{}` written out as a block. Comments
 * and everything else stay as written.
 */
function rewriteValue(region: string, target: unknown): OffsetEdit | undefined {
  const first = parseDocument(region, YAML_OPTIONS);
  if (first.errors.length > 0 || !isMap(first.contents) || first.contents.items.length !== 1) return undefined;
  const keyNode = first.contents.items[0].key;
  if (!isScalar(keyNode)) return undefined;
  const path = [String(keyNode.value)];
  const style = detectStyle(region, first);
  const parse = (t: string) => {
    const doc = parseDocument(t, YAML_OPTIONS);
    rememberStyle(doc, style);
    return doc;
  };
  let current = region;
  const node = nodeAt(first.contents, path);
  if ((node === undefined || isNullish(node)) && isValuesMap(target)) {
    // `key:` with no value: written out whole.
    rememberStyle(first, style);
    const edits = new YamlEditor(region, first).set(first.contents, path, target as YamlValue);
    if (!edits || edits.length === 0) return undefined;
    current = applyOffsetEdits(region, edits);
  }
  for (let step = 0; step < MAX_STEPS; step++) {
    const doc = parse(current);
    if (doc.errors.length > 0) return undefined;
    const next = nextStep(nodeAt(doc.contents, path)?.toJSON(), target, path);
    if (next === 'done') return minimalEdit(region, current);
    if (next === 'impossible') return undefined;
    const editor = new YamlEditor(current, doc);
    const parent = nodeAt(doc.contents, next.path.slice(0, -1));
    const map = nodeAt(doc.contents, next.path);
    if (!isMap(parent) || !isMap(map)) return undefined;
    const edits =
      map.items.length === 0 && map.flow
        ? fillEmpty(editor, current, parent, String(next.path[next.path.length - 1]), { [next.key]: next.value as YamlValue })
        : editor.set(map, [next.key], next.value as YamlValue);
    if (!edits || edits.length === 0) return undefined;
    current = applyOffsetEdits(current, edits);
  }
  return undefined;
}

// `memory: 128Mi  # placeholder: tune to measured usage`: a line of plain text and its trailing comment.
const COMMENTED_LINE = /^[ \t]*(?:-[ \t]+)?([^#'"\s][^#'"]*?)[ \t]+(#[^\n]*?)[ \t]*$/;

/**
 * The values edit with the comments the fix wrote on its lines (the placeholder a limit must be tuned from): a value
 * read back as data has lost them. A line of the edit gets the comment of the fix's line with the same text.
 */
function withCommentsOf(edit: OffsetEdit, fixEdits: readonly { newText: string }[]): OffsetEdit {
  const comments = new Map<string, string>();
  for (const fixEdit of fixEdits)
    for (const line of fixEdit.newText.split('\n')) {
      const m = COMMENTED_LINE.exec(line);
      if (m) comments.set(m[1], m[2]);
    }
  if (comments.size === 0) return edit;
  const lines = edit.newText.split('\n').map((line) => {
    const comment = line.includes('#') ? undefined : comments.get(line.trim().replace(/^-[ \t]+/, ''));
    return comment ? `${line}  ${comment}` : line;
  });
  return { ...edit, newText: lines.join('\n') };
}

/** A values entry as Helm read it: its path and value, where its key and value are written. */
interface ValuesEntry {
  path: string[];
  value: unknown;
  key: SourceRange;
  range: SourceRange;
}

const entriesByValues = new WeakMap<object, Map<string, ValuesEntry>>();

/**
 * The values maps and lists by the segment sources that point into them (`value:<start>` of a `{}` or a list's first
 * item, `key:<start>` of any key: toYaml writes keys sorted). Read from the values' origins: no parse of the file.
 */
function valuesEntries(values: Record<string, unknown>): Map<string, ValuesEntry> {
  let index = entriesByValues.get(values);
  if (index) return index;
  index = new Map();
  const visit = (value: unknown, path: string[], own: { key?: SourceRange; value: SourceRange } | undefined, depth: number): void => {
    if (depth > 64 || typeof value !== 'object' || value === null) return;
    const origins = valueOrigins.get(value);
    const entry = own?.key ? { path, value, key: own.key, range: own.value } : undefined;
    if (Array.isArray(value)) {
      const first = origins?.get('0')?.value;
      if (entry && (value.length === 0 || first)) index.set(`value:${value.length === 0 ? own!.value.start : first!.start}`, entry);
      return;
    }
    if (entry && Object.keys(value).length === 0) index.set(`value:${own!.value.start}`, entry);
    for (const [k, origin] of origins ?? []) {
      if (entry && origin.key) index.set(`key:${origin.key.start}`, entry);
      visit((value as Record<string, unknown>)[k], [...path, k], origin, depth + 1);
    }
  };
  visit(values, [], undefined, 0);
  entriesByValues.set(values, index);
  return index;
}

/** A values file parsed once per text (the `with` blocks read it). */
interface ParsedValuesFile {
  text: string;
  doc: Document.Parsed;
}

const parsedFiles = new Map<string, ParsedValuesFile>();
const MAX_PARSED_FILES = 8;

function parsedValuesFile(text: string): ParsedValuesFile | undefined {
  let parsed = parsedFiles.get(text);
  if (!parsed) {
    const doc = parseDocument(text, YAML_OPTIONS);
    if (parsedFiles.size >= MAX_PARSED_FILES) parsedFiles.clear();
    parsedFiles.set(text, (parsed = { text, doc }));
  }
  return parsed.doc.errors.length > 0 ? undefined : parsed;
}

/** `key: {}` -> `key:` and the entries as a block below it (what a person writes in place of the placeholder). */
function fillEmpty(editor: YamlEditor, text: string, parent: YAMLMap, key: string, value: Record<string, YamlValue>): OffsetEdit[] | undefined {
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const keyNode = pair?.key as Node | undefined;
  const empty = pair?.value as Node | undefined;
  if (!keyNode?.range || !empty?.range || parent.flow) return undefined;
  const colon = text.indexOf(':', keyNode.range[1]);
  if (colon < 0 || colon > empty.range[0]) return undefined;
  const keyColumn = keyNode.range[0] - (text.lastIndexOf('\n', keyNode.range[0] - 1) + 1);
  const rendered = renderPair(key, value, keyColumn, editor.style);
  const block = rendered.slice(rendered.indexOf(':') + 1);
  // `resources: {}  # see README`: the comment stays on the key's line, not on the last line written.
  const lineEnd = text.slice(empty.range[1]).search(/\r?\n|$/) + empty.range[1];
  const comment = /^\s+#.*$/.exec(text.slice(empty.range[1], lineEnd))?.[0];
  if (comment) return [{ start: colon + 1, end: lineEnd, newText: comment.trimEnd() + block }];
  return [{ start: colon + 1, end: empty.range[1], newText: block }];
}

function isScalarValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
