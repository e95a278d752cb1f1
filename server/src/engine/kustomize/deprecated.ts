// kustomize/deprecated-field: the kustomization fields kustomize 5 warns about on every build (its
// Kustomization.CheckDeprecatedFields: bases, commonLabels, imageTags, patchesJson6902, patchesStrategicMerge, vars),
// reported on the field's key in each kustomization a build reads. A fix is safe only where the rewrite builds the
// same objects: kustomize reads `bases` as resources listed last (FixKustomization), and `commonLabels` is the
// LabelTransformer with the commonLabels field specs, which a `labels` entry with `includeSelectors: true` is too.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { hitFixes, lazyFixes, severityOf } from '../findings';
import type { RawFix, RuleHit } from '../rule';
import { LineIndex } from '../text';
import type { EngineSettings, Finding, HostFileSystem, OffsetEdit } from '../types';
import type { BuildResult } from './build';
import { isKustomizationFile } from './fileNames';
import { field, parseKustomization } from './model';
import { dirnameOf, joinPath } from './paths';
import { isKMap, isKSeq } from './tree';

export const DEPRECATED_FIELD_RULE_ID = 'kustomize/deprecated-field';

const EDIT_FIX = 'kustomize warns about it on every build';

/** The fields kustomize's CheckDeprecatedFields warns about, with what replaces them (its own wording first). */
export const DEPRECATED_FIELDS: Record<string, { use: string; shape: 'seq' | 'map'; message: string }> = {
  bases: {
    use: 'resources',
    shape: 'seq',
    message: `'bases' is deprecated. Please use 'resources' instead: kustomize reads bases as resources listed after the others (${EDIT_FIX}).`,
  },
  commonLabels: {
    use: 'labels',
    shape: 'map',
    message: `'commonLabels' is deprecated. Please use 'labels' instead, with includeSelectors: true to label selectors and templates as commonLabels does (${EDIT_FIX}).`,
  },
  imageTags: {
    use: 'images',
    shape: 'seq',
    message: `'imageTags' is deprecated. Please use 'images' instead: kustomize reads imageTags as images listed after the others (${EDIT_FIX}).`,
  },
  patchesJson6902: {
    use: 'patches',
    shape: 'seq',
    message:
      `'patchesJson6902' is deprecated. Please use 'patches' instead (the same target, path and patch entries; ` +
      `patches run before namespace, namePrefix/nameSuffix, labels and annotations, JSON 6902 patches after them: ${EDIT_FIX}).`,
  },
  patchesStrategicMerge: {
    use: 'patches',
    shape: 'seq',
    message: `'patchesStrategicMerge' is deprecated. Please use 'patches' instead, one \`- path: <file>\` entry per patch file (${EDIT_FIX}).`,
  },
  vars: {
    use: 'replacements',
    shape: 'seq',
    message:
      `'vars' is deprecated and will be removed in a future release. Please use 'replacements' instead ` +
      `(no automatic rewrite: \`kustomize edit fix\` converts vars only experimentally; ${EDIT_FIX}).`,
  },
};

