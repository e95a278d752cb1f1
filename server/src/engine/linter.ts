// Linter: text -> findings with fixes, for any supported language. Keeps per-document caches so that
// re-linting an edited file only re-parses and re-checks the documents whose text changed.
import type { Document } from 'yaml';
import { isComposeFileName } from './compose/model';
import { isTestAssertionFileName } from './k8s/test-assertions';
import { isKustomizationFile } from './kustomize/fileNames';
import { lintCompose } from './compose/lint';
import { isConfigFile, parseConfig } from './config';
import { lintDockerfile } from './dockerfile/lint';
import { summarizeDockerfile } from './dockerfile/summary';
import { resolvedHit, type RuleHit } from './rule';
import { LineIndex, applyOffsetEdits } from './text';
import type { EngineSettings, Finding, HostFileSystem, Language, OffsetEdit, Position, Range } from './types';
import { DEFAULT_SETTINGS } from './types';
import { summarizeUnrendered, WorkspaceIndex } from './k8s/workspace-index';
import { copyWithLazyFixes, hitFixes, sortFindings, toFindings } from './findings';
import { saysGenerated } from './generated';
import { SAFE_FIXES, selectFix, type FixFilter } from './fix-kinds';
import { applyDirectives, mayHoldDirectives } from './suppression/apply';
import type { YamlSegment } from './yaml/documents';
import { YamlLinter } from './k8s/lint';
import { ChartLinter } from './helm/charts';
import { findChartRoot, helmIgnore, joinPath } from './helm/chart';
import { UNUSED_SUPPRESSION_RULE_ID } from './suppression/unused';
import { RENDER_ERROR_RULE_ID } from './helm/lint';
import { reportRuleError } from './errors';
import { withoutCaching } from './dockerfile/transient';

export interface SourceFile {
  /** Absolute file-system path (used for language detection and for files beside it). */
  path: string;
  text: string;
  /** Editor language id, when known (`yaml`, `dockerfile`). */
  languageId?: string;
}

export interface LintResult {
  language: Language | undefined;
  findings: Finding[];
  /** The file's objects changed what other files' cross-file rules see: re-lint those files. */
  indexChanged: boolean;
  /** Findings silenced by suppression comments or annotations. */
  suppressed: number;
}

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  applied: number;
  /** Findings left after fixing. */
  remaining: Finding[];
}

/** A finding's rule, message and start offset: what fixAll compares across passes. */
interface FindingSpot {
  ruleId: string;
  message: string;
  offset: number;
}

const NO_FS: HostFileSystem = { exists: () => false, readFile: () => undefined };
const MAX_FIX_PASSES = 10;

export function detectLanguage(path: string, languageId?: string): Language | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  if (languageId === 'dockerfile') return 'dockerfile';
  if (/\.dockerignore$/i.test(base)) return undefined;
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  // Before the YAML test: Compose files are YAML but not manifests (`dockercompose` is the Docker extension's id).
  if (languageId === 'dockercompose' || isComposeFileName(base)) return 'compose';
  // A kuttl or chainsaw test's expected state: part of an object, never applied.
  if (isTestAssertionFileName(base)) return undefined;
  if (languageId === 'yaml' || /\.ya?ml$/i.test(base)) return 'kubernetes';
  // A kustomization named plain `Kustomization` is YAML too (its build errors are reported on it).
  if (isKustomizationFile(base)) return 'kubernetes';
  // Helm partials: their text is linted as it renders into the chart's manifests.
  if (/\.tpl$/i.test(base)) return 'kubernetes';
  // A chart's NOTES.txt renders with the chart (a `fail` in it fails `helm install`): its render errors go on it.
  if (isHelmNotesFile(path)) return 'kubernetes';
  return undefined;
}

/**
 * A chart's `templates/NOTES.txt`: Helm renders it with the other templates (an error in it fails the whole
 * render) and shows its output after an install, never applies it. Only the chart's findings land in it.
 */
export function isHelmNotesFile(path: string): boolean {
  return /(?:^|\/)templates\/(?:[^/]+\/)*NOTES\.txt$/.test(path.replace(/\\/g, '/'));
}

