// Linting what `kubectl apply -k` applies: each top-level kustomization is built in memory, its objects are
// linted by the ordinary Kubernetes rules, and every finding is moved back to the source line responsible
// (a base resource, a patch, or the kustomization entry that set the value) through the build's provenance.
// A finding that holds in every overlay using a file is reported once; otherwise it names its overlays.
import { isMap, isSeq, type Document, type Node } from 'yaml';
import { parseSegment, rememberParse } from '../yaml/documents';
import { applyDirectives } from '../suppression/apply';
import { renderDocument } from './render';
import { WorkspaceIndex } from '../k8s/workspace-index';
import { LineIndex } from '../text';
import { copyWithLazyFixes, hitFixes, lazyFixes } from '../findings';
import type { EngineSettings, Finding, Fix, HostFileSystem } from '../types';
import { overlayFix } from './overlayFix';
import { isUninspected, YamlLinter } from '../k8s/lint';
import { buildKustomization, type BuildOptions, type BuildResult } from './build';
import { dirnameOf, isInside, relativePath } from './paths';
import { isComponentFile } from './model';
import { deprecatedFieldFindings } from './deprecated';
import { CallSnapshot } from './snapshot';
import { saysGenerated } from '../generated';
import { isKMap, isKSeq, kmap, pairIn, type KNode, type Origin, type Removal } from './tree';

export const BUILD_ERROR_RULE_ID = 'kustomize/build-error';

export interface KustomizeFinding extends Finding {
  /** The file the finding is reported in. */
  file: string;
  /** Kustomization files whose build has the finding. */
  overlays: string[];
}

/**
 * An overlay's finding -> the fixes its rule offers on the built object there (the overlay's patches applied). Kept
 * beside the findings, which stay plain data (they are serialised and cloned).
 */
const builtFixesOf = new WeakMap<KustomizeFinding, () => Fix[]>();

export interface KustomizeLintResult {
  /** Findings per source file (bases, patches, kustomizations). */
  byFile: Map<string, KustomizeFinding[]>;
  /** Each overlay's build (files read, for re-linting dependants). */
  builds: BuildResult[];
}

/** The file name the built objects are linted under (never written to disk). */
const BUILT_NAME = '.harden-kustomize-build.yaml';

export function lintKustomizations(paths: string[], settings: EngineSettings, fs: HostFileSystem, options: BuildOptions = {}): KustomizeLintResult {
  return CallSnapshot.within(fs, (snapshot) => lintWith(paths, settings, snapshot, options));
}

function lintWith(paths: string[], settings: EngineSettings, fs: CallSnapshot, options: BuildOptions): KustomizeLintResult {
  const standalone = new StandaloneFindings(settings, fs);
  const linted = paths.map((path) => {
    const build = buildKustomization(fs, path, options);
    return { build, findings: overlayFindings(build, settings, fs, standalone) };
  });
  const byFile = mergeOverlayFindings(linted, options.roots, undefined, fs);
  for (const [file, findings] of byFile) byFile.set(file, withSuppressions(file, findings, settings, fs));
  return { byFile, builds: linted.map((l) => l.build) };
}

/** Suppression comments in the source file apply to the findings reported on it (and unused ones are said). */
export function withSuppressions(file: string, findings: KustomizeFinding[], settings: EngineSettings, fs: HostFileSystem): KustomizeFinding[] {
  const text = fs.readFile(file);
  if (text === undefined) return findings;
  const { kept } = applyDirectives(text, findings, settings, 'kubernetes');
  return kept.map((f) => ('file' in f ? (f as KustomizeFinding) : { ...f, file, overlays: [] }));
}

export interface OverlayLint {
  build: BuildResult;
  /** The overlay's findings at their sources, before merging with other overlays. */
  findings: KustomizeFinding[];
}

/** One overlay's findings: its build problems and its built objects' findings, at their sources. */
/** What linting an overlay's objects keeps between runs: unchanged objects are not checked again. */
export interface OverlayLinter {
  linter: YamlLinter;
  index: WorkspaceIndex;
  /** The last lint's rendered objects, by text: an object rendered the same again reuses its parse. */
  parses: Map<string, Document.Parsed>;
  /** The last lint's objects as built, with their rendering: one built the same again (keys and values) is not rendered again. */
  last: RenderedObject[];
}

