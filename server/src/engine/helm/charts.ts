// The Linter's view of charts: which chart a file belongs to, and the chart's findings, kept until one of
// the files it read changes. An edit of a (non-partial) template re-renders that template only; an edit of
// values.yaml alone re-renders the templates that read a value that changed (reuse.ts); any other edit
// (Chart.yaml, a partial, a subchart) re-renders the chart. Rendered manifests are linted through the YAML
// linter, whose per-document cache skips the ones whose text did not change.
import type { EngineSettings, Finding, HostFileSystem } from '../types';
import { ChartParses, findChartRoot, joinPath, loadChart } from './chart';
import type { LoadedChart } from './chart';
import type { ChartFindings, RenderedLinter } from './lint';
import { lintChart, renderLoadedChart } from './lint';
import type { RenderResult } from './render';
import { valuesEditOf } from './reuse';

interface CachedChart {
  chart: LoadedChart;
  settingsKey: string;
  render: RenderResult;
  findings: ChartFindings;
}

export interface ChartFileResult {
  findings: Finding[];
  /** The file is a template that failed to render: the host still lints its masked text. */
  renderFailed: boolean;
  /** The chart was rendered anew: other open files of the chart may have new findings. */
  rerendered: boolean;
  /** For a template: whether its text at an offset is in some rendered output (not in a block that rendered nothing). */
  rendered?: (offset: number) => boolean;
}

/** Charts whose render is kept: those open in an editor at once, a CLI run's current one. */
const MAX_CHARTS = 8;

export class ChartLinter {
  private readonly cache = new Map<string, CachedChart>();
  private readonly parses = new Map<string, ChartParses>();

  clear(): void {
    this.cache.clear();
    this.parses.clear();
  }

  /** Findings of the chart for `path`, or undefined when `path` is in no chart (or the host cannot list folders). */
  lintFile(fs: HostFileSystem, path: string, settings: EngineSettings, lintRendered: RenderedLinter): ChartFileResult | undefined {
    if (!fs.listDirectory) return undefined;
    const dir = findChartRoot(fs, path);
    if (!dir) return undefined;
    const before = this.cache.get(dir)?.findings;
    const findings = this.chartFindings(fs, dir, settings, lintRendered);
    if (!findings) return undefined;
    const failed = findings.render.templates.some((t) => t.error && `${dir}/${t.path}` === path);
    const rel = path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
    return {
      findings: findings.byFile.get(path) ?? [],
      renderFailed: failed,
      rerendered: before !== undefined && before !== findings,
      rendered: rel && /(^|\/)templates\//.test(rel) ? renderedText(findings.render, rel) : undefined,
    };
  }

  chartFindings(fs: HostFileSystem, dir: string, settings: EngineSettings, lintRendered: RenderedLinter): ChartFindings | undefined {
    let parses = this.parses.get(dir);
    if (!parses) this.parses.set(dir, (parses = new ChartParses()));
    const chart = loadChart(fs, dir, parses);
    if (!chart) return undefined;
    const settingsKey = JSON.stringify([settings.helm, settings.kubernetesVersion, settings.defaultNamespace, settings.rules]);
    // Values files from outside the chart are inputs too.
    for (const file of settings.helm?.valuesFiles ?? []) {
      const text = fs.readFile(file);
      if (text !== undefined) chart.sources.set(file, text);
    }
    const cached = this.cache.get(dir);
    let render: RenderResult;
    if (cached && cached.settingsKey === settingsKey) {
      const changed = changedFiles(cached.chart.sources, chart.sources);
      if (changed.length === 0) return cached.findings;
      // A template that also holds a `define` (falco's templates/pod-template.tpl, no leading underscore) is a partial
      // too: other templates' outputs copy its text, and their source offsets would go stale.
      const templatesOnly = changed.every(
        (p) =>
          cached.chart.sources.has(p) &&
          isRenderedTemplate(chart, p) &&
          !definesTemplates(cached.chart.sources.get(p)!) &&
          !definesTemplates(chart.sources.get(p)!),
      );
      const values = joinPath(dir, 'values.yaml');
      if (templatesOnly) {
        const only = new Set(changed.map((p) => p.slice(dir.length + 1)));
        const partial = renderLoadedChart(fs, chart, settings, settings.helm ?? {}, { only });
        const fresh = new Map(partial.templates.map((t) => [t.path, t]));
        const reads = cached.render.reads &&
          partial.reads && { ...partial.reads, byTemplate: new Map([...cached.render.reads.byTemplate, ...partial.reads.byTemplate]) };
        render = { ...cached.render, templates: cached.render.templates.map((t) => fresh.get(t.path) ?? t), reads };
      } else if (changed.length === 1 && changed[0] === values && cached.chart.sources.has(values)) {
        // Only values.yaml: templates that read none of the values that changed keep their output.
        const edit = valuesEditOf(cached.chart.sources.get(values)!, chart.sources.get(values)!, 'values.yaml');
        render = renderLoadedChart(fs, chart, settings, settings.helm ?? {}, { previous: { result: cached.render, edit } });
      } else {
        render = renderLoadedChart(fs, chart, settings, settings.helm ?? {});
      }
    } else {
      render = renderLoadedChart(fs, chart, settings, settings.helm ?? {});
    }
    const previous = cached?.settingsKey === settingsKey ? cached.render : undefined;
    const findings = lintChart(fs, dir, settings, settings.helm ?? {}, lintRendered, chart, render, previous);
    if (!findings) return undefined;
    // Most recently linted last; the oldest charts go past MAX_CHARTS (a CLI run over a repository of charts held
    // every chart's render, parses included, to its end).
    this.cache.delete(dir);
    this.cache.set(dir, { chart, settingsKey, render, findings });
    for (const old of this.cache.keys()) {
      if (this.cache.size <= MAX_CHARTS) break;
      this.cache.delete(old);
      this.parses.delete(old);
    }
    return findings;
  }
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, text] of after) if (before.get(path) !== text) out.push(path);
  for (const path of before.keys()) if (!after.has(path)) out.push(path);
  return out;
}

/** A template file that renders on its own (not a partial, not in a library chart, not a new file). */
function isRenderedTemplate(chart: LoadedChart, absolute: string): boolean {
  const charts = [chart];
  for (let i = 0; i < charts.length; i++) charts.push(...charts[i].subcharts);
  for (const c of charts) {
    if (!absolute.startsWith(`${c.dir}/templates/`)) continue;
    const rel = absolute.slice(c.dir.length + 1);
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    return c.templates.has(rel) && !base.startsWith('_') && c.metadata.type !== 'library';
  }
  return false;
}

/** Whether a template file's text defines named templates (`define`, `block`) that other templates may include. */
function definesTemplates(text: string): boolean {
  return /\{\{-?\s*(?:define|block)\b/.test(text);
}

/** Whether the text of template `file` at an offset was copied into some rendered output. */
function renderedText(render: RenderResult, file: string): (offset: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const t of render.templates) {
    for (const seg of t.output?.segments ?? []) if (seg.source.kind === 'template' && seg.source.file === file) ranges.push([seg.source.start, seg.source.end]);
  }
  return (offset) => ranges.some(([start, end]) => start <= offset && offset < end);
}
