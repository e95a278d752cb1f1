// Lints a chart as it renders and reports each finding where the user can act: on the template text it was
// copied from, or on the values.yaml line a value was printed from. A fix travels with its finding only
// when every edit lands inside text of that same file (a literal in the template, a whole value in values).
// A template that does not render gets one `helm/render-error` at the failing action.
import { copyWithLazyFixes, toFindings } from '../findings';
import { PARSE_ERROR_RULE_ID } from '../rules/harden/parse-error';
import { applyTextEdits, escapeRegExp, LineIndex } from '../text';
import type { EngineSettings, Finding, Fix, HelmSettings, HostFileSystem, Position, TextEdit } from '../types';
import type { LoadedChart } from './chart';
import { fetchedDependencyOf, joinPath, loadChart } from './chart';
import type { RenderError, RenderOptions, RenderResult } from './render';
import { renderChart } from './render';
import { isLiteralCopy, segmentAt, type Segment } from './template/sourcemap';
import {
  copiesBefore,
  copiesComputed,
  computedWords,
  crossesBlock,
  indentOfInsert,
  isOutsideChart,
  lineOf,
  locateRange,
  mapEdit,
  outsideValueAt,
  toRange,
  type Located,
} from './sourceMapping';
import { parseValuesYaml } from './yamlValues';
import { coalesceTables, copyTables, mergeUserValues } from './values';
import { chartWithValues, rendersWithValuesText, withValue, withoutValue, type RenderWith } from './otherValues';
import {
  appVersionOrigin,
  fieldSource,
  mergeSharedFindings,
  objectLabelOf,
  PINNED_COUNT_FIELDS,
  readerCount,
  valuesPathAt,
  type ObjectId,
} from './valueReaders';
import { relativePath } from '../kustomize/paths';
import { insertsConditionalKey, valuesKnobFix, type ValuesKnobFix } from './valuesKnob';
import { RenderedDocuments } from './renderedDocuments';
import { PrintedSources } from './printedSources';

export const RENDER_ERROR_RULE_ID = 'helm/render-error';

/**
 * Lints rendered manifests: `index` records one's objects (every template's go in before any is linted, so that a
 * cross-template rule sees the chart whole), `lint` returns its findings in its own positions.
 */
export interface RenderedLinter {
  index(virtualPath: string, text: string): void;
  /**
   * Records that a template of the chart at `chartDir` did not render (`text`: its source): the chart's objects are
   * not all known, and cross-object rules must not conclude that one is missing.
   */
  indexUnrendered(virtualPath: string, text: string, chartDir: string): void;
  lint(virtualPath: string, text: string): Finding[];
}

export interface ChartFindings {
  chartDir: string;
  /** Absolute file path -> findings in that file's positions. */
  byFile: Map<string, Finding[]>;
  render: RenderResult;
}

/** Rendered manifests are linted under paths no real file has, so they never mix with the files' own caches. */
export const RENDERED_DIR = '\0rendered';

const LINTABLE = /\.(ya?ml|tpl)$/i;
/** A file of a chart's (or subchart's) templates/ folder. */
const TEMPLATE_FILE = /(?:^|\/)templates\//;

/**
 * What a template meets when a dependency is not fetched: its defines are missing, and its values are nil (read
 * through, printed, or passed where a function wants a string: argo-workflows' `tpl .Values.postgresql.auth.existingSecret`).
 */
const MISSING_DEFINE = /no such template|not defined/;
const NIL_VALUE = /nil pointer evaluating|of untyped nil|expected \w+; got interface \{\}|invalid value; expected/;

