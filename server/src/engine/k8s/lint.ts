// Lints a Kubernetes YAML file document by document. Each document's parse and the findings of the
// document-local rules are cached by the document's text, so an edit re-parses only what changed.
import type { Document } from 'yaml';
import { reportRuleError } from '../errors';
import { intern, internFix } from '../intern';
import { K8sContext, type K8sRule, type ParsedObject } from './context';
import { isWorkloadFragment, toK8sObjects } from './model';
import { inKustomizeTree } from '../kustomize/model';
import { dirnameOf } from '../kustomize/paths';
import { podSecurityLevel } from './pod-security-level';
import { asPatchFragment, summarize, summarizeUnparsed, type IndexReads, type ObjectSummary, type WorkspaceIndex } from './workspace-index';
import { fixesOf, type RawFinding, type RuleHit } from '../rule';
import { k8sRules } from '../rules/k8s';
import { PARSE_ERROR_RULE_ID } from '../rules/harden/parse-error';
import { annotationSuppressions, type AnnotationSuppressions } from '../suppression/annotations';
import { UNUSED_SUPPRESSION_RULE_ID, unusedSuppressionHit } from '../suppression/unused';
import { hitFixes, shiftFindings, toFindings } from '../findings';
import { detached, LineIndex, lineStarts } from '../text';
import type { EngineSettings, Finding, Fix, HostFileSystem } from '../types';
import { MAX_NESTING, nestingTooDeep, parseSegment, splitDocuments, type YamlSegment } from '../yaml/documents';
import { entryOf, reuseByText, type TextEntry } from '../yaml/reuse';
import { hasTemplateSyntax, templateView, TEMPLATE_MARKER } from '../yaml/templates';

interface CachedDocument {
  /**
   * The parse, while it is kept (`releaseTrees`): rules run on it, schema validation reuses it. A released one is
   * parsed again from `source` when a rule must run again (what a cross-document rule read changed).
   */
  tree: DocumentTree | undefined;
  /** The text parsed: the document's own, or the same-length YAML view of a template. Undefined when not parsed. */
  source: string | undefined;
  /** When a rule last ran on the tree (YamlLinter's use counter): the trees used last are the ones kept. */
  usedAt: number;
  /** The document's object, or each item of a List: linted one by one, in document offsets. */
  objects: DocumentObject[];
  /** The original text had `{{ … }}`; `source` is its same-length YAML view. */
  templated: boolean;
  /** Template actions may produce keys we cannot see: findings about absent fields are unknowable. */
  openTemplate: boolean;
  /**
   * Findings of document-local rules, in offsets of the document text: one list per object (or a single
   * list of parse diagnostics when the document has none). Undefined until the document is first linted:
   * indexing (the workspace scan) does not need them.
   */
  localHits: RuleHit[][] | undefined;
  /** A document with a YAML error: what its text says it defines, for the index (it has no objects). */
  unparsed?: ObjectSummary;
  /** Lines of the document text (line offsets of later documents add these up). */
  lineCount: number;
  /** Findings relative to the document's first line, valid while what cross-document rules read (`reads`) is unchanged. */
  /** The findings, at the line the document last sat at in its file (one copy: placing a moved document shifts it). */
  result?: { reads: IndexReads | undefined; findings: Finding[]; firstLine: number; suppressed: number; partial: boolean };
  /** The same, moved to where the document starts in the file. */
  placed?: { result: NonNullable<CachedDocument['result']>; firstLine: number; findings: Finding[] };
}

interface DocumentTree {
  doc: Document.Parsed;
  /** One per entry of `CachedDocument.objects`, in the same order. */
  objects: ParsedObject[];
}

