// The engine's public surface: the only module the LSP server, the CLI and tests import.
export * from './types';
export { Linter, detectLanguage } from './linter';
export type { SourceFile, LintResult, FixAllResult } from './linter';
export { allRules, ruleById } from './rules';
export { SAFE_FIXES, offeredFixKinds, selectFix } from './fix-kinds';
export type { FixFilter } from './fix-kinds';
export { docsUrl } from './rule';
export { LineIndex, applyTextEdits, applyOffsetEdits, minimalEdit, detectEol } from './text';
export { setRuleErrorHandler } from './errors';
export { parseConfig, findConfigFile, isConfigFile, CONFIG_FILE_NAMES } from './config';
export type { HardenConfig, ConfigProblem } from './config';
