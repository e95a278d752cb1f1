// Renders a loaded chart the way `helm template` does (pkg/engine/engine.go): every template file of the
// chart and its enabled subcharts is parsed into one set (defines of higher-level charts win), then each
// non-partial template runs with its chart's values. Each file renders on its own: an error in one is
// reported for that file and does not hide the others. NOTES.txt renders too (Helm's engine renders it, and an
// error in it fails the install; the install then takes its output out of the manifests): its error is reported
// like any other, its output is not a manifest (lint.ts lints YAML and .tpl outputs only).
import { Executor } from './template/exec';
import type { TemplateDef } from './template/exec';
import { TemplateError, parseTemplate, type Tree } from './template/parse';
import type { MappedText } from './template/sourcemap';
import { GoStruct, isMap } from './template/values';
import { createFuncs } from './template/funcs';
import { stripNoValue } from './template/funcs/helm';
import { toYaml } from './template/toyaml';
import { base64Encode } from '../digests';
import type { LoadedChart } from './chart';
import { coalesceChart, mergeUserValues, valueAt } from './values';
import { defaultApiVersions } from './capabilities';
import { changedKeys, readsChanged, shiftedSegments, trackReads, valuesFingerprint, type ValuesEdit, type ValuesRead } from './reuse';

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** `v1.32.0`. */
  kubeVersion: string;
  /** Extra values files, in order (later wins), already parsed. */
  userValues: Array<Record<string, unknown>>;
  /** `.Capabilities.APIVersions`; default: the built-in API group versions (and kinds) a cluster of `kubeVersion` serves. */
  apiVersions?: string[];
  /** Render only these templates (chart-relative paths): the others' output is known unchanged. */
  only?: Set<string>;
  /** The render before an edit of the top chart's values.yaml (and nothing else): outputs that read no changed value are kept. */
  previous?: { result: RenderResult; edit: ValuesEdit };
}

// Parsing is a good part of rendering a chart, and an edit changes one file: trees are kept per text. Keyed by the
// text alone: a library vendored by many charts (Bitnami's `common`, in every chart of a repository) is parsed once,
// not once per chart (a CLI run over 40 charts held 1,200 copies of its trees).
const parsed = new Map<string, { name: string; trees: Map<string, Tree> }>();
const MAX_PARSED = 400;

function parseCached(name: string, text: string): Map<string, Tree> {
  const hit = parsed.get(text);
  if (hit) return hit.name === name ? hit.trees : renamed(hit, name);
  const trees = parseTemplate(name, text);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(text, { name, trees });
  return trees;
}

/** The trees of a text parsed under another file name: the file's own tree takes this name, its defines are shared. */
function renamed(hit: { name: string; trees: Map<string, Tree> }, name: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const [treeName, tree] of hit.trees) {
    if (treeName === hit.name) out.set(name, { ...tree, name });
    else out.set(treeName, tree);
  }
  return out;
}

export interface RenderedTemplate {
  /** Helm's name: `<chart>/templates/deployment.yaml`. */
  name: string;
  /** Path relative to the top chart folder. */
  path: string;
  output?: MappedText;
  error?: RenderError;
}

export interface RenderError {
  message: string;
  /** Chart-relative file and offset where the error is (the template, or a partial it includes). */
  path: string;
  offset: number;
}

export interface RenderResult {
  templates: RenderedTemplate[];
  /** A template file that does not parse breaks the whole chart, as in Helm. */
  parseError?: RenderError;
  /** What each template read of the values, when it is known (see reuse.ts): the next values edit may keep outputs. */
  reads?: ValuesReads;
}

export interface ValuesReads {
  /** The coalesced values the templates saw (not changed by the render). */
  values: Record<string, unknown>;
  /** Template path -> the top-level keys it read. */
  byTemplate: Map<string, ValuesRead>;
  /** The charts rendered (an edit that enables or disables a subchart renders everything). */
  nodesKey: string;
}

interface ChartNode {
  chart: LoadedChart;
  /** Helm template-name prefix: `mychart/`, `mychart/charts/common/`. */
  namePrefix: string;
  /** Chart name as its parent sees it (alias or name). */
  name: string;
}