interface RenderedObject {
  root: KNode;
  /** One `---` document. */
  text: string;
  doc: Document.Parsed;
  lines: LineIndex;
}

export function newOverlayLinter(settings: EngineSettings): OverlayLinter {
  // Without fixes: a built object's fixes would edit the rendering; those shown come from the source (StandaloneFindings).
  return { linter: new YamlLinter({ fixes: false, wholeObjects: true }), index: new WorkspaceIndex(settings.defaultNamespace), parses: new Map(), last: [] };
}

export function overlayFindings(
  build: BuildResult,
  settings: EngineSettings,
  fs: HostFileSystem,
  standalone: StandaloneFindings,
  linter = newOverlayLinter(settings),
): KustomizeFinding[] {
  return [...problemFindings(build, fs), ...deprecatedFieldFindings(build, settings, fs), ...builtFindings(build, settings, fs, standalone, linter)];
}

/**
 * Findings of several overlays, by file: one finding per place and rule, naming its overlays when it does not
 * hold in every overlay that reads the file. `only` restricts the result to one file.
 */
export function mergeOverlayFindings(
  linted: readonly OverlayLint[],
  roots: string[] | undefined,
  only?: string,
  fs?: HostFileSystem,
): Map<string, KustomizeFinding[]> {
  const merged = new Map<string, { finding: KustomizeFinding; overlays: Set<string>; instances: KustomizeFinding[] }>();
  const usersOf = new Map<string, Set<string>>();
  for (const { build, findings } of linted) {
    for (const file of build.files) {
      if (only !== undefined && file !== only) continue;
      if (!usersOf.has(file)) usersOf.set(file, new Set());
      usersOf.get(file)!.add(build.kustomization);
    }
    for (const finding of findings) {
      if (only !== undefined && finding.file !== only) continue;
      // Not keyed by message: messages name the object, which a prefix renames per overlay.
      const key = `${finding.file}\u0000${finding.ruleId}\u0000${finding.range.start.line}:${finding.range.start.character}`;
      const entry = merged.get(key);
      if (entry) {
        entry.overlays.add(build.kustomization);
        entry.instances.push(finding);
      } else merged.set(key, { finding, overlays: new Set([build.kustomization]), instances: [finding] });
    }
  }
  const byFile = new Map<string, KustomizeFinding[]>();
  for (const { finding, overlays, instances } of merged.values()) {
    const users = usersOf.get(finding.file) ?? overlays;
    const named = [...overlays].sort();
    const partial = overlays.size < users.size;
    const message = partial ? `${finding.message} (in ${named.map((o) => overlayName(o, roots)).join(', ')})` : finding.message;
    // Holding in one overlay of several: fixed in that overlay (a patch in its kustomization), not in the shared file.
    // Fixes are worked out when first read (code actions), not for every edit's diagnostics.
    const fixes = () => {
      // A base that says it is generated (a vendored upstream manifest) is never edited: see generated.ts.
      if (saysGenerated(fs?.readFile(finding.file) ?? '')) return [];
      const own = partial && named.length === 1 && fs ? perOverlayFixes(finding, named[0], roots, fs) : sharedFixes(finding.fixes, instances, partial);
      return withSuppressionFix(finding, own, fs);
    };
    const out = copyWithLazyFixes(finding, fixes);
    out.message = message;
    out.overlays = named;
    const list = byFile.get(finding.file) ?? [];
    list.push(out);
    byFile.set(finding.file, list);
  }
  for (const list of byFile.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return byFile;
}

/**
 * Every finding offers its suppression comment: one that only an overlay's build has (a PodDisruptionBudget missing
 * once `replicas:` makes it 3) came without any fix, the source file's own lint having no such finding.
 */
function withSuppressionFix(finding: KustomizeFinding, fixes: Fix[], fs: HostFileSystem | undefined): Fix[] {
  if (fixes.some((fix) => fix.suppression)) return fixes;
  const text = fs?.readFile(finding.file);
  if (text === undefined) return fixes;
  const index = new LineIndex(text);
  const hit = { ruleId: finding.ruleId, message: finding.message, start: index.offsetAt(finding.range.start), end: index.offsetAt(finding.range.end) };
  return [...fixes, ...hitFixes(hit, text, index, 'kubernetes')];
}

/**
 * The fixes of a file that overlays share, worked out on the file alone: each is kept only where the rule offers it on
 * every overlay's built object too (a base's `allowPrivilegeEscalation: false` is not offered where an overlay's patch
 * makes the container privileged: the API server refuses the pair). Where some overlays using the file do not have
 * the finding, the fix reaches them unasked: not preferred.
 */
function sharedFixes(fixes: Fix[], instances: readonly KustomizeFinding[], partial: boolean): Fix[] {
  const offered = instances.map((instance) => {
    const built = builtFixesOf.get(instance);
    return built && new Set(built().map(fixIdentity));
  });
  return fixes
    .filter((fix) => fix.suppression || offered.every((titles) => !titles || titles.has(fixIdentity(fix))))
    .map((fix) => (partial && !fix.suppression ? { ...fix, isPreferred: false, kind: 'suggestion' as const, title: `${fix.title} (in every overlay)` } : fix));
}

/** A fix as the rule names it, the object's name left out (a prefix renames it per overlay). */
function fixIdentity(fix: Fix): string {
  return fix.title.replace(/"[^"]*"/g, '""');
}

/** The finding's fixes moved to the overlay's kustomization; the shared file's fixes stay, not preferred, after them. */
function perOverlayFixes(finding: KustomizeFinding, overlay: string, roots: string[] | undefined, fs: HostFileSystem): Fix[] {
  if (finding.file === overlay) return finding.fixes;
  const moved = finding.fixes.flatMap((fix) => overlayFix(fs, finding.file, finding.range.start.line, fix, overlay, overlayName(overlay, roots)) ?? []);
  if (moved.length === 0) return finding.fixes;
  const shared = finding.fixes.map((fix) => (fix.suppression ? fix : { ...fix, isPreferred: false, title: `${fix.title} (in every overlay)` }));
  return [...moved, ...shared];
}

/** Kustomizations no other one of `paths` includes: the things people apply. */
export function topLevelKustomizations(paths: string[], fs: HostFileSystem, options: BuildOptions = {}): string[] {
  return CallSnapshot.within(fs, (snapshot) => topLevelAmong(paths, (path) => buildKustomization(snapshot, path, options)));
}

/** The kustomizations no other one includes: what `kubectl apply -k` would be run on. */
export function topLevelAmong(paths: readonly string[], buildOf: (path: string) => BuildResult): string[] {
  const included = new Set<string>();
  for (const path of paths) for (const file of buildOf(path).files) if (file !== path) included.add(file);
  return paths.filter((path) => !included.has(path));
}

/** An overlay as people name it: its folder, relative to the workspace folder holding it. */
function overlayName(kustomization: string, roots: string[] | undefined): string {
  const dir = dirnameOf(kustomization);
  const root = roots?.find((r) => isInside(dir, r));
  return root ? relativePath(root, dir) : dir;
}

function problemFindings(build: BuildResult, fs: HostFileSystem): KustomizeFinding[] {
  // A Component no kustomization lists is still built, so that its patch files are known as partial and its
  // resources are linted; but its patches target the resources of whoever lists it, which it does not have.
  const component = isComponentFile(fs, build.kustomization);
  const problems = component ? build.problems.filter((p) => !p.missingTarget) : build.problems;
  return problems.map((problem) => {
    const lines = new LineIndex(fs.readFile(problem.file) ?? '');
    return {
      ruleId: BUILD_ERROR_RULE_ID,
      severity: problem.severity,
      message: problem.message,
      range: lines.rangeOf(problem.start, problem.end),
      fixes: [],
      file: problem.file,
      overlays: [build.kustomization],
    };
  });
}

/**
 * What the linter reads of a built object: all of it, but a kind it skips (a v1 CRD) only as far as its type and
 * name: no rendering of a schema nobody reads (argo-workflows' three CRDs are 8 MB, rendered once per overlay).
 */
function lintedPart(root: KNode): KNode {
  if (!isKMap(root)) return root;
  const scalar = (key: string) => {
    const value = pairIn(root, key)?.value;
    return value?.type === 'scalar' ? value.value : undefined;
  };
  if (!isUninspected(scalar('apiVersion'), scalar('kind'))) return root;
  return kmap(
    root.items.filter((pair) => pair.key === 'apiVersion' || pair.key === 'kind' || pair.key === 'metadata'),
    root.origin,
  );
}

/** Lints the built objects and moves each finding to its source. */
function builtFindings(
  build: BuildResult,
  settings: EngineSettings,
  fs: HostFileSystem,
  standalone: StandaloneFindings,
  overlay: OverlayLinter,
): KustomizeFinding[] {
  const { linter, index } = overlay;
  if (build.resources.length === 0) return [];
  const roots = build.resources.map((r) => lintedPart(r.root));
  // One `---` document per object, rendered with its parse: the linter takes that parse instead of parsing.
  // An edit of a base changes few of an overlay's objects: the others are built with the same keys and
  // values as last time (so would render to the same text), whose parse (and, in the linter, findings) is
  // reused without rendering them again.
  const parses = new Map<string, Document.Parsed>();
  const rendered = roots.map((root, i): RenderedObject => {
    const before = overlay.last[i];
    if (before && sameData(before.root, root)) {
      parses.set(before.text, before.doc);
      return { ...before, root };
    }
    const fresh = renderDocument(root, i > 0 ? '---\n' : '');
    const doc = overlay.parses.get(fresh.text) ?? parses.get(fresh.text) ?? fresh.doc;
    parses.set(fresh.text, doc);
    return { root, text: fresh.text, doc, lines: new LineIndex(fresh.text) };
  });
  overlay.parses = parses;
  overlay.last = rendered;
  for (const r of rendered) rememberParse(r.text, r.doc);
  const builtPath = `${dirnameOf(build.kustomization)}/${BUILT_NAME}`;
  // Linted document by document (never joined into one text): a finding's line is in their concatenation, where
  // each document starts on the line the one before ends on.
  const { findings } = linter.lintSegments(builtPath, rendered, settings, fs, index);
  const firstLines: number[] = [];
  rendered.reduce((line, r) => (firstLines.push(line), line + r.lines.lineCount - 1), 0);
  const resourceFiles = new Set(build.resources.map((r) => r.file));
  // The overlay linted again with fixes, once, when a fix of one of its findings is first read.
  let withFixes: Finding[] | undefined;
  const builtFixesAt = (range: Finding['range'], ruleId: string) => () => {
    withFixes ??= new YamlLinter({ fixes: true, wholeObjects: true }).lintSegments(
      builtPath,
      rendered,
      settings,
      fs,
      new WorkspaceIndex(settings.defaultNamespace),
    ).findings;
    const same = withFixes.find((f) => f.ruleId === ruleId && f.range.start.line === range.start.line && f.range.start.character === range.start.character);
    return same?.fixes.filter((fix) => !fix.suppression) ?? [];
  };
  const out: KustomizeFinding[] = [];
  for (const finding of findings) {
    const { line, character } = finding.range.start;
    let index = firstLines.length - 1;
    while (index > 0 && firstLines[index] > line) index--;
    const offset = rendered[index].lines.offsetAt({ line: line - firstLines[index], character });
    const chain = originsAt(rendered[index].doc.contents, roots[index], offset);
    // The path of what the finding's fix writes in the built object (which of several removals it undoes).
    const fixWrites = () => {
      const fix = builtFixesAt(finding.range, finding.ruleId)().find((f) => f.edits.length > 0);
      const at = (position: { line: number; character: number }) =>
        rendered[index].lines.offsetAt({ line: position.line - firstLines[index], character: position.character });
      return (
        fix &&
        writtenPath(
          rendered[index],
          fix.edits.map((edit) => ({ start: at(edit.range.start), end: at(edit.range.end), text: edit.newText })),
        )
      );
    };
    // A wrong value is reported where it was written.
    const origin = finding.missing ? missingOrigin(chain, resourceFiles, (at) => standalone.reportsAt(at, finding.ruleId), fixWrites) : deepestOrigin(chain);
    if (!origin) continue;
    const sourceText = fs.readFile(origin.file);
    if (sourceText === undefined) continue;
    const range = standalone.linesOf(origin.file, sourceText).rangeOf(origin.start, Math.max(origin.end, origin.start));
    const file = origin.file;
    const { ruleId, severity, message } = finding;
    // The source file linted on its own gives the fixes: only when a code action asks for them.
    const placed = lazyFixes<Finding>({ ruleId, severity, message, range }, () => standalone.fixesFor(file, sourceText, ruleId, range));
    const located = Object.assign(placed, { file, overlays: [build.kustomization] });
    builtFixesOf.set(located, builtFixesAt(finding.range, ruleId));
    out.push(located);
  }
  return out;
}

/** Same keys, values and shapes (origins aside): the two render to the same text. */
function sameData(a: KNode, b: KNode, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 500) return false;
  if (a.type === 'scalar') return b.type === 'scalar' && a.value === b.value;
  if (a.type !== b.type || a.items.length !== b.items.length) return false;
  if (a.type === 'seq') {
    const items = (b as typeof a).items;
    for (let i = 0; i < items.length; i++) if (!sameData(a.items[i], items[i], depth + 1)) return false;
    return true;
  }
  const pairs = (b as typeof a).items;
  for (let i = 0; i < pairs.length; i++) if (a.items[i].key !== pairs[i].key || !sameData(a.items[i].value, pairs[i].value, depth + 1)) return false;
  return true;
}

