// Helm chart support: loading a chart through the host's file system and rendering it like `helm template`,
// with a source map from every rendered character back to the template or values line it came from.
export { loadChart, findChartRoot, CHART_FILE } from './chart';
export type { LoadedChart } from './chart';
export { renderChart } from './render';
export type { RenderOptions, RenderResult, RenderedTemplate, RenderError } from './render';
export { parseValuesYaml } from './yamlValues';
export type { MappedText, Segment, SourceRange } from './template/sourcemap';
export { segmentAt } from './template/sourcemap';