/** Helm template text that is not YAML on its own (partials, NOTES.txt): its findings are the chart's, nothing else. */
function isChartOnlyText(path: string): boolean {
  return /\.tpl$/i.test(path) || isHelmNotesFile(path);
}

export interface LinterOptions {
  /**
   * 'lazy': a Kubernetes finding's fixes are worked out when first read (its rule runs again on its document), a
   * Dockerfile finding's when its rule's fix function is first called, for an editor that shows every finding and
   * asks for the fixes of a few. Default 'eager'.
   */
  fixes?: 'eager' | 'lazy';
}

export class Linter {
  private settings: EngineSettings;
  private readonly yaml: YamlLinter;
  private readonly charts = new ChartLinter();
  private readonly lazyFixes: boolean;

  constructor(
    settings: Partial<EngineSettings> = {},
    private readonly fs: HostFileSystem = NO_FS,
    /** Shared with the host, which feeds it the workspace's files (`indexFile`). */
    readonly index: WorkspaceIndex = new WorkspaceIndex(),
    options: LinterOptions = {},
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.yaml = new YamlLinter({ fixes: options.fixes === 'lazy' ? 'lazy' : true });
    this.lazyFixes = options.fixes === 'lazy';
  }

  getSettings(): EngineSettings {
    return this.settings;
  }

  updateSettings(settings: Partial<EngineSettings>): void {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.yaml.clearCache();
    this.charts.clear();
  }

  /** Forgets cached documents of a file that was closed; `deleted` also drops it from the index. */
  forget(path: string, deleted = false): boolean {
    this.yaml.forget(path);
    return deleted ? this.index.removeFile(path) : false;
  }

  /**
   * Records what other files' rules need from this file (Kubernetes objects, a Dockerfile's user) without
   * reporting anything: the workspace scan and the CLI's first pass. Returns whether the index changed.
   * `transient`: the file will not be linted next (a file the editor has not open): its Dockerfile parse is
   * not cached.
   */
  indexFile(file: SourceFile, { transient = false }: { transient?: boolean } = {}): boolean {
    const language = detectLanguage(file.path, file.languageId);
    if (language === 'dockerfile') {
      const summarize = () => summarizeDockerfile(file.text, file.path, this.settings.dockerTarget);
      return this.index.setDockerfile(transient ? withoutCaching(summarize) : summarize());
    }
    if (language !== 'kubernetes' || isConfigFile(file.path) || isHelmNotesFile(file.path)) return false;
    // A chart's template is indexed as it renders, when the chart is linted; its masked text would add each object
    // a second time with its templated names unknown (a Deployment "behind Service "?"").
    if (this.isChartTemplate(file.path)) return false;
    return this.yaml.index(file.path, file.text, this.settings, this.index, this.fs);
  }

  /**
   * A file in a chart's folder that its `.helmignore` leaves out of the chart: rendered examples
   * (opentelemetry-collector's `examples/<name>/rendered/`, 289 of its 290 findings), CI values. They repeat what the
   * chart's templates render, where it is reported and fixed; linted as manifests they are noise, and `--fix` rewrote them.
   */
  private isHelmIgnored(path: string): boolean {
    const normalized = path.replace(/\\/g, '/');
    const root = findChartRoot(this.fs, path)?.replace(/\\/g, '/');
    if (!root || !normalized.startsWith(`${root}/`)) return false;
    const parts = normalized.slice(root.length + 1).split('/');
    const ignored = helmIgnore(this.fs.readFile(joinPath(root, '.helmignore')));
    // As Helm walks the chart: a folder left out leaves out everything in it.
    return parts.some((_, i) => ignored(parts.slice(0, i + 1).join('/'), i < parts.length - 1));
  }

  private isChartTemplate(path: string): boolean {
    return !!this.fs.listDirectory && /\/templates\//.test(path.replace(/\\/g, '/')) && findChartRoot(this.fs, path) !== undefined;
  }

  /** The parse of one `---` document of a file linted or indexed with this Linter, while it is cached. */
  parsedDocument(path: string, documentText: string): Document.Parsed | undefined {
    return this.yaml.parsedDocument(path, documentText);
  }