interface DocumentObject {
  summary: ObjectSummary;
  /** The object's own annotations: they silence findings on this object only (a List item's are its own). */
  suppressions: AnnotationSuppressions;
  /** Not applyable as written (isWorkloadFragment): in a kustomize tree, a patch nothing uses (YamlLinter.isPartial). */
  fragment: boolean;
  /** A fragment's summary as the index holds it in a kustomize tree (asPatchFragment): no pods of its own. */
  patchSummary?: ObjectSummary;
}

/** A document of a file, as linted (where it starts in the file is not needed). */
export type DocumentText = Pick<YamlSegment, 'text'>;

export interface YamlLintResult {
  /** Sorted by position. */
  findings: Finding[];
  suppressed: number;
  indexChanged: boolean;
}

// Cheap test for "this was meant to be a Kubernetes object", used to decide whether a broken
// document deserves a parse diagnostic (other YAML files are none of our business).
const LOOKS_LIKE_K8S = /^(apiVersion|kind)\s*:/m;
const TOO_DEEP = `YAML nested more than ${MAX_NESTING} levels deep: not parsed (no manifest needs that); no rule can check this document.`;
// No rule inspects these kinds, and they are the largest documents people open (a CRD can be 20k lines,
// 200 ms to parse): a cheap scan of the top-level `kind:` lets us skip them entirely.
const UNINSPECTED_KIND = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?\r?$/m;
// …unless written in a removed API version, which k8s/deprecated-api-version reports (those are rare and small).
const CURRENT_CRD_API = /^apiVersion:[ \t]*["']?apiextensions\.k8s\.io\/v1["']?[ \t]*(#.*)?\r?$/m;

/** An object of the kind the linter skips (what UNINSPECTED_KIND and CURRENT_CRD_API find in a text). */
export function isUninspected(apiVersion: unknown, kind: unknown): boolean {
  return kind === 'CustomResourceDefinition' && apiVersion === 'apiextensions.k8s.io/v1';
}
/**
 * How much YAML (in characters) keeps its parse after `releaseTrees`: ~25 bytes of tree per character, so ~5 MB.
 * The documents whose rules ran last are kept: those a keystroke re-runs (the edited one's namespace) stay parsed.
 */
const KEPT_TREE_CHARACTERS = 200_000;
/** A release goes down to this share of the limit, so that the next keystrokes' new trees fit without another sort. */
const RELEASED_DOWN_TO = 0.75;

export class YamlLinter {
  /** Whether rules work out their fixes as they run (else findings say `missing`, and carry no fixes or lazy ones). */
  private readonly withFixes: boolean;
  /** Findings' fixes are worked out when first read: the rules run again on the finding's document, with fixes. */
  private readonly lazyFixes: boolean;

  /** Never take a document for a patch fragment: a kustomize build's output, or a source file linted for its fixes. */
  private readonly wholeObjects: boolean;

  /**
   * `fixes`: true (default), findings carry their fixes; false, none (what a Kustomize overlay's built objects need);
   * 'lazy', worked out on first read (what an editor needs: diagnostics for every finding, fixes for the few a code
   * action asks about). `wholeObjects`: see the field.
   */
  constructor(options: { fixes?: boolean | 'lazy'; wholeObjects?: boolean } = {}) {
    this.withFixes = options.fixes === undefined || options.fixes === true;
    this.lazyFixes = options.fixes === 'lazy';
    this.wholeObjects = options.wholeObjects === true;
  }

  private readonly files = new Map<string, { settings: EngineSettings; documents: TextEntry<CachedDocument>[] }>();
  private uses = 0;

  clearCache(): void {
    this.files.clear();
  }

  forget(path: string): void {
    this.files.delete(path);
  }

  /** The cached parse of a document of the file (templates excepted: theirs is of a masked view). */
  parsedDocument(path: string, documentText: string): Document.Parsed | undefined {
    const cached = entryOf(this.files.get(path)?.documents, documentText);
    return cached && !cached.templated ? cached.tree?.doc : undefined;
  }

  /** Some document of the file was linted as a patch fragment (isPartial) the last time it was. */
  holdsPatchFragment(path: string): boolean {
    return this.files.get(path)?.documents.some(({ value }) => value.result?.partial === true) ?? false;
  }

  /**
   * Once the parse trees of a file's documents exceed `keep` characters of YAML, drops all but those whose rules ran
   * last (down to 3/4 of `keep`):
   * an open manifest keeps its findings, objects' summaries and texts, which is all a keystroke elsewhere in
   * it needs. Its trees are most of what linting it keeps (~25 MB for 1,000 documents).
   */
  releaseTrees(path: string, keep = KEPT_TREE_CHARACTERS): void {
    const documents = this.files.get(path)?.documents ?? [];
    let parsedCharacters = 0;
    for (const { value } of documents) if (value.tree) parsedCharacters += value.source?.length ?? 0;
    // Called after every publish: most keystrokes add one document's tree to what the last release kept.
    if (parsedCharacters <= keep) return;
    const parsed = documents.map((entry) => entry.value).filter((cached) => cached.tree);
    const target = keep * RELEASED_DOWN_TO;
    let kept = 0;
    for (const cached of parsed.sort((a, b) => b.usedAt - a.usedAt)) {
      kept += cached.source?.length ?? 0;
      if (kept > target) cached.tree = undefined;
    }
  }

  /** The document's parse, parsed again if it was released; marks it used. */
  private treeOf(cached: CachedDocument): DocumentTree {
    cached.usedAt = ++this.uses;
    if (cached.tree) return cached.tree;
    const tree = parseTree(cached.source!, cached.templated);
    if (tree.objects.length !== cached.objects.length) throw new Error('a document parsed again gave other objects');
    return (cached.tree = tree);
  }

  /**
   * Parses (with the cache) and records the file's objects in the index; returns whether the index changed. `fs`:
   * where to look for a kustomize tree around the file (a patch fragment in one is indexed as such: `load`).
   */
  index(path: string, text: string, settings: EngineSettings, index: WorkspaceIndex, fs?: HostFileSystem): boolean {
    return this.load(path, splitDocuments(text), settings, index, fs).indexChanged;
  }

  lint(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): YamlLintResult {
    return this.lintSegments(path, splitDocuments(text), settings, fs, index);
  }

  /**
   * Lints a file given as its `---` documents (what splitDocuments would find in their concatenation), for a
   * caller that writes it document by document: nothing is joined, nor split again. Findings are in lines of
   * the concatenation.
   */
  lintSegments(path: string, segments: readonly DocumentText[], settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): YamlLintResult {
    const { documents, indexChanged, inTree } = this.load(path, segments, settings, index, fs);
    const findings: Finding[] = [];
    let suppressed = 0;
    let firstLine = 0;
    const run: RunContext = { path, settings, fs, index, crossRules: activeRules(settings).cross, inKustomizeTree: inTree };
    for (const { segment, cached } of documents) {
      const placed = this.placedFindings(segment, cached, firstLine, run);
      for (const finding of placed.findings) findings.push(finding);
      suppressed += cached.result?.suppressed ?? 0;
      firstLine += cached.lineCount - 1;
    }
    return { findings, suppressed, indexChanged };
  }

  /**
   * A document's findings where it sits in the file. Recomputed only when its text changed (new cache
   * entry), when something its cross-document rules read of the index changed, or when it moved by lines.
   */
  private placedFindings(segment: DocumentText, cached: CachedDocument, firstLine: number, run: RunContext): { findings: Finding[] } {
    const crossRun = cached.objects.length > 0 && run.crossRules.length > 0;
    const partial = this.isPartial(cached, run);
    const current =
      cached.result && cached.result.partial === partial && (!cached.result.reads || run.index.isUnchanged(cached.result.reads)) ? cached.result : undefined;
    if (current && cached.placed?.result === current && cached.placed.firstLine === firstLine) return cached.placed;
    let result = current;
    if (!result) {
      const crossHits = crossRun
        ? run.index.recordReads(() =>
            this.treeOf(cached).objects.map((o) => runRules(run.crossRules, new K8sContext(o, run.settings, run.fs, run.index, run.path), this.withFixes)),
          )
        : undefined;
      const reads: IndexReads | undefined = crossHits?.reads;
      const { kept, suppressed } = this.annotatedHits(segment, cached, run, partial, crossHits?.value);
      const lines = new LineIndex(segment.text);
      result = cached.result = {
        reads,
        findings: toFindings(segment.text, lines, kept, 'kubernetes', run.settings, this.findingFixes(segment.text, cached, run)),
        firstLine: 0,
        suppressed,
        partial,
      };
    }
    if (result.firstLine !== firstLine) {
      result.findings = shiftFindings(result.findings, firstLine - result.firstLine);
      result.firstLine = firstLine;
    }
    cached.placed = { result, firstLine, findings: result.findings };
    return cached.placed;
  }

  /** The document's local hits, with `cross` (its cross-document hits, per object) when given, after its annotations; `partial`: isPartial. */
  private annotatedHits(
    segment: DocumentText,
    cached: CachedDocument,
    run: RunContext,
    partial: boolean,
    cross?: RuleHit[][],
  ): { kept: RuleHit[]; suppressed: number } {
    const local = this.localHits(segment, cached, run);
    const kept: RuleHit[] = [];
    let suppressed = 0;
    if (cached.objects.length === 0) kept.push(...(local[0] ?? []));
    cached.objects.forEach((object, i) => {
      let hits = cross ? local[i].concat(templateFilter(cross[i], segment.text, cached)) : local[i];
      // A patch nothing uses says nothing by what it leaves out (as the patches the overlays use: kustomize/lint.ts).
      if (partial && object.fragment) hits = hits.filter((hit) => !isAboutAbsence(hit));
      const annotated = applyAnnotations(hits, object.suppressions, run.settings);
      kept.push(...annotated.kept);
      suppressed += annotated.suppressed;
    });
    return { kept, suppressed };
  }

  /**
   * The findings of the document-local rules in the documents that start before line `lines`: a first look at a
   * large file while the rest is linted. Each one is final (those rules read nothing outside their document), so
   * `lint` only adds to them; "unused suppression" is left out, as what a suppression silences may be a
   * cross-document finding. Parses are cached for `lint`; nothing else is.
   */
  preview(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex, lines: number): Finding[] {
    const previous = this.previousDocuments(path, settings);
    const run: RunContext = { path, settings, fs, index, crossRules: [], inKustomizeTree: undefined };
    const findings: Finding[] = [];
    const seen: TextEntry<CachedDocument>[] = [];
    let firstLine = 0;
    for (const [i, segment] of splitDocuments(text).entries()) {
      if (firstLine >= lines) break;
      const cached = previous[i]?.text === segment.text ? previous[i].value : this.analyse(path, segment.text, settings);
      seen.push({ text: segment.text, value: cached });
      const kept = this.annotatedHits(segment, cached, run, this.isPartial(cached, run)).kept.filter((hit) => hit.ruleId !== UNUSED_SUPPRESSION_RULE_ID);
      const local = toFindings(segment.text, new LineIndex(segment.text), kept, 'kubernetes', settings, this.findingFixes(segment.text, cached, run));
      for (const finding of shiftFindings(local, firstLine)) findings.push(finding);
      firstLine += cached.lineCount - 1;
    }
    // What `lint` will match its documents against: these, then the rest of what was cached before.
    this.files.set(path, { settings, documents: seen.concat(previous.slice(seen.length)) });
    return findings;
  }

  /**
   * `fs`: when given, a patch fragment in a kustomize tree (a patch nothing uses, isPartial) goes into the index
   * without pods (asPatchFragment): the objects it patches are known by their build, and the pods it seems to
   * describe must not count as the namespace's in other files' rules.
   */
  private load(path: string, segments: readonly DocumentText[], settings: EngineSettings, index: WorkspaceIndex, fs?: HostFileSystem) {
    const current = reuseByText(
      this.previousDocuments(path, settings),
      segments.map((segment) => segment.text),
      (documentText) => this.analyse(path, documentText, settings),
    );
    const documents = segments.map((segment, i) => ({ segment, cached: current[i].value }));
    this.files.set(path, { settings, documents: current });
    // Looked up only for a file with fragments, as isPartial does (which reuses it).
    const inTree = fs && documents.some(({ cached }) => cached.objects.some((o) => o.patchSummary)) ? inKustomizeTree(fs, dirnameOf(path)) : undefined;
    const summaries = documents.flatMap(({ cached }) =>
      cached.unparsed ? [cached.unparsed] : cached.objects.map((o) => (inTree && o.patchSummary) || o.summary),
    );
    return { documents, indexChanged: index.setFile(path, summaries), inTree };
  }

  private previousDocuments(path: string, settings: EngineSettings): readonly TextEntry<CachedDocument>[] {
    const cachedFile = this.files.get(path);
    return cachedFile?.settings === settings ? cachedFile.documents : [];
  }

  private analyse(path: string, text: string, settings: EngineSettings): CachedDocument {
    const none: CachedDocument = {
      lineCount: countLines(text),
      tree: undefined,
      source: undefined,
      usedAt: ++this.uses,
      objects: [],
      templated: false,
      openTemplate: false,
      localHits: [[]],
    };
    if (!LOOKS_LIKE_K8S.test(text) || (UNINSPECTED_KIND.test(text) && CURRENT_CRD_API.test(text))) return none;
    // What is cached below (the parse, the objects, their summaries) must not hold the whole file's text.
    text = detached(text);
    const templated = hasTemplateSyntax(text);
    const view = templated ? templateView(text) : { text, hasKeyProducingActions: false };
    const tooDeep = { ...none, localHits: [templated ? [] : [{ ruleId: PARSE_ERROR_RULE_ID, start: 0, end: Math.min(text.length, 1), message: TOO_DEEP }]] };
    if (nestingTooDeep(view.text)) return tooDeep;
    let tree: DocumentTree;
    try {
      tree = parseTree(view.text, templated);
    } catch (error) {
      // The parser recurses per nesting level: a stack overflow the pre-scan missed. Say so, do not crash.
      if (!(error instanceof RangeError)) throw error;
      return tooDeep;
    }
    const { doc } = tree;
    const parsed = { ...none, tree, source: view.text, templated };
    if (doc.errors.length > 0) {
      // A template that is still not YAML after masking says nothing: the rendered output may be fine.
      if (templated) return parsed;
      const error = doc.errors[0];
      const [start, end] = error.pos;
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      const message = `YAML syntax error: ${error.message.split('\n')[0]}${more}. Other rules skip this document until it parses.`;
      const localHits = [[{ ruleId: PARSE_ERROR_RULE_ID, start, end: Math.max(end, start + 1), message }]];
      return { ...parsed, localHits, unparsed: summarizeUnparsed(path, text) };
    }
    const objects = tree.objects.map((parsedObject): DocumentObject => {
      const summary = withPodSecurityLevel(
        summarize(path, parsedObject.object, settings.workloadKinds, view.hasKeyProducingActions),
        parsedObject,
        settings,
        templated,
      );
      const fragment = !this.wholeObjects && isWorkloadFragment(parsedObject.object, settings.workloadKinds);
      const suppressions = annotationSuppressions(parsedObject.object, settings.workloadKinds);
      return fragment ? { summary, suppressions, fragment, patchSummary: asPatchFragment(summary) } : { summary, suppressions, fragment };
    });
    if (objects.length === 0) return parsed;
    return { ...parsed, objects, openTemplate: view.hasKeyProducingActions, localHits: undefined };
  }

  /**
   * How a document's findings get their fixes (toFindings' `fixes`). Lazy: on the first read of one, every rule runs
   * again on the document with fixes, and each finding takes its hit's (none when the hit is gone: the workspace
   * changed since); fix-all, which reads them all, pays one run per document. Hits of the engine's own (suppressions)
   * carry theirs.
   */
  private findingFixes(text: string, cached: CachedDocument, run: RunContext): boolean | ((hit: RuleHit) => Fix[]) {
    if (!this.lazyFixes) return this.withFixes;
    // Kept while the index is unchanged: fixes may read more of it than their findings did (a Dockerfile's VOLUMEs).
    let again: { hits: RuleHit[]; version: number } | undefined;
    let lines: LineIndex | undefined;
    return (hit) => {
      lines ??= new LineIndex(text);
      if (hit.fixes !== undefined) return hitFixes(hit, text, lines, 'kubernetes');
      if (again?.version !== run.index.version) again = { hits: this.hitsWithFixes(text, cached, run), version: run.index.version };
      const same = again.hits.find((h) => h.ruleId === hit.ruleId && h.start === hit.start && h.end === hit.end && h.message === hit.message);
      return hitFixes(same ?? hit, text, lines, 'kubernetes');
    };
  }

  /**
   * Whether the document holds a patch fragment (an object the API would refuse, isWorkloadFragment) in a kustomize
   * tree (a kustomization beside it or above): a patch no kustomization uses (those it uses are linted through the
   * build). The folders are looked at once per lint, only for such documents.
   */
  private isPartial(cached: CachedDocument, run: RunContext): boolean {
    if (!cached.objects.some((object) => object.fragment)) return false;
    return (run.inKustomizeTree ??= inKustomizeTree(run.fs, dirnameOf(run.path)));
  }

  /** Every active rule's hits on the document, with their fixes. */
  private hitsWithFixes(text: string, cached: CachedDocument, run: RunContext): RuleHit[] {
    const { local, cross } = activeRules(run.settings);
    const rules = [...local, ...cross];
    const hits = this.treeOf(cached).objects.flatMap((o) => runRules(rules, new K8sContext(o, run.settings, run.fs, run.index, run.path), true));
    return templateFilter(hits, text, cached);
  }

  /** Findings of the document-local rules, computed on first need and cached with the document. */
  private localHits(segment: DocumentText, cached: CachedDocument, run: RunContext): RuleHit[][] {
    if (cached.localHits) return cached.localHits;
    // Document-local rules may not read the index (their results are cached by the document's text).
    const localRules = activeRules(run.settings).local;
    return (cached.localHits = this.treeOf(cached).objects.map((o) => {
      const context = new K8sContext(o, run.settings, run.fs, run.index, run.path);
      return templateFilter(runRules(localRules, context, this.withFixes), segment.text, cached);
    }));
  }
}

interface RunContext {
  path: string;
  settings: EngineSettings;
  fs: HostFileSystem;
  index: WorkspaceIndex;
  crossRules: K8sRule[];
  /** A kustomization file sits beside the file linted or in a folder above (worked out on first need: YamlLinter.isPartial). */
  inKustomizeTree: boolean | undefined;
}

/** `text` is a string of the cache's own (`detached`): the tree's objects keep it. */
function parseTree(text: string, templated: boolean): DocumentTree {
  const doc = parseSegment(text, templated, true);
  return { doc, objects: doc.errors.length > 0 ? [] : toK8sObjects(doc).map((object) => ({ object, doc, text })) };
}

/**
 * A template's pods are known only once rendered (the Helm linter lints the rendered chart): their level is left unknown.
 * So are the pods of a manifest that names no namespace: which Namespace they land in is the deployer's `-n`, and the
 * level (16 rules run again) would cost every keystroke of a large file for nothing.
 */
function withPodSecurityLevel(summary: ObjectSummary, parsed: ParsedObject, settings: EngineSettings, templated: boolean): ObjectSummary {
  if (templated || !summary.podLabels || summary.namespace === undefined) return summary;
  const level = podSecurityLevel(parsed, settings);
  return level && level !== 'restricted' ? { ...summary, podSecurityLevel: level } : summary;
}

function countLines(text: string): number {
  return lineStarts(text).length;
}

// The rules a settings object turns on, worked out once per settings object (asked per lint and per new document).
const rulesBySettings = new WeakMap<EngineSettings, { local: K8sRule[]; cross: K8sRule[] }>();

function activeRules(settings: EngineSettings): { local: K8sRule[]; cross: K8sRule[] } {
  let rules = rulesBySettings.get(settings);
  if (!rules) {
    const on = k8sRules.filter((rule) => (settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity) !== 'off');
    rules = { local: on.filter((r) => !r.crossDocument), cross: on.filter((r) => r.crossDocument) };
    rulesBySettings.set(settings, rules);
  }
  return rules;
}

function runRules(rules: readonly K8sRule[], context: K8sContext, withFixes: boolean): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    try {
      rule.check(context, (finding) => hits.push(k8sHit(finding, rule.meta.id, withFixes)));
    } catch (error) {
      reportRuleError(rule.meta.id, error);
    }
  }
  return hits;
}