/** A built node on the way to a finding, and where it was written (if known). */
interface ChainEntry {
  node: KNode;
  origin?: Origin;
  /** The key the node is the value of, if it is one. */
  key?: string;
}

/**
 * Where something missing is reported. The deepest map or list the finding is about (a container) decides: a patch
 * operation that removed or replaced a field of it is the cause (overlays/c's `op: remove` of the container's
 * securityContext, an `op: replace` of it with one lacking allowPrivilegeEscalation), unless the base object on its
 * own has the same finding (`reportedBefore`: a missing probe is the base's, whatever the patch did to the
 * securityContext); one a patch made (a sidecar container the overlay adds) is where the field goes. Otherwise the base
 * object that lacks it: a patch is partial and says nothing about what it leaves out.
 */
function missingOrigin(
  chain: ChainEntry[],
  resourceFiles: Set<string>,
  reportedBefore: (origin: Origin) => boolean,
  fixWrites: () => readonly string[] | undefined,
): Origin | undefined {
  const subject = [...chain].reverse().find((entry) => entry.node.type !== 'scalar');
  // A patch that removes the namespace or a label says nothing about what the object lacks (argo-cd's
  // remove-namespace.yaml, shared by every redis-ha object).
  const aboutObject = subject === chain[0] || subject?.key === 'metadata';
  const removedBy = subject && !aboutObject && subject.node.type !== 'scalar' ? subject.node.removedBy : undefined;
  const written =
    subject?.origin && !resourceFiles.has(subject.origin.file)
      ? subject.origin
      : ([...chain].reverse().find((entry) => entry.origin && resourceFiles.has(entry.origin.file))?.origin ?? deepestOrigin(chain));
  const removals = isKMap(chain[0].node) ? (chain[0].node.removals ?? []) : [];
  if (aboutObject || (!removedBy && removals.length === 0)) return written;
  if (written && resourceFiles.has(written.file) && reportedBefore(written)) return written;
  // Several removals in the object (or one outside the subject: the pod's runAsNonRoot, for a container's finding):
  // the one on the path the fix writes; none there (an ephemeral-storage limit, missing since another removal made
  // the root file system writable), the object where the fix goes. One removal under the subject is its cause.
  const ask = removedBy ? new Set(removals.map((r) => r.by)).size > 1 : removals.length > 0;
  const path = ask ? fixWrites() : undefined;
  if (path) return removalOnPath(removals, path) ?? written;
  return removedBy ?? written;
}