  /**
   * The manifest, as last linted, holds a patch fragment of a kustomize tree that no kustomization uses (an object
   * the API would refuse, in a folder with a kustomization or below one): what it leaves out says nothing, schema
   * checks of required fields included. Files read by a kustomize build are linted through it instead.
   */
  isUnusedPatchFragment(path: string): boolean {
    return this.yaml.holdsPatchFragment(path);
  }

  /**
   * Lets go of most of a manifest's parse trees once its findings are out (an editor calls this after a publish
   * and the schema validation that reuses them): findings, summaries and texts stay, so the next lint re-parses
   * only what it must re-check. The trees of the documents checked last are kept, up to `keepCharacters` of YAML.
   */
  releaseParses(path: string, keepCharacters?: number): void {
    this.yaml.releaseTrees(path, keepCharacters);
  }

  /**
   * `segments`: the file's `---` documents, when the caller keeps them (an editor's text model): a Kubernetes
   * manifest is then linted from them, and its whole text (`file.text`) is read only if a suppression comment
   * or a Helm chart needs it. They must be what splitDocuments(file.text) gives.
   */
  lint(file: SourceFile, segments?: readonly YamlSegment[]): LintResult {
    const language = detectLanguage(file.path, file.languageId);
    if (!language) return { language, findings: [], indexChanged: false, suppressed: 0 };
    if (isConfigFile(file.path)) {
      // An invalid file: its first problem. A valid one: each entry it leaves out, on its line.
      const { problems } = parseConfig(file.text);
      const reported = problems.some((p) => p.severity !== 'warning') ? problems.slice(0, 1) : problems;
      const hits = reported.map((p) => ({ ...p, ruleId: 'harden/invalid-config' }));
      return { language, findings: this.toFindings(file.text, hits, language), indexChanged: false, suppressed: 0 };
    }
    let findings: Finding[];
    let suppressed = 0;
    let indexChanged = false;
    let rendered: ((offset: number) => boolean) | undefined;
    const chart = language === 'kubernetes' ? this.lintInChart(file) : undefined;
    if (chart) {
      ({ findings, suppressed, indexChanged, rendered } = chart);
    } else if (isChartOnlyText(file.path)) {
      findings = [];
    } else if (language === 'dockerfile') {
      findings = this.toFindings(file.text, lintDockerfile(file.text, file.path, this.settings, this.fs, this.lazyFixes), language);
      // From the lint's own parse of every stage (cached), not a second parse of the stages the summary reads.
      indexChanged = this.index.setDockerfile(summarizeDockerfile(file.text, file.path, this.settings.dockerTarget, { wholeFile: true }));
    } else if (language === 'compose') {
      findings = this.toFindings(file.text, lintCompose(file.text, file.path, this.settings, this.fs, this.index), language);
    } else {
      ({ findings, suppressed, indexChanged } = segments
        ? this.yaml.lintSegments(file.path, segments, this.settings, this.fs, this.index)
        : this.yaml.lint(file.path, file.text, this.settings, this.fs, this.index));
    }
    // A file that says it is generated is reported on, never edited (see generated.ts).
    const generated = saysGenerated(segments ? (segments[0]?.text ?? '') : file.text);
    const unfixed = (list: Finding[]) => (generated ? list.map((f) => (this.lazyFixes ? copyWithLazyFixes(f, () => []) : { ...f, fixes: [] })) : list);
    if (segments && !segments.some((segment) => mayHoldDirectives(segment.text))) return { language, findings: unfixed(findings), indexChanged, suppressed };
    // A comment in template text these values do not render may serve under others: never called unused.
    const directives = applyDirectives(file.text, findings, this.settings, language, rendered);
    return { language, findings: unfixed(directives.kept), indexChanged, suppressed: suppressed + directives.suppressed };
  }

  /**
   * A first look at a large manifest file, for an editor to show while `lint` runs: the findings of the rules that
   * read one document only, in the documents that start in the first `lines` lines. `lint` reports each of them
   * too (nothing here is withdrawn later). Undefined for files whose findings come from elsewhere (Helm charts)
   * and other languages.
   */
  previewLint(file: SourceFile, lines: number): Finding[] | undefined {
    if (detectLanguage(file.path, file.languageId) !== 'kubernetes' || isConfigFile(file.path) || isChartOnlyText(file.path)) return undefined;
    if (this.fs.listDirectory && findChartRoot(this.fs, file.path)) return undefined;
    const findings = this.yaml.preview(file.path, file.text, this.settings, this.fs, this.index, lines);
    return applyDirectives(file.text, findings, this.settings, 'kubernetes').kept.filter((f) => f.ruleId !== UNUSED_SUPPRESSION_RULE_ID);
  }