/** Renders the chart at `chartDir` and lints every rendered manifest, findings mapped to their sources. */
export function lintChart(
  fs: HostFileSystem,
  chartDir: string,
  settings: EngineSettings,
  helm: HelmSettings,
  lintRendered: RenderedLinter,
  loaded?: LoadedChart,
  render?: RenderResult,
  /** The last render linted with the same settings: a template whose output it had is indexed already. */
  previous?: RenderResult,
): ChartFindings | undefined {
  const chart = loaded ?? loadChart(fs, chartDir);
  if (!chart) return undefined;
  const result = render ?? renderLoadedChart(fs, chart, settings, helm);
  const absolute = (rel: string) => (isOutsideChart(rel) ? rel : joinPath(chartDir, rel));
  const texts = new Map<string, string | undefined>();
  const sourceText = (rel: string) => {
    // The chart's own files were read when it was loaded, in this call.
    if (!texts.has(rel)) texts.set(rel, chart.sources.get(absolute(rel)) ?? fs.readFile(absolute(rel)));
    return texts.get(rel);
  };
  const indexes = new Map<string, LineIndex>();
  const indexOf = (rel: string) => {
    let index = indexes.get(rel);
    if (!index) indexes.set(rel, (index = new LineIndex(sourceText(rel) ?? '')));
    return index;
  };
  const byFile = new Map<string, Finding[]>();
  const seen = new Set<string>();
  /** Findings on a line many objects may read (a values scalar, Chart.yaml's appVersion) -> the object each is of. */
  const readers = new Map<Finding, string>();
  const add = (rel: string, found: Finding, reader?: string) => {
    const fetched = fetchedDependencyOf(chart, rel);
    // No fix there (its fixes are not even worked out): it would be lost at the next update.
    const finding = fetched ? copyWithLazyFixes(found, () => []) : found;
    if (fetched)
      finding.message = `${found.message} (in the chart dependency ${fetched.name} from ${fetched.repository}, which helm dependency update replaces: override its values in this chart's values.yaml)`;
    const key = `${rel}|${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}|${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const path = absolute(rel);
    const list = byFile.get(path) ?? [];
    list.push(finding);
    byFile.set(path, list);
    if (reader) readers.set(finding, reader);
  };
  // The values files given to the lint (`--values`, helm.valuesFiles) are its inputs: a chart-testing `ci/` scenario,
  // the deployer's prod.yaml. A finding a value of one prints is reported there, but never fixed there.
  const inputValues = new Set(helm.valuesFiles ?? []);
  const isInputValues = (rel: string) => !chartWithValues(chart, rel) && inputValues.has(absolute(rel));
  /** A values file from outside the chart as messages name it: as the host named it, else relative to the chart. */
  const shownPath = (file: string) => helm.valuesFileNames?.[file] ?? relativePath(chartDir, file);

  const renderWith: RenderWith = (changed, previous) => renderLoadedChart(fs, changed, settings, helm, previous ? { previous } : {});
  const rendersAfter = new Map<string, boolean>();
  /** Whether the chart renders every template it renders now with `fix` applied to values file `file`. */
  const keepsRendering = (file: string, fix: Fix): boolean => {
    const before = sourceText(file) ?? '';
    const after = applyTextEdits(before, fix.edits);
    const key = `${file}\0${after}`;
    let renders = rendersAfter.get(key);
    if (renders === undefined) rendersAfter.set(key, (renders = rendersWithValuesText(chart, result, file, before, after, renderWith)));
    return renders;
  };

  // Dependencies not vendored as folders (packed .tgz, or not fetched): their defines are unknown, so a
  // template that needs one is not wrong, just unknowable; it is linted masked, without a render error.
  // Their values are unknown too: a template that reads one (`(index .Values "grafana").enabled`) meets nil.
  const incomplete = hasMissingDependencies(chart);
  let keys: Set<string> | undefined;
  const dependencyKeys = () => (keys ??= dependencyValueKeys(chart));
  for (const note of missingDependencyNotes(chart, sourceText, userValuesOf(fs, chart, helm))) add(note.file, note.finding);
  // A chart that `required`s values its values.yaml leaves out, or `fail`s without them, needs the deployer's values:
  // with none given, that is the chart's design, not a mistake (postgres-exporter's password, pdc-agent's token).
  const defaultValuesOnly = (helm.valuesFiles ?? []).length === 0;
  let printedSources: PrintedSources | undefined;
  const printed = () => (printedSources ??= new PrintedSources(result.templates));
  const matching = new Map<string, Set<string>>();
  /** The chart's template files whose text matches `pattern` (asked once per values node and helper). */
  const templatesMatching = (pattern: string): Set<string> => {
    let paths = matching.get(pattern);
    if (!paths) {
      const re = new RegExp(pattern);
      matching.set(pattern, (paths = new Set([...chart.templates].filter(([, text]) => re.test(text)).map(([path]) => path))));
    }
    return paths;
  };
  const virtualPath = (template: string) => joinPath(chartDir, `${RENDERED_DIR}/${template}`);
  const lintables = new Map<string, ReturnType<typeof splitAsHelm>>();
  const indexed = new Map(previous?.templates.map((t) => [t.path, t.output?.text]));
  for (const t of result.templates) {
    // A template that did not render (masked for a missing dependency, or failing) may define what another refers to.
    if (t.error && LINTABLE.test(t.path)) lintRendered.indexUnrendered(virtualPath(t.path), sourceText(t.path) ?? '', chartDir);
    if (t.error || !t.output || !LINTABLE.test(t.path)) continue;
    const lintable = splitAsHelm(t.output.text);
    lintables.set(t.path, lintable);
    if (indexed.get(t.path) !== t.output.text) lintRendered.index(virtualPath(t.path), lintable.text);
  }
  const outputs = new Map(result.templates.map((t) => [t.path, t.output?.text ?? '']));
  const outputText = (template: string) => outputs.get(template) ?? '';
  for (const t of result.templates) {
    if (
      t.error &&
      incomplete &&
      (MISSING_DEFINE.test(t.error.message) || (NIL_VALUE.test(t.error.message) && mayReadDependencyValues(t.error, sourceText, dependencyKeys())))
    )
      continue;
    if (t.error) {
      const text = sourceText(t.error.path) ?? '';
      const [lineStart, lineEnd] = lineOf(text, Math.min(t.error.offset, text.length));
      const needsValues = defaultValuesOnly && t.error !== result.parseError && /^error calling (?:required|fail):/.test(t.error.message);
      const hit = {
        ruleId: RENDER_ERROR_RULE_ID,
        start: Math.max(lineStart, Math.min(t.error.offset, lineEnd)),
        end: lineEnd,
        message:
          t.error === result.parseError
            ? `Helm cannot render this chart: ${t.error.message}`
            : needsValues
              ? `Helm cannot render ${t.name} with the chart's default values (${t.error.message}): lint it with the values you deploy with (--values, or helm.valuesFiles in .harden.yaml).`
              : `Helm cannot render ${t.name}: ${t.error.message}`,
      };
      for (const f of toFindings(text, indexOf(t.error.path), [hit], 'kubernetes', settings))
        add(t.error.path, { ...f, fixes: [], ...(needsValues ? { severity: 'info' as const } : {}) });
      continue;
    }
    const lintable = lintables.get(t.path);
    if (!t.output || !lintable) continue;
    const rendered = t.output.text;
    const renderedIndex = new LineIndex(rendered);
    const lintableIndex = lintable.text === rendered ? renderedIndex : new LineIndex(lintable.text);
    const offsetOf = (position: Position) => lintable.toRendered(lintableIndex.offsetAt(position));
    const documents = new RenderedDocuments(lintable.text, lintable.toRendered, t.output.segments);
    let computedInOutput: Set<string> | undefined;
    const computed = () => (computedInOutput ??= computedWords(rendered, t.output!.segments));
    /**
     * Whether lines inserted into the template at `templateAt` land in an `if`/`with`/`range` block that the map they
     * join does not start in (the container's last lines under `{{- if .Values.ports.enabled }}`): they would render only
     * when that block does.
     */
    const insideBlockOfItsOwn = (lintableAt: number, newText: string, templateAt: number): boolean => {
      const map = documents.mapJoinedAt(lintableAt, indentOfInsert(newText));
      const firstKey = map?.items[0]?.key as { range?: [number, number, number] } | undefined;
      if (!firstKey?.range) return false;
      const keyAt = lintable.toRendered(firstKey.range[0]);
      const seg = segmentAt(t.output!.segments, keyAt);
      const mapStart =
        seg && isLiteralCopy(seg) && seg.source.file === t.path
          ? seg.source.start + (keyAt - seg.start)
          : copiesBefore(t.output!.segments, keyAt, t.path).next().value?.source.end;
      if (mapStart === undefined) return true;
      return crossesBlock(sourceText(t.path) ?? '', Math.min(mapStart, templateAt), Math.max(mapStart, templateAt));
    };
    /**
     * Whether the values node reaches other workloads: another template prints it, or a template file other than this
     * one names it (a `with` block elsewhere, a helper that more templates may include). The fix then changes them too.
     */
    const changesOtherTemplates = (knob: ValuesKnobFix, at: Located): boolean => {
      const { file, start, end } = knob.node;
      if (printed().printsStartIn(file, start, end, t.path)) return true;
      // A finding in a helper (`define`): shared when another template renders the helper text it is on, or includes
      // that define (under other values it would).
      if (at.file !== t.path) {
        const define = defineAround(sourceText(at.file) ?? '', at.start);
        const includers = define && templatesMatching(`\\b(?:include|template)\\s+"${escapeRegExp(define)}"`);
        if (printed().printsAt(at.file, at.start, t.path) || !includers || [...includers].some((path) => path !== t.path)) return true;
      }
      const namers = templatesMatching(valuesPathPattern(knob.path));
      return [...namers].some((path) => path !== t.path && path !== at.file);
    };
    /** Whether a template tests the values node beyond printing it (`and (not .Values.x) …`): filling it may flip that. */
    const testedBeyondPrinting = (knob: ValuesKnobFix): boolean => {
      const path = valuesPathPattern(knob.path);
      return (
        templatesMatching(
          `\\{\\{[^}]*${path}[^}]*\\b(?:and|or|not|empty|default|ternary|eq|ne|coalesce|hasKey)\\b|\\b(?:and|or|not|empty|default|ternary|eq|ne|coalesce|hasKey)\\b[^}]*${path}`,
        ).size > 0
      );
    };
    const valuesOf = (file: string) => chartWithValues(chart, file)?.values;
    const rerender = (valuesFile: string, path: string[], value: unknown) => {
      const again = renderLoadedChart(fs, withValue(chart, valuesFile, path, value), settings, helm, { only: new Set([t.path]) });
      const output = again.templates.find((r) => r.path === t.path)?.output;
      return output ? RenderedDocuments.json(splitAsHelm(output.text).text) : undefined;
    };
    /** The kind and name of the rendered object a lintable position is in. */
    const objectAt = (position: Position): ObjectId | undefined => {
      const offset = lintableIndex.offsetAt(position);
      const doc = documents.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]);
      const kind = doc?.get('kind');
      const name = doc?.getIn(['metadata', 'name']);
      return typeof kind === 'string' ? { kind, name: typeof name === 'string' ? name : '' } : undefined;
    };
    /**
     * Whether the values scalar at `at` overrides another value of the same file for `object`'s `field` (a component's
     * `replicas: 1` where `default.replicas` would apply without it): someone wrote that count for that component.
     */
    const pinsOverDefault = (valuesFile: string, at: Located, object: ObjectId, field: string[], renderedAt: number): boolean => {
      // Only an action that can fall back to another value (`| default $.Values.default.replicas`) lets one override
      // another: without one, nothing to render again (a render per finding of a 40-template chart: +100 ms an edit).
      const action = printingAction(t.output!.segments, renderedAt, sourceText);
      if (action !== undefined && !FALLBACK.test(action)) return false;
      const path = valuesPathAt(sourceText(valuesFile) ?? '', at.start);
      if (!path) return false;
      const again = renderLoadedChart(fs, withoutValue(chart, valuesFile, path), settings, helm, { only: new Set([t.path]) });
      const output = again.templates.find((r) => r.path === t.path)?.output;
      if (!output) return false;
      const split = splitAsHelm(output.text);
      const source = fieldSource(split.text, split.toRendered, output.segments, object, field);
      return source?.kind === 'value' && source.file === valuesFile && source.start !== at.start;
    };
    /**
     * A finding whose fix fills a values node the template printed whole (`securityContext: {}`), or would have printed
     * (`{{- with .Values.securityContext }}`), is the values file's: it moves there with that fix. The fix is safe only where the node is printed once: elsewhere it changes other
     * workloads too. Template fixes (the suppression comment) go with it as edits of the template.
     */
    const knobOf = (candidates: Fix[], templateFixes: Fix[], at: Located): (Located & { fixes: Fix[] }) | undefined => {
      const template = at.file;
      let place: ValuesKnobFix | undefined;
      const knobFixes: Fix[] = [];
      for (const fix of candidates) {
        const edits = fix.edits.map((e) => ({ start: lintableIndex.offsetAt(e.range.start), end: lintableIndex.offsetAt(e.range.end), newText: e.newText }));
        const knob = valuesKnobFix(documents, edits, sourceText, valuesOf, sourceText(template), rerender);
        if (!knob || (place && (knob.node.file !== place.node.file || knob.node.start !== place.node.start))) continue;
        place ??= knob;
        const shared = changesOtherTemplates(knob, at);
        const tested = !shared && testedBeyondPrinting(knob);
        const kind = shared || tested ? ('suggestion' as const) : fix.kind;
        const note = shared ? ' (every template that prints it)' : tested ? ' (a template also tests it in a condition)' : '';
        const range = toRange(indexOf(knob.node.file), knob.edit.start, knob.edit.end);
        knobFixes.push({
          ...fix,
          title: `${fix.title} in ${knob.node.file}${note}`,
          kind,
          isPreferred: fix.isPreferred && kind === fix.kind,
          edits: [{ range, newText: knob.edit.newText }],
        });
      }
      if (!place) return undefined;
      const line = (fix: Fix) => (fix.edits[0] ? fix.edits[0].range.start.line + 1 : 0);
      const moved = templateFixes
        .filter((fix) => fix.suppression)
        .map((fix) => ({
          ...fix,
          title: `${fix.title.replace(/ for this line$/, '')} in ${template}:${line(fix)}`,
          edits: [],
          otherFiles: [{ path: absolute(template), edits: fix.edits }],
        }));
      return { file: place.node.file, start: place.pair.start, end: place.pair.end, fixes: [...knobFixes, ...moved] };
    };
    for (const finding of lintRendered.lint(virtualPath(t.path), lintable.text)) {
      const start = offsetOf(finding.range.start);
      const end = offsetOf(finding.range.end);
      const at = locateRange(rendered, t.output.segments, t.path, start, end);
      if (!at || sourceText(at.file) === undefined) continue;
      const fixes: Fix[] = [];
      const candidates: Fix[] = [];
      for (const fix of finding.fixes) {
        if (fix.createFiles?.length) continue;
        const edits: TextEdit[] = [];
        for (const e of fix.edits) {
          const mapped = mapEdit(rendered, t.output.segments, sourceText, offsetOf(e.range.start), offsetOf(e.range.end), e.newText);
          if (!mapped || mapped.file !== at.file) break;
          if (e.newText.includes('\n') && mapped.file === t.path && insideBlockOfItsOwn(lintableIndex.offsetAt(e.range.start), e.newText, mapped.start)) break;
          edits.push({ range: toRange(indexOf(at.file), mapped.start, mapped.end), newText: mapped.newText });
        }
        const conditional = !fix.suppression && at.file === t.path && insertsConditionalKey(sourceText(at.file) ?? '', edits);
        // Text written into a template must not copy what it computes (a PodDisruptionBudget named `release-name-web`).
        const inTemplate = at.file === t.path || TEMPLATE_FILE.test(at.file);
        const hardCodes = !fix.suppression && inTemplate && edits.some((e) => e.newText.length > 0 && copiesComputed(e.newText, computed()));
        if (edits.length === fix.edits.length && edits.length > 0 && !conditional && !hardCodes) fixes.push({ ...fix, edits });
        if (!fix.suppression && !fix.otherFiles?.length) candidates.push(fix);
      }
      const outside = outsideValueAt(t.output.segments, start);
      let message = outside
        ? `${finding.message} (the value comes from ${shownPath(outside.file)}:${indexOf(outside.file).positionAt(outside.start).line + 1})`
        : finding.ruleId === PARSE_ERROR_RULE_ID
          ? renderedParseError(t.path, finding.message, rendered.slice(start).split('\n', 1)[0])
          : finding.message;
      // A values node the fix fills wins over a template edit: that is where the chart's owner sets it.
      // In the template, or in a helper it includes (a `define` of templates/_helpers.tpl).
      const inTemplates = at.file === t.path || TEMPLATE_FILE.test(at.file);
      // A tag that the template defaults to the chart's appVersion (`default .Chart.AppVersion`) is Chart.yaml's: a
      // finding about that value goes there, once for every template that prints it; another one names it.
      const appVersion =
        inTemplates && !outside
          ? appVersionOrigin(chart, rendered, t.output.segments, start, end, at.file, sourceText(at.file) ?? '', at.start, sourceText)
          : undefined;
      if (appVersion && finding.message.includes(`"${appVersion.value}"`)) {
        const object = objectAt(finding.range.start);
        add(
          appVersion.file,
          {
            ...finding,
            message: `${message} (the chart's appVersion, which ${t.path} prints)`,
            range: toRange(indexOf(appVersion.file), appVersion.start, appVersion.end),
            fixes: fixes.filter((fix) => fix.suppression).map((fix) => movedToTemplate(fix, at.file, absolute)),
          },
          object && objectLabelOf(object),
        );
        continue;
      }
      if (appVersion)
        message = `${message} (the value comes from ${appVersion.file}:${indexOf(appVersion.file).positionAt(appVersion.start).line + 1}, appVersion)`;
      const knob = inTemplates && candidates.length > 0 ? knobOf(candidates, fixes, at) : undefined;
      if (knob)
        add(knob.file, {
          ...finding,
          message: `${message} (rendered by ${t.path})`,
          range: toRange(indexOf(knob.file), knob.start, knob.end),
          fixes: knob.fixes,
        });
      else {
        const valuesFile = at.file !== t.path && chartWithValues(chart, at.file) ? at.file : undefined;
        const input = at.file !== t.path && isInputValues(at.file);
        const object = valuesFile || input ? objectAt(finding.range.start) : undefined;
        if (valuesFile && object && PINNED_COUNT_FIELDS[finding.ruleId] && pinsOverDefault(valuesFile, at, object, PINNED_COUNT_FIELDS[finding.ruleId], start))
          continue;
        // A values scalar more objects read (a default a `range` prints for every component): its fix changes them all.
        const shared = valuesFile !== undefined && readerCount(printed().printsStartingIn(at.file, at.start, at.end), outputText) > 1;
        const valuesFixes = shared
          ? fixes.map((fix) =>
              fix.suppression
                ? fix
                : { ...fix, title: `${fix.title} in ${at.file} (every workload that reads it)`, kind: 'suggestion' as const, isPreferred: false },
            )
          : fixes;
        const located = { ...finding, message, range: toRange(indexOf(at.file), at.start, at.end), fixes: input ? [] : valuesFixes };
        const reader = object && objectLabelOf(object);
        // A fix of a values line may make another template fail (a chart's own guard): checked when it is read.
        if (valuesFile && valuesFixes.some((fix) => !fix.suppression))
          add(
            at.file,
            copyWithLazyFixes(located, () => valuesFixes.filter((fix) => fix.suppression || keepsRendering(valuesFile, fix))),
            reader,
          );
        else add(at.file, located, reader);
      }
    }
  }
  for (const [file, findings] of byFile) if (findings.some((f) => readers.has(f))) byFile.set(file, mergeSharedFindings(findings, readers));
  return { chartDir, byFile, render: result };
}