/** The removal whose path is the start of `path`, or starts with it (the deepest such); undefined without one. */
function removalOnPath(removals: readonly Removal[], path: readonly string[]): Origin | undefined {
  let best: Removal | undefined;
  for (const removal of removals) {
    const shared = Math.min(removal.path.length, path.length);
    let same = true;
    for (let i = 0; i < shared && same; i++) same = removal.path[i] === path[i];
    if (same && (!best || removal.path.length > best.path.length)) best = removal;
  }
  return best?.by;
}

/** The path of the first field or item `edits` (offsets in the object's rendering) add to it; undefined when none. */
function writtenPath(object: RenderedObject, edits: Array<{ start: number; end: number; text: string }>): string[] | undefined {
  let text = object.text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    if (edit.start < 0 || edit.end > text.length) return undefined;
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  const after = parseSegment(text);
  return after.errors.length > 0 ? undefined : firstAddition(object.doc.toJS(), after.toJS(), []);
}

function firstAddition(before: unknown, after: unknown, path: string[]): string[] | undefined {
  if (path.length > 100) return undefined;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < after.length; i++) {
      const added = i < before.length ? firstAddition(before[i], after[i], [...path, String(i)]) : [...path, String(i)];
      if (added) return added;
    }
    return undefined;
  }
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(after)) {
      const added = key in before ? firstAddition(before[key], after[key], [...path, key]) : [...path, key];
      if (added) return added;
    }
    return undefined;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : path;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function deepestOrigin(chain: ChainEntry[]): Origin | undefined {
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].origin) return chain[i].origin;
  return undefined;
}