  /**
   * A file of a Helm chart (template, partial, values.yaml): the chart's findings that land in it. A template
   * that fails to render is also linted as masked text, as before charts rendered.
   */
  private lintInChart(
    file: SourceFile,
  ): { findings: Finding[]; suppressed: number; indexChanged: boolean; rendered?: (offset: number) => boolean } | undefined {
    // The file's own text wins over what the file system holds (unsaved edits, fix passes).
    const fs: HostFileSystem = {
      exists: (p) => p === file.path || this.fs.exists(p),
      readFile: (p) => (p === file.path ? file.text : this.fs.readFile(p)),
      listDirectory: this.fs.listDirectory ? (p) => this.fs.listDirectory!(p) : undefined,
    };
    const lintRendered = {
      index: (path: string, text: string) => void this.yaml.index(path, text, this.settings, this.index),
      indexUnrendered: (path: string, text: string, chartDir: string) => {
        this.yaml.forget(path);
        this.index.setFile(path, [summarizeUnrendered(path, text, chartDir)]);
      },
      lint: (path: string, text: string) => this.yaml.lint(path, text, this.settings, fs, this.index).findings,
    };
    let result;
    try {
      result = this.charts.lintFile(fs, file.path, this.settings, lintRendered);
    } catch (error) {
      // A chart the renderer cannot cope with (a cyclic value, exhausted stack) is linted as masked text, as before.
      reportRuleError(RENDER_ERROR_RULE_ID, error);
      return undefined;
    }
    if (!result) return undefined;
    const base = file.path.replace(/\\/g, '/').split('/').pop() ?? '';
    const isTemplate = /\/templates\//.test(file.path.replace(/\\/g, '/'));
    if (!isTemplate && base !== 'values.yaml' && !(this.settings.helm?.valuesFiles ?? []).includes(file.path) && result.findings.length === 0)
      return this.isHelmIgnored(file.path) ? { findings: [], suppressed: 0, indexChanged: false } : undefined;
    if (result.renderFailed && !isChartOnlyText(file.path)) {
      const masked = this.yaml.lint(file.path, file.text, this.settings, fs, this.index);
      return {
        findings: sortFindings([...result.findings, ...masked.findings]),
        suppressed: masked.suppressed,
        indexChanged: masked.indexChanged || result.rerendered,
      };
    }
    // A re-render can move findings into the chart's other files: the host re-lints them (from the cache).
    return { findings: sortFindings([...result.findings]), suppressed: 0, indexChanged: result.rerendered, rendered: result.rendered };
  }

