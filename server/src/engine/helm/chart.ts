// Loading a chart folder through the host's file system: Chart.yaml, values.yaml, templates/ (with partials),
// the chart's other files (for .Files) and subcharts vendored as directories under charts/ (packed .tgz
// subcharts are not read: their templates are unknown, so the chart renders without them).
import type { HostFileSystem } from '../types';
import { ignoredBy, parseIgnoreFile } from '../ignore-file';
import { parseValuesYaml } from './yamlValues';
import { reparseScalarEdit } from './scalarEdit';

export interface ChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
  type?: string;
  raw: Record<string, unknown>;
  dependencies: Array<{ name: string; alias?: string; condition?: string; tags?: string[]; repository?: string }>;
}

export interface LoadedChart {
  /** Absolute folder path. */
  dir: string;
  /** Path of the folder relative to the top chart ('' for the top chart, `charts/common/` for a subchart). */
  prefix: string;
  metadata: ChartMetadata;
  /** values.yaml as Helm decodes it (origins attached), or {} when absent. */
  values: Record<string, unknown>;
  valuesError?: { message: string; offset: number };
  /** templates/ files, chart-relative to this chart (`templates/deployment.yaml`) -> text. */
  templates: Map<string, string>;
  /** Files .Files sees (not templates/, charts/, Chart.yaml, values.yaml), chart-relative. */
  files: Map<string, string>;
  subcharts: LoadedChart[];
  /** Subcharts packed as .tgz: not rendered (reported by name). */
  packedSubcharts: string[];
  /** Every file read for this chart and its subcharts (absolute path -> text): what a re-render depends on. */
  sources: Map<string, string>;
}

export const CHART_FILE = 'Chart.yaml';
const MAX_FILES = 2000;
const MAX_DEPTH = 12;

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Lists files under `dir` recursively (chart-relative, `/`-separated). */
function listTree(fs: HostFileSystem, dir: string, skip: (rel: string, isDir: boolean) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (depth > MAX_DEPTH || out.length > MAX_FILES) return;
    const entries = fs.listDirectory?.(rel ? joinPath(dir, rel) : dir) ?? [];
    for (const entry of [...entries].sort()) {
      const isDir = entry.endsWith('/');
      const name = isDir ? entry.slice(0, -1) : entry;
      const path = rel ? `${rel}/${name}` : name;
      if (skip(path, isDir)) continue;
      if (isDir) walk(path, depth + 1);
      else out.push(path);
    }
  };
  walk('', 0);
  return out;
}

/** .helmignore: `.gitignore`'s syntax; the walk asks for each folder before it enters it. */
export function helmIgnore(text: string | undefined): (rel: string, isDir: boolean) => boolean {
  const patterns = parseIgnoreFile(text);
  return (rel, isDir) => ignoredBy(patterns, rel, isDir) === true;
}

type ParsedYaml = ReturnType<typeof parseValuesYaml>;

/**
 * Chart.yaml and values.yaml files parsed by text. An editor loads a chart again for every edit of one of its
 * files (and for each open file of it): unchanged ones are not parsed again (values.yaml with its origins
 * is the costly part). What one load did not use is dropped at the next, so the memo holds one chart's files.
 * Parses are shared: the renderer copies values before merging them.
 */
export class ChartParses {
  private previous = new Map<string, ParsedYaml>();
  private current = new Map<string, ParsedYaml>();
  /** The last text parsed under each name: an edit inside one scalar of it is applied to its parse. */
  private readonly last = new Map<string, { text: string; parsed: ParsedYaml }>();

  parse(text: string, name: string): ParsedYaml {
    const key = `${name}\0${text}`;
    let parsed = this.current.get(key) ?? this.previous.get(key);
    if (!parsed) {
      const last = this.last.get(name);
      parsed = (last && reparseScalarEdit(last.text, last.parsed, text, name)) ?? parseValuesYaml(text, name);
      this.last.set(name, { text, parsed });
    }
    this.current.set(key, parsed);
    return parsed;
  }