/** Template functions and branches through which a value printed may be another's when it is missing. */
const FALLBACK = /\b(?:default|coalesce|ternary|or|dig|pluck|merge\w*|else)\b/;

/**
 * The text of the action that printed the value at `renderedAt`: from the end of the template text copied just before
 * it to the action's `}}`. Undefined when that cannot be told (no template text before it in the output).
 */
function printingAction(segments: Segment[], renderedAt: number, sourceText: (file: string) => string | undefined): string | undefined {
  let before: Segment | undefined;
  for (const seg of segments) {
    if (seg.start > renderedAt) break;
    if (seg.end <= renderedAt && isLiteralCopy(seg)) before = seg;
  }
  return before && actionAround(sourceText(before.source.file) ?? '', before.source.end);
}

/**
 * The template action (`{{ … }}`) holding `offset` of a template's text, else the next one (a literal's end before a
 * `{{-` that trimmed the blanks between them); undefined when there is none.
 */
function actionAround(text: string, offset: number): string | undefined {
  let open = text.lastIndexOf('{{', offset);
  if (open < 0 || text.indexOf('}}', open) < offset) open = text.indexOf('{{', offset);
  const close = open < 0 ? -1 : text.indexOf('}}', open);
  return close >= 0 ? text.slice(open, close + 2) : undefined;
}