function enabledSubcharts(chart: LoadedChart, values: Record<string, unknown>): Set<LoadedChart> {
  const enabled = new Set<LoadedChart>();
  for (const sub of chart.subcharts) {
    const dep = chart.metadata.dependencies.find((d) => d.name === sub.metadata.name);
    let on = true;
    if (dep?.condition) {
      for (const path of dep.condition.split(',').map((s) => s.trim())) {
        const v = valueAt(values, path);
        if (typeof v === 'boolean') {
          on = v;
          break;
        }
      }
    } else if (dep?.tags?.length) {
      const tags = isMap(values.tags) ? values.tags : {};
      const states = dep.tags.map((t) => tags[t]).filter((v) => typeof v === 'boolean');
      if (states.length) on = states.some(Boolean);
    }
    if (on) enabled.add(sub);
  }
  return enabled;
}

function aliasOf(parent: LoadedChart, sub: LoadedChart): string {
  return parent.metadata.dependencies.find((d) => d.name === sub.metadata.name)?.alias ?? sub.metadata.name;
}

const SLASHES = (s: string) => (s.match(/\//g) ?? []).length;

/** Helm parses deeper templates first, so that a parent's define replaces a subchart's. */
function byPathLenReverse(a: string, b: string): number {
  const ca = SLASHES(a);
  const cb = SLASHES(b);
  if (ca !== cb) return cb - ca;
  return a < b ? 1 : a > b ? -1 : 0;
}

function metadataStruct(chart: LoadedChart, name: string): GoStruct {
  const raw = chart.metadata.raw;
  const s = (k: string) => (typeof raw[k] === 'string' ? raw[k] : typeof raw[k] === 'number' ? String(raw[k]) : '');
  return new GoStruct('*chart.Metadata', {
    Name: name,
    Home: s('home'),
    Sources: Array.isArray(raw.sources) ? raw.sources : null,
    Version: s('version'),
    Description: s('description'),
    Keywords: Array.isArray(raw.keywords) ? raw.keywords : null,
    Maintainers: Array.isArray(raw.maintainers) ? raw.maintainers : null,
    Icon: s('icon'),
    APIVersion: s('apiVersion'),
    Condition: s('condition'),
    Tags: s('tags'),
    AppVersion: s('appVersion'),
    Deprecated: raw.deprecated === true,
    Annotations: isMap(raw.annotations) ? raw.annotations : null,
    KubeVersion: s('kubeVersion'),
    Dependencies: Array.isArray(raw.dependencies) ? raw.dependencies : null,
    Type: s('type'),
  });
}

function filesStruct(files: Map<string, string>): GoStruct {
  const entries = Object.fromEntries(files);
  const glob = (pattern: string) => {
    const re = globRegExp(pattern);
    return filesStruct(new Map([...files].filter(([name]) => re.test(name))));
  };
  const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const asMap = (encode: (s: string) => string) => {
    const m: Record<string, unknown> = {};
    for (const [k, v] of files) m[baseName(k)] = encode(v);
    return files.size === 0 ? '' : toYaml(m).text;
  };
  return new GoStruct(
    'engine.files',
    {},
    {
      Get: (name) => entries[String(name)] ?? '',
      GetBytes: (name) => entries[String(name)] ?? '',
      Glob: (pattern) => glob(String(pattern)),
      AsConfig: () => asMap((s) => s),
      AsSecrets: () => asMap(base64Encode),
      Lines: (name) => {
        const s = entries[String(name)];
        if (s === undefined) return [];
        return (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      },
    },
    undefined,
    entries,
  );
}

/** gobwas/glob with `/` as separator: `*` stays within a path segment, `**` crosses them. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      re += `(?:${pattern
        .slice(i + 1, close)
        .split(',')
        .map((p) => p.replace(/[.+^$()|\\]/g, '\\$&'))
        .join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i);
      re += pattern.slice(i, close + 1).replace('[!', '[^');
      i = close;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function capabilities(options: RenderOptions): GoStruct {
  const m = /^v?(\d+)\.(\d+)/.exec(options.kubeVersion);
  const version = options.kubeVersion.startsWith('v') ? options.kubeVersion : `v${options.kubeVersion}`;
  const kube = new GoStruct(
    'chartutil.KubeVersion',
    { Version: version, Major: m?.[1] ?? '1', Minor: m?.[2] ?? '32' },
    {
      String: () => version,
      GitVersion: () => version,
    },
    () => version,
  );
  const apiVersions = options.apiVersions ?? defaultApiVersions(options.kubeVersion);
  // A `[]string` with a Has method: `has "monitoring.coreos.com/v1" .Capabilities.APIVersions` works on it too.
  const versionSet = new GoStruct(
    'chartutil.VersionSet',
    {},
    { Has: (v) => apiVersions.includes(String(v)) },
    () => `[${apiVersions.join(' ')}]`,
    undefined,
    apiVersions,
  );
  const helm = new GoStruct('chartutil.HelmVersion', { Version: 'v3.16.0', GitCommit: '', GitTreeState: '', GoVersion: 'go1.22.0' });
  return new GoStruct('*chartutil.Capabilities', { KubeVersion: kube, APIVersions: versionSet, HelmVersion: helm });
}

export function renderChart(top: LoadedChart, options: RenderOptions): RenderResult {
  // Conditions are read on values coalesced with every subchart (as Helm's ProcessDependencies does).
  const probe = coalesceChart(
    top,
    mergeUserValues(options.userValues),
    () => true,
    (s) => s.metadata.name,
  );
  const enabled = new Set<LoadedChart>();
  const aliases = new Map<LoadedChart, string>();
  const walkEnabled = (chart: LoadedChart, values: Record<string, unknown>) => {
    for (const sub of enabledSubcharts(chart, values)) {
      enabled.add(sub);
      aliases.set(sub, aliasOf(chart, sub));
      const section = values[sub.metadata.name];
      walkEnabled(sub, isMap(section) ? section : {});
    }
  };
  walkEnabled(top, probe);
  // Values: user files over the chart's defaults, then down into enabled subcharts.
  const values = coalesceChart(
    top,
    mergeUserValues(options.userValues),
    (sub) => enabled.has(sub),
    (sub) => aliases.get(sub) ?? sub.metadata.name,
  );
  const nodes: ChartNode[] = [];
  const valuesOf = new Map<LoadedChart, Record<string, unknown>>();
  const collect = (chart: LoadedChart, prefix: string, name: string, chartValues: Record<string, unknown>) => {
    nodes.push({ chart, namePrefix: `${prefix}${name}/`, name });
    valuesOf.set(chart, chartValues);
    for (const sub of chart.subcharts) {
      if (!enabled.has(sub)) continue;
      const alias = aliases.get(sub) ?? sub.metadata.name;
      const section = chartValues[alias];
      collect(sub, `${prefix}${name}/charts/`, alias, isMap(section) ? section : {});
    }
  };
  collect(top, '', top.metadata.name, values);

  const templates = new Map<string, TemplateDef>();
  const pathOf = new Map<string, string>();
  const entries: Array<[string, string, ChartNode, string]> = [];
  for (const node of nodes) {
    for (const [rel, text] of node.chart.templates) {
      const name = node.namePrefix + rel;
      const isLibrary = node.chart.metadata.type === 'library';
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      if (isLibrary && !base.startsWith('_')) continue;
      entries.push([name, text, node, node.chart.prefix + rel]);
    }
  }
  entries.sort((a, b) => byPathLenReverse(a[0], b[0]));
  let parseError: RenderError | undefined;
  for (const [name, text, , path] of entries) {
    pathOf.set(name, path);
    try {
      for (const [treeName, tree] of parseCached(name, text)) {
        const existing = templates.get(treeName);
        // A later (higher-level) definition replaces an earlier one unless it is empty.
        if (existing && tree.root.every((n) => n.type === 'text' && n.text.trim() === '') && treeName !== name) continue;
        templates.set(treeName, { ...tree, file: path, base: 0 });
      }
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      parseError ??= { message: `parse error at (${name}): ${e.message}`, path, offset: e.offset };
    }
  }
  const exec = new Executor(templates, createFuncs());
  const rendered: RenderedTemplate[] = [];
  const caps = capabilities(options);
  // Reads are tracked when only the top chart's templates render (its subcharts, if any, are libraries).
  const tracked = nodes.slice(1).every((node) => node.chart.metadata.type === 'library') ? nodes[0] : undefined;
  const nodesKey = nodes.map((node) => node.namePrefix).join('\n');
  const fingerprint = tracked && valuesFingerprint(values);
  const previousReads = tracked && !parseError && options.previous?.result.reads?.nodesKey === nodesKey ? options.previous.result.reads : undefined;
  const reuse = previousReads && {
    reads: previousReads.byTemplate,
    changed: changedKeys(previousReads.values, values),
    edit: options.previous!.edit,
    outputs: new Map(options.previous!.result.templates.map((t) => [t.path, t])),
  };
  const byTemplate = new Map<string, ValuesRead>();
  for (const node of nodes) {
    const chartValues = valuesOf.get(node.chart) ?? {};
    const chartStruct = metadataStruct(node.chart, node.name);
    const files = filesStruct(node.chart.files);
    for (const rel of [...node.chart.templates.keys()].sort()) {
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      if (base.startsWith('_') || node.chart.metadata.type === 'library') continue;
      const name = node.namePrefix + rel;
      const path = node.chart.prefix + rel;
      if (options.only && !options.only.has(path)) continue;
      if (parseError) {
        rendered.push({ name, path, error: parseError });
        continue;
      }
      const kept = node === tracked && reuse ? keptOutput(reuse.outputs.get(path), reuse.reads.get(path), reuse.changed, reuse.edit) : undefined;
      if (kept) {
        rendered.push(kept.template);
        byTemplate.set(path, kept.read);
        continue;
      }
      const reads = new Set<string>();
      let readsAll = false;
      const dot: Record<string, unknown> = {
        Values: node === tracked ? trackReads(chartValues, reads, () => (readsAll = true)) : chartValues,
        Release: { Name: options.releaseName, Namespace: options.namespace, IsUpgrade: false, IsInstall: true, Revision: 1n, Service: 'Helm' },
        Chart: chartStruct,
        Files: files,
        Capabilities: caps,
        Template: { Name: name, BasePath: `${node.namePrefix}templates` },
      };
      if (node === tracked) byTemplate.set(path, reads);
      try {
        exec.depth = 0;
        const out = exec.execute(name, dot);
        const stripped = stripNoValue(out.text, out.segments);
        rendered.push({ name, path, output: { text: stripped.text, segments: stripped.segments } });
      } catch (e) {
        if (!(e instanceof TemplateError)) {
          rendered.push({ name, path, error: { message: `render error in ${name}: ${(e as Error).message}`, path, offset: 0 } });
          continue;
        }
        rendered.push({ name, path, error: { message: e.message, path: e.templateName, offset: e.offset } });
      } finally {
        if (node === tracked && readsAll) byTemplate.set(path, 'all');
      }
    }
  }
  if (!tracked || fingerprint === undefined) return { templates: rendered, parseError };
  // A template changed the values (set or merge on a values map): later templates saw the change, so
  // outputs kept from before may differ from a whole render. Render it all, and keep no reads.
  if (valuesFingerprint(values) !== fingerprint)
    return previousReads ? renderChart(top, { ...options, previous: undefined }) : { templates: rendered, parseError };
  return { templates: rendered, parseError, reads: { values, byTemplate, nodesKey } };
}

/** A previous output that the values edit leaves as it was, with its values offsets moved; undefined: render it. */
function keptOutput(
  previous: RenderedTemplate | undefined,
  read: ValuesRead | undefined,
  changed: ReadonlySet<string>,
  edit: ValuesEdit,
): { template: RenderedTemplate; read: ValuesRead } | undefined {
  if (!previous?.output || read === undefined || readsChanged(read, changed)) return undefined;
  const segments = shiftedSegments(previous.output.segments, edit);
  if (!segments) return undefined;
  return { template: segments === previous.output.segments ? previous : { ...previous, output: { text: previous.output.text, segments } }, read };
}