const MENTIONS_DEPRECATED = /^[ \t]*["']?(bases|commonLabels|imageTags|patchesJson6902|patchesStrategicMerge|vars)["']?[ \t]*:/m;

/** The rule's findings in every kustomization the build read, on each deprecated field's key. */
export function deprecatedFieldFindings(
  build: BuildResult,
  settings: EngineSettings,
  fs: HostFileSystem,
): Array<Finding & { file: string; overlays: string[] }> {
  if (severityOf(settings, DEPRECATED_FIELD_RULE_ID, undefined) === 'off') return [];
  const out: Array<Finding & { file: string; overlays: string[] }> = [];
  for (const file of build.files) {
    if (!isKustomizationFile(file)) continue;
    const text = fs.readFile(file);
    if (text === undefined || !MENTIONS_DEPRECATED.test(text)) continue;
    const hits = deprecatedFieldHits(file, text);
    if (hits.length === 0) continue;
    const lines = new LineIndex(text);
    for (const hit of hits) {
      const severity = severityOf(settings, DEPRECATED_FIELD_RULE_ID, undefined);
      if (severity === 'off') continue;
      const finding = lazyFixes<Finding>({ ruleId: DEPRECATED_FIELD_RULE_ID, severity, message: hit.message, range: lines.rangeOf(hit.start, hit.end) }, () =>
        hitFixes({ ...hit, fixes: deprecatedFieldFixes(file, text, hit.field, build, fs) }, text, lines, 'kubernetes'),
      );
      out.push(Object.assign(finding, { file, overlays: [build.kustomization] }));
    }
  }
  return out;
}

/** Each deprecated field of the kustomization text that kustomize warns about (present, not null, of its shape). */
export function deprecatedFieldHits(file: string, text: string): Array<RuleHit & { field: string }> {
  const parsed = parseKustomization(file, dirnameOf(file), text);
  if (!('root' in parsed)) return [];
  const hits: Array<RuleHit & { field: string }> = [];
  for (const pair of parsed.root.items) {
    const deprecated = DEPRECATED_FIELDS[pair.key];
    // A null value is no field to kustomize (nil: no warning); one of the wrong shape fails the build (kustomize/build-error).
    if (!deprecated || !(deprecated.shape === 'seq' ? isKSeq(pair.value) : isKMap(pair.value))) continue;
    const origin = pair.keyOrigin ?? pair.value.origin;
    if (!origin) continue;
    hits.push({
      ruleId: DEPRECATED_FIELD_RULE_ID,
      field: pair.key,
      start: origin.start,
      end: Math.max(origin.end, origin.start + 1),
      message: deprecated.message,
    });
  }
  return hits;
}

/** The rewrite of one deprecated field, when one keeps what the kustomization builds (safe) or may not (suggestion). */
export function deprecatedFieldFixes(file: string, text: string, name: string, build: BuildResult, fs: HostFileSystem): RawFix[] {
  if (text.includes('\r')) return [];
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length > 0 || !isMap(docs[0].contents)) return [];
  const root = (docs[0] as Document.Parsed).contents as YAMLMap;
  const pairOf = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
  const source = pairOf(name);
  if (!source || !isScalar(source.key) || !source.key.range) return [];
  const target = pairOf(DEPRECATED_FIELDS[name]?.use ?? '');
  const edit = new SourceEdit(text, root);
  // A build that fails on this kustomization applies nothing: a rewrite could make it apply something.
  const broken = build.problems.some((p) => p.file === file && p.severity === 'error');
  const use = DEPRECATED_FIELDS[name].use;
  const title = `Replace '${name}' with '${use}'`;
  switch (name) {
    case 'bases': {
      const edits = target ? edit.appendSeq(source, target) : edit.renameKey(source, use);
      return edits && !broken ? [{ title, kind: 'safe', edits }] : [];
    }
    case 'imageTags': {
      // Kustomize reads imageTags as images; Harden's build does not read them, so the rewrite is not provably the same here.
      const edits = target ? edit.appendSeq(source, target) : edit.renameKey(source, use);
      return edits ? [{ title, kind: 'suggestion', edits }] : [];
    }
    case 'patchesStrategicMerge': {
      // Strategic merge patches run before `patches`: appended after existing ones they would run in another order.
      if (target || broken || !isSeq(source.value)) return [];
      const dir = dirnameOf(file);
      const items = source.value.items;
      if (!items.every((item) => isPatchFile(item, dir, fs))) return [];
      const edits = edit.renameKey(source, use);
      const paths = edit.blockItems(source.value)?.map((item): OffsetEdit => ({ start: item.range![0], end: item.range![0], newText: 'path: ' }));
      return edits && paths ? [{ title, kind: 'safe', edits: [...edits, ...paths] }] : [];
    }
    case 'patchesJson6902': {
      // Moved into `patches`, they run before the namespace, name, label and annotation transformers.
      if (target || pairOf('patchesStrategicMerge')) return [];
      const edits = edit.renameKey(source, use);
      return edits ? [{ title: `${title} (they then run before namespace, namePrefix and labels)`, kind: 'suggestion', edits }] : [];
    }
    case 'commonLabels': {
      const edits = edit.labelsFromCommonLabels(source, target);
      if (!edits) return [];
      // Kustomize adds the `labels` field specs of transformer configurations to `labels` entries, not to commonLabels.
      const configured = usesConfigurations(build, fs);
      return [{ title: `${title} (includeSelectors: true)`, kind: broken || configured ? 'suggestion' : 'safe', edits }];
    }
    default:
      return [];
  }
}