/** The built nodes from the object down to the deepest one at `offset` of its rendering, with their provenances. */
function originsAt(node: Node | null, built: KNode, offset: number): ChainEntry[] {
  const chain: ChainEntry[] = [{ node: built, origin: built.origin }];
  let rendered: Node | null = node;
  let current: KNode | undefined = built;
  for (let depth = 0; depth < 200 && rendered && current; depth++) {
    if (isMap(rendered) && isKMap(current)) {
      const pair = rendered.items.find((p) => {
        const key = p.key as Node | null;
        const value = p.value as Node | null;
        const start = key?.range?.[0] ?? 0;
        const end = value?.range?.[2] ?? key?.range?.[2] ?? 0;
        return start <= offset && offset < Math.max(end, start + 1);
      });
      if (!pair) break;
      const key = pair.key as Node;
      const entry = pairIn(current, String((key as { value?: unknown }).value));
      if (!entry) break;
      // On the key itself: the line that wrote the key (the value may come from elsewhere).
      if (key.range && offset < key.range[1]) {
        chain.push({ node: { type: 'scalar', value: entry.key }, origin: entry.keyOrigin ?? entry.value.origin });
        break;
      }
      chain.push({ node: entry.value, origin: entry.value.origin ?? entry.keyOrigin, key: entry.key });
      rendered = pair.value as Node | null;
      current = entry.value;
    } else if (isSeq(rendered) && isKSeq(current)) {
      const at = rendered.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return range && range[0] <= offset && offset < range[2];
      });
      if (at === -1) break;
      rendered = rendered.items[at] as Node;
      current = current.items[at];
      if (current) chain.push({ node: current, origin: current.origin });
    } else break;
  }
  return chain;
}

