// The chart as it would be with other values: what a fix to a values file is checked against before it is offered.
import type { LoadedChart } from './chart';
import type { RenderResult } from './render';
import { valuesEditOf, type ValuesEdit } from './reuse';
import { valueOrigins } from './template/exec';
import { isMap } from './template/values';
import { parseValuesYaml } from './yamlValues';

/** Renders `chart`; `edit` is the values.yaml edit since `previous` (outputs that read no changed value are kept). */
export type RenderWith = (chart: LoadedChart, previous?: { result: RenderResult; edit: ValuesEdit }) => RenderResult;

/** The chart or subchart whose values file `file` is (`values.yaml`, `charts/x/values.yaml`). */
export function chartWithValues(chart: LoadedChart, file: string): LoadedChart | undefined {
  if (file === `${chart.prefix}values.yaml`) return chart;
  for (const sub of chart.subcharts) if (file.startsWith(sub.prefix)) return chartWithValues(sub, file);
  return undefined;
}

/** The chart with the values of one of its values files (`values.yaml`, `charts/x/values.yaml`) changed by `change`. */
function withValues(chart: LoadedChart, file: string, change: (values: Record<string, unknown>) => Record<string, unknown>): LoadedChart {
  if (file === `${chart.prefix}values.yaml`) return { ...chart, values: change(chart.values) };
  return { ...chart, subcharts: chart.subcharts.map((sub) => (file.startsWith(sub.prefix) ? withValues(sub, file, change) : sub)) };
}

/** The chart with the value at `path` of one of its values files replaced. */
export function withValue(chart: LoadedChart, file: string, path: string[], value: unknown): LoadedChart {
  return withValues(chart, file, (values) => setValue(values, path, value));
}

/** The chart without the value at `path` of one of its values files (as if its line were not written). */
export function withoutValue(chart: LoadedChart, file: string, path: string[]): LoadedChart {
  return withValues(chart, file, (values) => deleteValue(values, path));
}

/** A copy of `values` without `path`, sharing every map off the path; the copies keep their entries' origins. */
function deleteValue(values: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  const child = values[head];
  if (rest.length > 0 && !isMap(child)) return values;
  const copy = { ...values };
  if (rest.length === 0) delete copy[head];
  else copy[head] = deleteValue(child as Record<string, unknown>, rest);
  const origins = valueOrigins.get(values);
  if (origins) valueOrigins.set(copy, origins);
  return copy;
}

/** A copy of `values` with `path` set, sharing every map off the path. */
export function setValue(values: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...values, [head]: value };
  const child = values[head];
  return { ...values, [head]: setValue(isMap(child) ? child : {}, rest, value) };
}

/**
 * Whether the chart, with values file `file` reading `after` instead of `before`, still renders every template that
 * `result` rendered. A chart may guard its values (`{{ fail "maxUnavailable must be set when replicas > 1" }}`): a fix
 * that raises `replicas` there would stop the release at install, which is worse than the finding.
 */
export function rendersWithValuesText(chart: LoadedChart, result: RenderResult, file: string, before: string, after: string, render: RenderWith): boolean {
  const parsed = parseValuesYaml(after, file);
  if (parsed.error || !isMap(parsed.value)) return false;
  const values = parsed.value;
  const changed = withValues(chart, file, () => values);
  // Only the top chart's values.yaml edits are reusable (reads are tracked by its top-level keys).
  const again = render(changed, file === 'values.yaml' ? { result, edit: valuesEditOf(before, after, file) } : undefined);
  const failed = new Set(again.templates.filter((t) => t.error).map((t) => t.path));
  return !again.parseError && result.templates.every((t) => t.error !== undefined || !failed.has(t.path));
}
