// `harden lint`: discover files, drop those a `.harden.yaml` ignores, index every file first (so that
// cross-file rules see the whole set, whatever the order), then lint each with the Linter of its settings,
// stream results to the chosen formatter, and turn the totals into the exit code.
import * as path from 'node:path';
import type { EngineSettings, Finding, Linter } from '../engine';
import { FileLinters } from '../node/fileLinters';
import { NodeFileSystem, statFile } from '../node/nodeFileSystem';
import { indexWorkspaceFile } from '../node/workspaceFiles';
import { CliError } from './errors';
import type { LintOptions } from './args';
import { chooseStyle } from './colors';
import { discoverFiles, type TargetFile } from './discover';
import { jsonReporter } from './formatJson';
import { sarifReporter } from './formatSarif';
import { textReporter } from './formatText';
import { lintFile } from './lintFile';
import type { LintedFile } from './lintFile';
import { openOutput } from './output';
import type { Output } from './output';
import { addToSummary, emptySummary } from './reporter';
import type { Reporter, RunSummary } from './reporter';

export interface LintEnvironment {
  cwd: string;
  /** Warnings and errors for people, never mixed into the report. */
  warn(message: string): void;
}

export function runLintCommand(options: LintOptions, env: LintEnvironment): number {
  const { files, warnings } = discoverFiles(options.patterns, env.cwd);
  warnings.forEach((warning) => env.warn(warning));
  if (files.length === 0) env.warn('no Kubernetes YAML or Dockerfile found');

  const fs = new NodeFileSystem({ cacheReads: true });
  const linters = new FileLinters({ fs, overrides: engineSettings(options), configPath: configPathOf(options, env.cwd) });
  const summary = emptySummary();
  const targets = routeFiles(files, linters, summary, env);
  for (const { file, linter } of targets) indexFromDisk(file, linter, fs);

  const output = openOutput(options.output);
  const reporter = createReporter(options, output, env.cwd);
  let ioFailed = false;

  for (const { file, linter } of targets) {
    const outcome = lintFile(file, { linter, fs, fix: options.fix });
    if (outcome.kind === 'skipped') {
      env.warn(`${file.display}: ${outcome.reason}; skipped`);
      summary.skipped.push(outcome);
      ioFailed ||= outcome.failed;
      continue;
    }
    for (const error of outcome.fix?.errors ?? []) env.warn(`${file.display}: ${error}`);
    ioFailed ||= (outcome.fix?.errors.length ?? 0) > 0;
    for (const created of outcome.fix?.created ?? []) env.warn(`${file.display}: created ${path.relative(env.cwd, created)}`);
    const shown: LintedFile = options.quiet ? { ...outcome, findings: outcome.findings.filter(isError) } : outcome;
    addToSummary(summary, shown);
    reporter.file(shown);
  }
  reporter.end(summary);
  output.close();

  if (ioFailed) return 2;
  if (summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    env.warn(`too many warnings (${summary.warnings}); --max-warnings is ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** `--config`, resolved; a missing file is a usage error rather than silently linting with defaults. */
function configPathOf(options: LintOptions, cwd: string): string | undefined {
  if (options.config === undefined) return undefined;
  const configPath = path.resolve(cwd, options.config);
  if (!statFile(configPath)) throw new CliError(`--config: no such file: ${options.config}`);
  return configPath;
}

interface Target {
  file: TargetFile;
  linter: Linter;
}

/** Pairs each file with the Linter of its settings; files a config ignores are only counted. Warns once per invalid config. */
function routeFiles(files: readonly TargetFile[], linters: FileLinters, summary: RunSummary, env: LintEnvironment): Target[] {
  const targets: Target[] = [];
  const warned = new Set<string>();
  for (const file of files) {
    const { linter, config } = linters.route(file.path);
    if (config && config.problems.length > 0 && !warned.has(config.path)) {
      warned.add(config.path);
      env.warn(`${path.relative(env.cwd, config.path) || config.path}: invalid configuration, linting with defaults: ${config.problems[0].message}`);
    }
    if (linter) targets.push({ file, linter });
    else summary.ignored++;
  }
  return targets;
}

/** First pass: the file's objects go into the shared index (read once: the file system caches the text). */
function indexFromDisk(file: TargetFile, linter: Linter, fs: NodeFileSystem): void {
  const text = fs.readFile(file.path);
  if (text === undefined || text.includes('\0')) return; // unreadable or binary: the second pass reports it
  try {
    indexWorkspaceFile(linter, { path: file.path, text });
  } catch {
    // The lint pass reports the same failure for this file.
  }
}

function engineSettings(options: LintOptions): Partial<EngineSettings> {
  return { rules: options.rules, ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}) };
}

function createReporter(options: LintOptions, output: Output, cwd: string): Reporter {
  switch (options.format) {
    case 'json':
      return jsonReporter(output);
    case 'sarif':
      return sarifReporter(output, cwd);
    default:
      return textReporter(output, chooseStyle({ isTTY: output.isTTY, noColor: options.noColor, env: process.env }));
  }
}

function isError(finding: Finding): boolean {
  return finding.severity === 'error';
}