/**
 * A rule's finding as a hit: whether it is about something absent settled (`missing`: said by the rule, else its
 * first fix only inserts), its fixes only when asked for (a lazy fix is then never worked out, unless the rule
 * leaves absence to be read from it), and its texts interned.
 */
function k8sHit(finding: RawFinding, ruleId: string, withFixes: boolean): RuleHit {
  const fixes = withFixes || finding.missing === undefined ? fixesOf(finding) : undefined;
  const preferred = fixes?.[0];
  const missing = finding.missing ?? (!!preferred && preferred.edits.length > 0 && preferred.edits.every((e) => e.start === e.end));
  const hit: RuleHit = { ruleId, start: finding.start, end: finding.end, message: intern(finding.message), missing };
  if (finding.severity) hit.severity = finding.severity;
  if (withFixes && fixes) hit.fixes = fixes.map(internFix);
  return hit;
}

function isAboutAbsence(hit: RuleHit): boolean {
  return hit.missing === true;
}

/**
 * In templated documents: drop findings about absent fields when template actions may produce them, and
 * drop fixes that would copy template placeholders or overwrite template text.
 */
function templateFilter(hits: RuleHit[], originalText: string, cached: CachedDocument): RuleHit[] {
  if (!cached.templated) return hits;
  return hits
    .filter((hit) => !(cached.openTemplate && isAboutAbsence(hit)))
    .map((hit) => ({
      ...hit,
      fixes: hit.fixes?.filter((fix) => fix.edits.every((e) => !e.newText.includes(TEMPLATE_MARKER) && !/\{\{|\}\}/.test(originalText.slice(e.start, e.end)))),
    }));
}

function applyAnnotations(
  hits: RuleHit[],
  suppressions: AnnotationSuppressions | undefined,
  settings: EngineSettings,
): { kept: RuleHit[]; suppressed: number } {
  if (!suppressions || (!suppressions.all && suppressions.ruleIds.size === 0)) return { kept: hits, suppressed: 0 };
  const kept = hits.filter((hit) => !(suppressions.all || suppressions.ruleIds.has(hit.ruleId)));
  const suppressed = hits.length - kept.length;
  for (const own of suppressions.own) {
    for (const id of own.ruleIds) {
      const used = hits.some((hit) => hit.ruleId === id);
      const unused = unusedSuppressionHit(id, used, settings, own.start, own.end, 'annotation');
      if (unused) kept.push(unused);
    }
  }
  return { kept, suppressed };
}
