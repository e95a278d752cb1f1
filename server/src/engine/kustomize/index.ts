// Kustomize support: the in-memory build with provenance, and the model the linter and hosts use.
export { buildKustomization } from './build';
export type { BuildOptions, BuildResult } from './build';
export { isKustomizationFile, KUSTOMIZATION_FILE_NAMES } from './model';
export type { BuildProblem } from './model';
export type { Resource } from './resource';
export { toJS } from './tree';
export type { KNode, KMap, Origin } from './tree';
export { lintKustomizations, topLevelKustomizations, BUILD_ERROR_RULE_ID } from './lint';
export type { KustomizeFinding, KustomizeLintResult } from './lint';
export { KustomizeService } from './service';
