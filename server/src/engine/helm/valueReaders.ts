// Findings of a value many rendered objects read: a values scalar that a `range` prints into 22 Deployments
// (opentelemetry-demo's `default.replicas`), or Chart.yaml's `appVersion` that every image line defaults its tag to
// (kyverno's `appVersion: latest`). One finding per source line and rule, naming the objects; its fix changes them all.
import { isMap, isScalar, parseAllDocuments, parseDocument, type Node } from 'yaml';
import { copyWithLazyFixes } from '../findings';
import type { Finding, Fix } from '../types';
import type { LoadedChart } from './chart';
import { YAML_OPTIONS } from './renderedDocuments';
import { segmentAt, type Segment } from './template/sourcemap';

/** Where a kind of finding reads the count a values file may pin for one component (k8s/replicas: `spec.replicas`). */
export const PINNED_COUNT_FIELDS: Readonly<Record<string, string[]>> = {
  'k8s/replicas': ['spec', 'replicas'],
  'k8s/hpa-min-replicas': ['spec', 'minReplicas'],
};

/** The key path of the values node whose value starts at `offset` in a values file's text, if one does. */
export function valuesPathAt(text: string, offset: number): string[] | undefined {
  const walk = (node: unknown, path: string[]): string[] | undefined => {
    if (!isMap(node)) return undefined;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = pair.value as Node | null;
      if (key === undefined || !value?.range) continue;
      if (value.range[0] === offset && isScalar(value)) return [...path, key];
      if (value.range[0] <= offset && offset < value.range[1]) return walk(value, [...path, key]);
    }
    return undefined;
  };
  return walk(parseDocument(text, YAML_OPTIONS).contents, []);
}

/**
 * The source of the value at `field` of the object `kind`/`name` in a rendered output (split as Helm splits it,
 * `toRendered` mapping back to the segments' offsets), if a values file printed it.
 */
export function fieldSource(
  text: string,
  toRendered: (offset: number) => number,
  segments: Segment[],
  object: ObjectId,
  field: string[],
): Segment['source'] | undefined {
  for (const doc of parseAllDocuments(text, YAML_OPTIONS)) {
    if (doc.get('kind') !== object.kind || doc.getIn(['metadata', 'name']) !== object.name) continue;
    const node = doc.getIn(field, true) as Node | undefined;
    return node?.range ? segmentAt(segments, toRendered(node.range[0]))?.source : undefined;
  }
  return undefined;
}

export interface ObjectId {
  kind: string;
  name: string;
}

/** `Deployment "cart"`. */
export function objectLabelOf(object: ObjectId): string {
  return object.name ? `${object.kind} "${object.name}"` : object.kind;
}

/** How many distinct rendered documents hold `prints` (a source's prints, each in a template's output). */
export function readerCount(prints: Iterable<{ template: string; output: { start: number } }>, outputText: (template: string) => string): number {
  const readers = new Set<string>();
  for (const print of prints) {
    // The document: how many `---` lines start before the printed text.
    const before =
      outputText(print.template)
        .slice(0, print.output.start)
        .match(/(?:^|\n)---/g)?.length ?? 0;
    readers.add(`${print.template}\0${before}`);
  }
  return readers.size;
}

/**
 * Chart.yaml's `appVersion` when the rendered text in [start, end) holds it where no file's text was copied (a
 * template's `default .Chart.AppVersion`), and the template line at `at` names `.Chart.AppVersion`: the chart (or
 * subchart) whose Chart.yaml it is, and the value's place there.
 */
export function appVersionOrigin(
  chart: LoadedChart,
  rendered: string,
  segments: Segment[],
  start: number,
  end: number,
  template: string,
  templateText: string,
  at: number,
  chartText: (rel: string) => string | undefined,
): { file: string; start: number; end: number; value: string } | undefined {
  const lineStart = templateText.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = templateText.indexOf('\n', at);
  if (!/\.Chart\.AppVersion\b/.test(templateText.slice(lineStart, lineEnd < 0 ? undefined : lineEnd))) return undefined;
  const owner = owningChart(chart, template);
  const value = owner.metadata.appVersion;
  if (!value) return undefined;
  const text = rendered.slice(start, Math.max(end, start + 1));
  let found = false;
  for (let i = text.indexOf(value); i >= 0 && !found; i = text.indexOf(value, i + 1)) {
    found = true;
    for (let j = start + i; j < start + i + value.length; j++) if (segmentAt(segments, j)) found = false;
  }
  if (!found) return undefined;
  const file = `${owner.prefix}Chart.yaml`;
  const line = /^appVersion:[ \t]*(["']?)(.*?)\1[ \t]*(?:#.*)?$/m.exec(chartText(file) ?? '');
  if (!line) return undefined;
  const valueStart = line.index + line[0].indexOf(line[2], 'appVersion:'.length);
  return { file, start: valueStart, end: valueStart + line[2].length, value };
}

function owningChart(chart: LoadedChart, file: string): LoadedChart {
  for (const sub of chart.subcharts) if (file.startsWith(sub.prefix)) return owningChart(sub, file);
  return chart;
}

/**
 * Findings of one file that share a rule and a place (a values line many objects read) made one: the first's, its
 * message naming the other objects, its fixes those of all (one of each title).
 */
export function mergeSharedFindings(findings: Finding[], readers: ReadonlyMap<Finding, string>): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const finding of findings) {
    if (!readers.has(finding)) {
      out.push(finding);
      continue;
    }
    const key = `${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else {
      groups.set(key, [finding]);
      out.push(finding);
    }
  }
  return out.map((finding) => {
    const group = groups.get(`${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}`);
    if (!readers.has(finding) || !group || group.length < 2) return finding;
    const others = [...new Set(group.slice(1).map((f) => readers.get(f)!))].filter((label) => label !== readers.get(finding));
    if (others.length === 0) return finding;
    const named = others.length > 4 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
    const merged = copyWithLazyFixes(finding, () => {
      const titles = new Set<string>();
      const fixes: Fix[] = [];
      for (const fix of group.flatMap((f) => f.fixes)) if (!titles.has(fix.title) && titles.add(fix.title)) fixes.push(fix);
      return fixes;
    });
    merged.message = `${finding.message} (so do ${named}: ${others.length + 1} objects read this value)`;
    return merged;
  });
}