/** A pattern for the template text that names the values node at `path` (`.Values.a.b`, not `.Values.a.bc`). */
function valuesPathPattern(path: readonly string[]): string {
  return `\\.Values\\.${path.map(escapeRegExp).join('\\.')}(?![\\w.])`;
}

/** A template's fix (its suppression comment) offered on a finding reported in another file. */
function movedToTemplate(fix: Fix, template: string, absolute: (rel: string) => string): Fix {
  const line = fix.edits[0] ? fix.edits[0].range.start.line + 1 : 0;
  return {
    ...fix,
    title: `${fix.title.replace(/ for this line$/, '')} in ${template}:${line}`,
    edits: [],
    otherFiles: [{ path: absolute(template), edits: fix.edits }],
  };
}

/** The name of the last `{{ define "name" }}` that starts before `offset` in a template file's text. */
function defineAround(text: string, offset: number): string | undefined {
  let name: string | undefined;
  for (const m of text.slice(0, offset).matchAll(/\{\{-?\s*define\s+"([^"]+)"/g)) name = m[1];
  return name;
}

/**
 * A syntax error of what a template rendered, where the text that caused it comes from (a values file, often): it names
 * the template, and for a key written twice (a `with` block printing a key the template also writes) the key.
 */
function renderedParseError(template: string, message: string, text: string): string {
  const key = /keys must be unique/i.test(message) ? /^\s*([\w./-]+)\s*:/.exec(text)?.[1] : undefined;
  return key
    ? `${template} renders the key "${key}" twice in one map: YAML allows a key once, and which value applies depends on the tool that reads it. Other rules skip this document until it parses.`
    : `${template} renders YAML that does not parse: ${message}`;
}

/**
 * Helm cuts its output at every line that starts with `---` (releaseutil.SplitManifests: `(?:^|\s*\n)---\s*`), YAML
 * only where `---` stands alone: `---` then `{{- end -}}` then a comment renders `---# Permission …` (cert-manager's
 * rbac.yaml), a document marker and a comment to Helm and kubectl, a syntax error to a YAML parser. A line break goes in
 * after such a marker; `toRendered` maps an offset of the result back to the rendered text.
 */
export function splitAsHelm(rendered: string): { text: string; toRendered: (offset: number) => number } {
  const breaks: number[] = [];
  const text = rendered.replace(/(^|\n)---(?=\S)/g, (marker: string, _newline: string, at: number) => {
    breaks.push(at + marker.length);
    return `${marker}\n`;
  });
  if (breaks.length === 0) return { text, toRendered: (offset) => offset };
  return {
    text,
    toRendered: (offset) => {
      let before = 0;
      while (before < breaks.length && breaks[before] + before < offset) before++;
      return offset - before;
    },
  };
}

/**
 * One information finding per enabled dependency that is not vendored as a folder (`helm dependency build` not run,
 * or packed as a .tgz), on its `name:` line: the templates that use it are linted as written, not as rendered,
 * which would otherwise go unsaid (a Bitnami chart without its `common` library lints clean).
 */
function missingDependencyNotes(
  chart: LoadedChart,
  sourceText: (rel: string) => string | undefined,
  userValues: Array<Record<string, unknown>>,
): Array<{ file: string; finding: Finding }> {
  const present = new Set(chart.subcharts.map((s) => s.metadata.name));
  const notes: Array<{ file: string; finding: Finding }> = [];
  // Conditions are read on the values Helm uses: the user's values files over values.yaml (`--values ci/ha.yaml` may
  // enable what values.yaml leaves off).
  let values: Record<string, unknown> | undefined;
  for (const dependency of chart.metadata.dependencies) {
    if (present.has(dependency.name)) continue;
    values ??= coalesceTables(mergeUserValues(userValues), copyTables(chart.values));
    if (conditionOf(values, dependency.condition) === false) continue;
    const packed = chart.packedSubcharts.find((file) => file.startsWith(`${dependency.name}-`));
    for (const file of ['Chart.yaml', 'requirements.yaml']) {
      const text = sourceText(file);
      const line =
        text === undefined
          ? undefined
          : new RegExp(`^[ \\t]*(?:-[ \\t]+)?name:[ \\t]*["']?${escapeRegExp(dependency.name)}["']?[ \\t]*(?:#.*)?$`, 'm').exec(text);
      if (!text || !line) continue;
      const start = line.index + line[0].indexOf('name:');
      const index = new LineIndex(text);
      const where = packed ? `is packed as charts/${packed}, which Harden does not unpack` : 'is not in charts/ (helm dependency build fetches it)';
      notes.push({
        file,
        finding: {
          ruleId: RENDER_ERROR_RULE_ID,
          severity: 'info',
          message: `Dependency "${dependency.name}" ${where}: the templates that use it are linted as written, not as rendered.`,
          range: toRange(index, start, line.index + line[0].length),
          fixes: [],
        },
      });
      break;
    }
  }
  return notes;
}

/** A dependency's `condition` as Helm reads it: the first of its comma-separated value paths that is a boolean. */
function conditionOf(values: Record<string, unknown>, condition: string | undefined): boolean | undefined {
  for (const path of condition?.split(',') ?? []) {
    let value: unknown = values;
    for (const key of path.trim().split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'boolean') return value;
  }
  return undefined;
}

/** The values keys of the dependencies declared in the chart and its subcharts (name or alias), and `global`. */
function dependencyValueKeys(chart: LoadedChart, into = new Set<string>(['global'])): Set<string> {
  for (const dependency of chart.metadata.dependencies) into.add(dependency.alias ?? dependency.name);
  for (const sub of chart.subcharts) dependencyValueKeys(sub, into);
  return into;
}

/**
 * Whether the action a nil-value render error is in may read a missing dependency's values (its values file is not
 * here: `.Values.postgresql.auth`), or reads no values at all (a variable, an include): unknowable, not wrong. One
 * that reads only the chart's own values (`.Values.resourcez.limits`, a typo) fails whatever the dependencies hold.
 */
function mayReadDependencyValues(error: RenderError, sourceText: (file: string) => string | undefined, keys: Set<string>): boolean {
  const action = actionAround(sourceText(error.path) ?? '', error.offset);
  if (action === undefined) return true;
  const read = [...action.matchAll(/\.Values\.([A-Za-z_][\w-]*)|index\s+\$?\.Values\s+"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return read.length === 0 || read.some((key) => keys.has(key));
}

function hasMissingDependencies(chart: LoadedChart): boolean {
  if (chart.packedSubcharts.length > 0) return true;
  const present = new Set(chart.subcharts.map((s) => s.metadata.name));
  if (chart.metadata.dependencies.some((d) => !present.has(d.name))) return true;
  return chart.subcharts.some(hasMissingDependencies);
}

/** Renders with the values files and release settings of `.harden.yaml` / `--values`. */
export function renderLoadedChart(
  fs: HostFileSystem,
  chart: LoadedChart,
  settings: EngineSettings,
  helm: HelmSettings,
  incremental: Pick<RenderOptions, 'only' | 'previous'> = {},
): RenderResult {
  const userValues = userValuesOf(fs, chart, helm);
  const kube = helm.kubeVersion ?? settings.kubernetesVersion;
  return renderChart(chart, {
    releaseName: helm.releaseName ?? 'release-name',
    namespace: helm.namespace ?? settings.defaultNamespace ?? 'default',
    kubeVersion: /^v?\d+\.\d+\.\d+/.test(kube) ? kube : `v${kube.replace(/^v/, '')}.0`,
    userValues,
    ...incremental,
  });
}

/** The values files of `.harden.yaml` / `--values`, in order, as maps (a file that is missing or not a map is left out). */
function userValuesOf(fs: HostFileSystem, chart: LoadedChart, helm: HelmSettings): Array<Record<string, unknown>> {
  const userValues: Array<Record<string, unknown>> = [];
  for (const file of helm.valuesFiles ?? []) {
    const text = fs.readFile(file);
    if (text === undefined) continue;
    const parsed = parseValuesYaml(text, file.startsWith(chart.dir) ? file.slice(chart.dir.length + 1) : file);
    if (parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) userValues.push(parsed.value as Record<string, unknown>);
  }
  return userValues;
}
