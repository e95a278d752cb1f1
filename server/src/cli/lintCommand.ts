// `harden lint`: discover files, run each through one Linter (it caches across files), stream results to
// the chosen formatter, and turn the totals into the exit code.
import * as path from 'node:path';
import { Linter } from '../engine';
import type { EngineSettings, Finding } from '../engine';
import type { LintOptions } from './args';
import { chooseStyle } from './colors';
import { discoverFiles } from './discover';
import { jsonReporter } from './formatJson';
import { sarifReporter } from './formatSarif';
import { textReporter } from './formatText';
import { lintFile } from './lintFile';
import type { LintedFile } from './lintFile';
import { NodeFileSystem } from './nodeFileSystem';
import { openOutput } from './output';
import type { Output } from './output';
import { addToSummary, emptySummary } from './reporter';
import type { Reporter } from './reporter';

export interface LintEnvironment {
  cwd: string;
  /** Warnings and errors for people, never mixed into the report. */
  warn(message: string): void;
}

export function runLintCommand(options: LintOptions, env: LintEnvironment): number {
  const { files, warnings } = discoverFiles(options.patterns, env.cwd);
  warnings.forEach((warning) => env.warn(warning));
  if (files.length === 0) env.warn('no Kubernetes YAML or Dockerfile found');

  const fs = new NodeFileSystem();
  const linter = new Linter(engineSettings(options), fs);
  const output = openOutput(options.output);
  const reporter = createReporter(options, output, env.cwd);
  const summary = emptySummary();
  let ioFailed = false;

  for (const file of files) {
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