  /**
   * Applies the fix `filter` selects of every finding (default: safe fixes only), re-linting between passes
   * so that fixes never conflict.
   */
  fixAll(file: SourceFile, filter: FixFilter = SAFE_FIXES): FixAllResult {
    let text = file.text;
    let applied = 0;
    // Where the findings fixed by the last pass were, and the findings a fix left in place (same rule, message and
    // start): such a fix is not applied again, or each pass would add its text once more (a fix that lands in
    // an unterminated heredoc never clears its finding).
    let fixed: FindingSpot[] = [];
    let stuck: FindingSpot[] = [];
    // What earlier passes wrote, where it is now. A fix that would write the same text over or next to it again is not
    // applied: it was worked out from offsets of an older text (a Helm partial's edits mapped through a stale render made
    // `privileged: falseeeeeeeeee`), or never converges.
    let written: OffsetEdit[] = [];
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const { findings } = this.lint({ ...file, text });
      const index = new LineIndex(text);
      const spotOf = (f: Finding): FindingSpot => ({ ruleId: f.ruleId, message: f.message, offset: index.offsetAt(f.range.start) });
      const isAt = (spot: FindingSpot, spots: FindingSpot[]) =>
        spots.some((s) => s.ruleId === spot.ruleId && s.message === spot.message && s.offset === spot.offset);
      stuck.push(...findings.map(spotOf).filter((spot) => isAt(spot, fixed)));
      fixed = [];
      const taken: Array<[number, number]> = [];
      const edits: OffsetEdit[] = [];
      for (const finding of findings) {
        const fix = selectFix(finding, filter);
        if (!fix || fix.createFiles?.length || fix.otherFiles?.length || isAt(spotOf(finding), stuck)) continue;
        const offsets = fix.edits.map((e) => ({
          start: index.offsetAt(e.range.start),
          end: index.offsetAt(e.range.end),
          newText: e.newText,
        }));
        if (fix.edits.some((e) => !isIn(index, e.range)) || offsets.some((o) => rewrites(o, written))) continue;
        // Two fixes touching the same place (e.g. both creating `securityContext`) wait for the next pass.
        const clash = offsets.some((o) => taken.some(([s, e]) => o.start <= e && o.end >= s));
        if (clash) continue;
        for (const o of offsets) taken.push([o.start, o.end]);
        edits.push(...offsets);
        fixed.push(spotOf(finding));
        applied++;
      }
      if (edits.length === 0) return { text, applied, remaining: findings };
      text = applyOffsetEdits(text, edits);
      // The spots move with the text the edits before them insert or remove. A spot whose text an edit replaced
      // is forgotten: what the rule reports there next is about other text (a duplicate line moved up).
      const moved = (spot: FindingSpot): FindingSpot[] =>
        edits.some((e) => e.start <= spot.offset && spot.offset < e.end)
          ? []
          : [{ ...spot, offset: edits.reduce((at, e) => (e.end <= spot.offset ? at + e.newText.length - (e.end - e.start) : at), spot.offset) }];
      fixed = fixed.flatMap(moved);
      stuck = stuck.flatMap(moved);
      written = [...written.flatMap((w) => movedEdit(w, edits)), ...edits.map((e) => writtenBy(e, edits))];
    }
    return { text, applied, remaining: this.lint({ ...file, text }).findings };
  }

  private toFindings(text: string, hits: RuleHit[], language: Language): Finding[] {
    const index = new LineIndex(text);
    // Lazy: a Dockerfile's fixes (merging RUNs parses their shell scripts) are worked out when a code action asks.
    const fixes = this.lazyFixes ? (hit: RuleHit) => hitFixes(resolvedHit(hit), text, index, language) : true;
    return toFindings(text, index, hits, language, this.settings, fixes);
  }
}

/**
 * Whether a range lies within the text (a fix worked out on an older, longer text may point past its end). The end of
 * the text may be written as the start of the line after it.
 */
function isIn(index: LineIndex, range: Range): boolean {
  const inText = (p: Position) =>
    (p.line === index.lineCount && p.character === 0) ||
    (p.line >= 0 &&
      p.line < index.lineCount &&
      p.character >= 0 &&
      index.lineStart(p.line) + p.character <= (p.line + 1 < index.lineCount ? index.lineStart(p.line + 1) : index.text.length));
  return inText(range.start) && inText(range.end);
}

/** Whether an edit writes again the text an earlier pass wrote, over it or next to it. */
function rewrites(edit: OffsetEdit, written: readonly OffsetEdit[]): boolean {
  return edit.newText.length > 0 && written.some((w) => w.newText === edit.newText && edit.start <= w.end && edit.end >= w.start);
}

/** Where the text that `edit` (one of `edits`, applied at once) wrote is in the result. */
function writtenBy(edit: OffsetEdit, edits: readonly OffsetEdit[]): OffsetEdit {
  const start = edits.reduce((at, e) => (e !== edit && e.end <= edit.start ? at + e.newText.length - (e.end - e.start) : at), edit.start);
  return { start, end: start + edit.newText.length, newText: edit.newText };
}

/** A span of text after `edits`: moved with the text before it, gone when an edit replaced part of it. */
function movedEdit(span: OffsetEdit, edits: readonly OffsetEdit[]): OffsetEdit[] {
  if (edits.some((e) => e.start < span.end && e.end > span.start)) return [];
  const by = edits.reduce((at, e) => (e.end <= span.start ? at + e.newText.length - (e.end - e.start) : at), 0);
  return [{ ...span, start: span.start + by, end: span.end + by }];
}