  /** A load ended: what it did not use goes at the next one. */
  settle(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

function parseMetadata(text: string | undefined, parse: (text: string, name: string) => ParsedYaml): ChartMetadata | undefined {
  if (text === undefined) return undefined;
  const parsed = parse(text, CHART_FILE);
  const raw = parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : {};
  return {
    name: str(raw.name) ?? '',
    version: str(raw.version) ?? '',
    appVersion: str(raw.appVersion),
    type: str(raw.type),
    raw,
    dependencies: dependenciesOf(raw),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `dependencies:` of Chart.yaml (apiVersion v2) or of a v1 chart's requirements.yaml. */
function dependenciesOf(raw: unknown): ChartMetadata['dependencies'] {
  const list = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).dependencies : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((d) => {
    if (!d || typeof d !== 'object') return [];
    const dep = d as Record<string, unknown>;
    const name = str(dep.name);
    if (!name) return [];
    const tags = Array.isArray(dep.tags) ? dep.tags.map(String) : undefined;
    return [{ name, alias: str(dep.alias), condition: str(dep.condition), tags, repository: str(dep.repository) }];
  });
}

/**
 * The folder of the chart that holds the file `path`, if any: the nearest Chart.yaml in its folder or above. (Not
 * `path`/Chart.yaml: a file is no folder, and on disk asking costs a failed stat per linted file.)
 */
export function findChartRoot(fs: HostFileSystem, path: string): string | undefined {
  const parts = path.replace(/\\/g, '/').split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    const dir = parts.slice(0, i).join('/') || '/';
    if (fs.exists(joinPath(dir, CHART_FILE))) {
      // A subchart vendored under charts/ renders as part of its parent.
      const parent = parts.slice(0, i - 2).join('/');
      if (parts[i - 2] === 'charts' && parent && fs.exists(joinPath(parent, CHART_FILE))) return findChartRoot(fs, joinPath(parent, CHART_FILE));
      return dir;
    }
  }
  return undefined;
}

/** Loads the chart at `dir`; with `parses`, unchanged Chart.yaml and values.yaml files are not parsed again. */
export function loadChart(fs: HostFileSystem, dir: string, parses?: ChartParses): LoadedChart | undefined {
  const chart = loadChartAt(fs, dir, '', 0, parses ? (text, name) => parses.parse(text, name) : parseValuesYaml);
  parses?.settle();
  return chart;
}

function loadChartAt(
  fs: HostFileSystem,
  dir: string,
  prefix: string,
  depth: number,
  parse: (text: string, name: string) => ParsedYaml,
): LoadedChart | undefined {
  const sources = new Map<string, string>();
  const read = (path: string) => {
    const text = fs.readFile(path);
    if (text !== undefined) sources.set(path, text);
    return text;
  };
  const metadata = parseMetadata(read(joinPath(dir, CHART_FILE)), parse);
  if (!metadata) return undefined;
  // Helm 3 still reads a v1 chart's dependencies from requirements.yaml (its loader moves them into the metadata).
  if (metadata.dependencies.length === 0) {
    const requirements = read(joinPath(dir, 'requirements.yaml'));
    if (requirements !== undefined) metadata.dependencies = dependenciesOf(parse(requirements, `${prefix}requirements.yaml`).value);
  }
  const valuesText = read(joinPath(dir, 'values.yaml'));
  const parsedValues = valuesText === undefined ? { value: {} } : parse(valuesText, `${prefix}values.yaml`);
  const values =
    parsedValues.value && typeof parsedValues.value === 'object' && !Array.isArray(parsedValues.value) ? (parsedValues.value as Record<string, unknown>) : {};
  const ignored = helmIgnore(fs.readFile(joinPath(dir, '.helmignore')));
  const templates = new Map<string, string>();
  const files = new Map<string, string>();
  const subcharts: LoadedChart[] = [];
  const packedSubcharts: string[] = [];
  const top = new Set([CHART_FILE, 'Chart.lock', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'requirements.lock']);
  for (const rel of listTree(fs, dir, (rel, isDir) => (isDir && rel === 'charts') || ignored(rel, isDir))) {
    const text = read(joinPath(dir, rel));
    if (text === undefined) continue;
    if (rel.startsWith('templates/')) templates.set(rel, text);
    else if (!top.has(rel)) files.set(rel, text);
  }
  if (depth < MAX_DEPTH) {
    for (const entry of [...(fs.listDirectory?.(joinPath(dir, 'charts')) ?? [])].sort()) {
      if (entry.endsWith('/')) {
        const sub = loadChartAt(fs, joinPath(dir, `charts/${entry.slice(0, -1)}`), `${prefix}charts/${entry}`, depth + 1, parse);
        if (sub) {
          subcharts.push(sub);
          for (const [p, t] of sub.sources) sources.set(p, t);
        }
      } else if (/\.tgz$/.test(entry)) {
        packedSubcharts.push(entry);
      }
    }
  }
  return { dir, prefix, metadata, values, valuesError: parsedValues.error, templates, files, subcharts, packedSubcharts, sources };
}

/**
 * The dependency whose folder holds `file` (chart-relative), when `helm dependency build` fetches it from a repository:
 * an edit there is lost at the next update (and `charts/` is mostly gitignored). Local (`file://`) dependencies are the
 * chart owner's own.
 */
export function fetchedDependencyOf(chart: LoadedChart, file: string): { name: string; repository: string } | undefined {
  for (const sub of chart.subcharts) {
    if (!file.startsWith(sub.prefix)) continue;
    const dependency = chart.metadata.dependencies.find((d) => d.name === sub.metadata.name);
    const repository = dependency?.repository;
    if (dependency && repository && !repository.startsWith('file://')) return { name: dependency.alias ?? dependency.name, repository };
    return fetchedDependencyOf(sub, file);
  }
  return undefined;
}