/** A patchesStrategicMerge entry that is a path to a patch file `patches: - path:` reads the same way. */
function isPatchFile(item: unknown, dir: string, fs: HostFileSystem): boolean {
  if (!isScalar(item) || typeof item.value !== 'string' || !item.range) return false;
  const value = item.value;
  // Inline patch text (kustomize first tries an entry as patch content).
  if (/\n|^\s*(apiVersion|kind|metadata)\s*:/.test(value) || /[{}[\]]/.test(value)) return false;
  const patch = fs.readFile(joinPath(dir, value));
  if (patch === undefined) return false;
  // `$patch: delete` of a whole object: kustomize's patchesStrategicMerge drops the object, `patches` empties it.
  // One of a list item or a map inside builds the same either way (test/fixtures/kustomize/harden-psmlistitemdelete).
  if (/\$patch\s*:\s*["']?delete/.test(patch) && !deletesOnlyInside(patch)) return false;
  // Something `patches` might also read as a JSON 6902 patch, or nothing at all.
  const content = patch.replace(/^\s*#.*$/gm, '').trim();
  return content.length > 0 && !/^(-|\[)/.test(content);
}

/** The patch file parses, and no document of it is a `$patch: delete` of its whole object. */
function deletesOnlyInside(patch: string): boolean {
  const docs = parseAllDocuments(patch);
  if (!Array.isArray(docs)) return false;
  const deletesObject = (doc: Document.Parsed) => isMap(doc.contents) && (doc.contents as YAMLMap).get('$patch') === 'delete';
  return docs.every((doc) => doc.errors.length === 0 && !deletesObject(doc));
}

/** Some kustomization the build read has transformer configurations. */
function usesConfigurations(build: BuildResult, fs: HostFileSystem): boolean {
  return build.files.some((file) => {
    if (!isKustomizationFile(file)) return false;
    const text = fs.readFile(file);
    if (text === undefined || !/configurations/.test(text)) return false;
    const parsed = parseKustomization(file, dirnameOf(file), text);
    const value = 'root' in parsed ? field(parsed.root, 'configurations') : undefined;
    return value !== undefined && !(value.type === 'scalar' && value.value === null);
  });
}

/** Text edits of a kustomization's top-level fields that keep comments and indentation. */
class SourceEdit {
  constructor(
    private readonly text: string,
    private readonly root: YAMLMap,
  ) {}

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end === -1 ? this.text.length : end;
  }

  /** Where a node's text ends: a block collection's range runs on to the start of the next line. */
  private lastOffset(node: Node): number {
    if (!node.range) return 0;
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** `key:` becomes `use:`; nothing else moves. */
  renameKey(pair: Pair<Node, Node | null>, use: string): OffsetEdit[] | undefined {
    const key = pair.key;
    if (!isScalar(key) || !key.range) return undefined;
    return [{ start: key.range[0], end: key.range[1], newText: use }];
  }

  /**
   * The items of a block list written one per line after `- ` (no flow list, no item sharing a line), in order.
   * Undefined when the list is not written so.
   */
  blockItems(seq: YAMLSeq): Node[] | undefined {
    if (seq.flow || seq.items.length === 0) return undefined;
    const items = seq.items as Node[];
    for (const item of items) {
      if (!item || !item.range) return undefined;
      if (!/^[ \t]*-[ \t]+$/.test(this.text.slice(this.lineStart(item.range[0]), item.range[0]))) return undefined;
    }
    return items;
  }

  /** Where the key's own line ends, if nothing but the `:` and spaces follow the key (a comment there would be lost). */
  private bareKeyLineEnd(pair: Pair<Node, Node | null>): number | undefined {
    const key = pair.key;
    const end = this.lineEnd(key.range![1]);
    return /^[ \t]*:[ \t]*$/.test(this.text.slice(key.range![1], end)) ? end : undefined;
  }

  /** The lines after the key's line to the end of the last item's line. */
  private blockBody(pair: Pair<Node, Node | null>, last: Node): { start: number; end: number } {
    return { start: this.lineEnd(pair.key.range![1]) + 1, end: this.lineEnd(this.lastOffset(last)) };
  }

  /** The lines of `[start, end)` moved from `from` columns to `to` columns (comments with less indentation move as far as they can). */
  private reindent(start: number, end: number, from: number, to: number): string | undefined {
    const lines = this.text.slice(start, end).split('\n');
    const out: string[] = [];
    for (const line of lines) {
      const indent = /^ */.exec(line)![0].length;
      const content = line.slice(indent);
      if (content.startsWith('\t')) return undefined;
      if (content === '' || content.startsWith('#')) {
        out.push(content === '' ? '' : ' '.repeat(Math.max(0, indent - from + to)) + content);
        continue;
      }
      if (indent < from) return undefined;
      out.push(' '.repeat(indent - from + to) + content);
    }
    return out.join('\n');
  }

  /** The source list's items appended, re-indented, to the end of the target list, and the source field removed. */
  appendSeq(source: Pair<Node, Node | null>, target: Pair<Node, Node | null>): OffsetEdit[] | undefined {
    if (!isSeq(source.value) || !isSeq(target.value)) return undefined;
    const from = this.blockItems(source.value);
    const into = this.blockItems(target.value);
    const keyEnd = this.bareKeyLineEnd(source);
    if (!from || !into || keyEnd === undefined) return undefined;
    const body = this.blockBody(source, from[from.length - 1]);
    const dashFrom = this.dashColumn(from[0]);
    const dashTo = this.dashColumn(into[0]);
    const moved = this.reindent(body.start, body.end, dashFrom, dashTo);
    if (moved === undefined) return undefined;
    const insertAt = this.lineEnd(this.lastOffset(into[into.length - 1]));
    const removed = this.withBlankLine(this.lineStart(source.key.range![0]), Math.min(this.text.length, body.end + 1));
    // The target's last item must end before the source starts, or after it ends: never inside what is removed.
    if (insertAt >= removed.start && insertAt < removed.end) return undefined;
    return [
      { start: insertAt, end: insertAt, newText: `\n${moved}` },
      { ...removed, newText: '' },
    ];
  }

  private isBlankLine(start: number): boolean {
    return this.text.slice(start, this.lineEnd(start)).trim() === '';
  }

  /**
   * Whole lines `[start, end)` to remove, with one blank line around them when they sit between blank lines (or
   * between one and the file's start or end): a field set apart by blank lines leaves one blank line, not two.
   */
  private withBlankLine(start: number, end: number): { start: number; end: number } {
    const atStart = start === 0;
    const atEnd = end >= this.text.length;
    const blankBefore = atStart || this.isBlankLine(this.lineStart(start - 1));
    const blankAfter = atEnd || this.isBlankLine(end);
    if (!blankBefore || !blankAfter || (atStart && atEnd)) return { start, end };
    if (!atEnd) return { start, end: Math.min(this.text.length, this.lineEnd(end) + 1) };
    return { start: this.lineStart(start - 1), end };
  }

  private dashColumn(item: Node): number {
    const lineStart = this.lineStart(item.range![0]);
    return this.text.slice(lineStart, item.range![0]).indexOf('-');
  }

  /** How far the file's lists indent their `- ` from their key (0: at the key's column, as `kustomize edit fix` writes them). */
  private listIndent(): number {
    for (const pair of this.root.items) {
      if (!isSeq(pair.value) || !isScalar(pair.key) || !pair.key.range) continue;
      const items = this.blockItems(pair.value);
      if (items) return Math.max(0, this.dashColumn(items[0]) - this.column(pair.key.range[0]));
    }
    return 0;
  }

  /**
   * `commonLabels: {pairs}` as a `labels` entry with `includeSelectors: true`: the field renamed and its pairs moved
   * under the entry (no `labels` yet), or the entry appended to the `labels` list and the field removed.
   */
  labelsFromCommonLabels(source: Pair<Node, Node | null>, target: Pair<Node, Node | null> | undefined): OffsetEdit[] | undefined {
    const map = source.value;
    if (!isMap(map) || map.items.length === 0 || !map.range) return undefined;
    const keys = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : undefined));
    if (keys.some((k) => k === undefined)) return undefined;
    const key = source.key;
    const keyColumn = this.column(key.range![0]);
    let dash: number;
    let into: Node[] | undefined;
    if (target) {
      if (!isSeq(target.value)) return undefined;
      into = this.blockItems(target.value);
      if (!into) return undefined;
      // Kustomize refuses a label both in commonLabels and in labels (`edit fix`).
      for (const entry of into) {
        const pairs = isMap(entry) ? entry.get('pairs', true) : undefined;
        if (!isMap(pairs)) return undefined;
        if (pairs.items.some((p) => isScalar(p.key) && keys.includes(String(p.key.value)))) return undefined;
      }
      dash = this.dashColumn(into[0]);
    } else dash = keyColumn + this.listIndent();
    const entry = `${' '.repeat(dash)}- includeSelectors: true\n${' '.repeat(dash + 2)}pairs:`;
    let pairsText: string;
    let sourceEnd: number;
    if (map.flow) {
      if (this.text.slice(map.range[0], map.range[1]).includes('\n')) return undefined;
      pairsText = `${entry} ${this.text.slice(map.range[0], map.range[1])}`;
      sourceEnd = map.range[1];
    } else {
      const first = map.items[0].key as Node;
      if (!first.range) return undefined;
      const last = map.items[map.items.length - 1];
      const end = this.lineEnd(this.lastOffset((last.value ?? last.key) as Node));
      const keyLineEnd = this.lineEnd(key.range![1]);
      if (this.lineStart(first.range[0]) <= keyLineEnd) return undefined;
      const moved = this.reindent(keyLineEnd + 1, end, this.column(first.range[0]), dash + 4);
      if (moved === undefined) return undefined;
      pairsText = `${entry}\n${moved}`;
      sourceEnd = end;
    }
    if (!target) {
      if (map.flow) return [{ start: key.range![0], end: sourceEnd, newText: `labels:\n${pairsText}` }];
      return [
        { start: key.range![0], end: key.range![1], newText: 'labels' },
        { start: this.lineEnd(key.range![1]), end: sourceEnd, newText: `\n${pairsText}` },
      ];
    }
    // Appended to `labels`: the commonLabels lines go, so nothing may be written on them but the field.
    if (this.lineEnd(sourceEnd) !== sourceEnd) return undefined;
    if (map.flow ? this.text.slice(sourceEnd, this.lineEnd(sourceEnd)).trim() !== '' : this.bareKeyLineEnd(source) === undefined) return undefined;
    const insertAt = this.lineEnd(this.lastOffset(into![into!.length - 1]));
    const removed = this.withBlankLine(this.lineStart(key.range![0]), Math.min(this.text.length, sourceEnd + 1));
    if (insertAt >= removed.start && insertAt < removed.end) return undefined;
    return [
      { start: insertAt, end: insertAt, newText: `\n${pairsText}` },
      { ...removed, newText: '' },
    ];
  }
}
