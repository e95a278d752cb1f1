// The engine's public surface: the only engine module that hosts (LSP server, CLI, Node helpers), services
// (schema, completion) and scripts import; test/architecture.test.ts enforces it. Unit tests of engine
// internals import them through ./testing.ts instead.
export * from './types';
export { Linter, detectLanguage, isHelmNotesFile, type LinterOptions } from './linter';
export { isTestAssertionFileName } from './k8s/test-assertions';
export type { SourceFile, LintResult, FixAllResult } from './linter';
export { allRules, ruleById } from './rules';
export { SAFE_FIXES, offeredFixKinds, selectFix } from './fix-kinds';
export type { FixFilter } from './fix-kinds';
export { docsUrl, DOCS_ONLINE_BASE_URL } from './rule';
export { LineIndex, applyTextEdits, applyOffsetEdits, minimalEdit, detectEol } from './text';
export { setRuleErrorHandler } from './errors';
export { parseConfig, findConfigFile, isConfigFile, CONFIG_FILE_NAMES, SCHEMA_RULE_ID, schemaTurnedOff } from './config';
export type { HardenConfig, ConfigProblem } from './config';
export {
  lintKustomizations,
  topLevelKustomizations,
  buildKustomization,
  isKustomizationFile,
  BUILD_ERROR_RULE_ID,
  KustomizeService,
  KUSTOMIZATION_FILE_NAMES,
} from './kustomize';
export type { KustomizeFinding, KustomizeLintResult, BuildResult as KustomizeBuildResult } from './kustomize';
export { repositoryRoot } from './kustomize/gitignore';
export { dirnameOf, relativePath } from './kustomize/paths';

// The workspace index as plain data (the CLI moves it between threads) and the Dockerfile an image comes from
// (the LSP's document links).
export type { IndexEntry, ObjectSummary, DockerfileSummary } from './k8s/workspace-index';
export { dockerfileForImage } from './k8s/image-dockerfile';
// Which file changes re-lint the open Dockerfiles.
export { isDockerBuildInput } from './dockerfile/build-inputs';
// Whether `dockerTarget` / `--target` names a stage of a Dockerfile (the CLI warns when it does not).
export { stagesWithoutTarget } from './dockerfile/targets';

// YAML and Kubernetes building blocks for the services (schema validation, completion), so that they read a
// document exactly as the rules do.
export { splitDocuments, parseSegment, nestingTooDeep, type YamlSegment } from './yaml/documents';
export { SegmentedText } from './yaml/segmentedText';
export { entryOf, reuseByText, type TextEntry } from './yaml/reuse';
export { hasTemplateSyntax, isTemplated } from './yaml/templates';
export { scalarText } from './yaml/render';
export { mapAt, stringAt, yaml11Boolean } from './yaml/nodes';
export { podSpecPath, podTemplateLabels, toK8sObject, toWorkload, type K8sObject, type Workload } from './k8s/model';
export type { Labels } from './k8s/selectors';
export { atLeast, KUBERNETES_MINOR_VERSION } from './k8s/versions';
export { POD_SECURITY_CONTROLS, type PodSecurityCheck, type PodSecurityControl } from './k8s/pod-security';
export { defaultApiVersions } from './helm/capabilities';
