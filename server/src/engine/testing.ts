// The engine's second entry, for unit tests only (test/architecture.test.ts allows it nowhere else): the
// internals that are worth testing on their own, below the Linter. Everything public is in ./index.ts; a test
// imports from here only what the public entry does not offer.
export { compareQuantities, compareQuantityText, parseQuantity, quantityOf } from './k8s/quantity';
export { ALL_NAMESPACES, WorkspaceIndex } from './k8s/workspace-index';
export { YamlLinter } from './k8s/lint';
export { isEmptySelector, matches, readLabels, readLabelSelector, selectorFromLabels } from './k8s/selectors';
export { API_DEPRECATIONS, deprecationOf } from './k8s/api-versions';
export { SERVED_MINORS, SERVED_VERSIONS, unservedApiVersion } from './k8s/served-versions';
export { parseVersion } from './k8s/versions';
export { looksSecret, secretByName } from './secrets';
export { saysGenerated } from './generated';
export { stageCuts } from './dockerfile/chunks';
export { parseDockerfile, parseDockerfileUncut, shellOf, stageChain, targetStage, withTriggers, type DockerfileModel } from './dockerfile/model';
export { imageFamily, runsNonRootByDefault } from './dockerfile/family';
export { accountsOf, resolveOwner } from './dockerfile/users';
export { summarizeDockerfile, summarySource } from './dockerfile/summary';
export { YamlEditor } from './yaml/edit';
export { seqAt } from './yaml/nodes';
export { parseDirectives } from './suppression/directives';
export { loadChart, parseValuesYaml, renderChart, type RenderError, type RenderResult } from './helm';
export { ChartParses, findChartRoot } from './helm/chart';
export { valuesEditOf } from './helm/reuse';
export { reparseScalarEdit } from './helm/scalarEdit';
export { valueOrigins } from './helm/template/exec';
export { splitAsHelm } from './helm/lint';
export { withoutStackTraces } from './yaml/documents';

export { buildKustomization, toJS } from './kustomize';
export { BuildCache } from './kustomize/build';
export { CallSnapshot } from './kustomize/snapshot';
export { cachedPatch, cachedPatchCount, MAX_PATCHES, parseYamlDocuments } from './kustomize/parse-cache';
export { reparseScalarEdit as reparseKustomizeScalarEdit } from './kustomize/scalarEdit';
export { renderDocument, renderText, renderYaml } from './kustomize/render';
export { clone, fromJS, toJS as treeToJS, type KNode } from './kustomize/tree';
export { kyamlMerge, mergeAssociativeList, type ElementMerge } from './kustomize/associativeList';
export { strategicMerge } from './kustomize/smp';
export { detectStyle } from './yaml/style';