/**
 * Fixes come from linting the source file on its own: a fix for the same rule at the same place edits the
 * file where the value is written. Anything else gets no fix rather than a guessed one.
 */
export class StandaloneFindings {
  // A patch file is linted here for the fixes of what the build reports on it, absent fields included.
  private readonly linter = new YamlLinter({ wholeObjects: true });
  private readonly cache = new Map<string, { text: string; findings: Finding[] }>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(
    private readonly settings: EngineSettings,
    private readonly fs: HostFileSystem,
  ) {}

  /** The line index of a source file's text (shared by the overlays' findings in it). */
  linesOf(file: string, text: string): LineIndex {
    let lines = this.lines.get(file);
    if (lines?.text !== text) this.lines.set(file, (lines = new LineIndex(text)));
    return lines;
  }

  fixesFor(file: string, text: string, ruleId: string, range: Finding['range']): Finding['fixes'] {
    const same = this.findingsOf(file, text).find((f) => f.ruleId === ruleId && f.range.start.line === range.start.line);
    return same ? same.fixes : [];
  }

  /** The source file linted on its own has a finding of the rule on the line of `origin`. */
  reportsAt(origin: Origin, ruleId: string): boolean {
    const text = this.fs.readFile(origin.file);
    if (text === undefined) return false;
    const line = this.linesOf(origin.file, text).rangeOf(origin.start, Math.max(origin.end, origin.start)).start.line;
    return this.findingsOf(origin.file, text).some((f) => f.ruleId === ruleId && f.range.start.line === line);
  }

  private findingsOf(file: string, text: string): Finding[] {
    let findings = this.cache.get(file)?.text === text ? this.cache.get(file)!.findings : undefined;
    if (!findings) {
      findings = this.linter.lint(file, text, this.settings, this.fs, new WorkspaceIndex(this.settings.defaultNamespace)).findings;
      this.cache.set(file, { text, findings });
    }
    return findings;
  }
}
