// `harden lint`: discover files, drop those a `.harden.yaml` ignores, index every file first (so that
// cross-file rules see the whole set, whatever the order), then lint each with the Linter of its settings,
// stream results to the chosen formatter in file order, and turn the totals into the exit code.
// Large runs are spread over worker threads (--jobs); the report is the same byte for byte either way.
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineSettings, Finding } from '../../engine';
import { statFile } from '../node/nodeFileSystem';
import { CliError } from './errors';
import type { LintOptions } from './args';
import { chooseStyle } from './colors';
import { discoverFiles, type TargetFile } from './discover';
import { jsonReporter } from './formatJson';
import { sarifReporter } from './formatSarif';
import { textReporter } from './formatText';
import { createPendingFiles } from './lintFile';
import type { FileOutcome, LintedFile } from './lintFile';
import { LintSession, type SessionSetup } from './lintSession';
import { OrderedResults } from './orderedResults';
import { openOutput } from './output';
import type { Output } from './output';
import { addToSummary, emptySummary } from './reporter';
import type { Reporter, RunSummary } from './reporter';
import { lintWithWorkers, WorkerFailure } from './workerPool';

export interface LintEnvironment {
  cwd: string;
  /** Warnings and errors for people, never mixed into the report. */
  warn(message: string): void;
  /** The script worker threads run (the CLI bundle); without it, every file is linted in this thread. */
  workerScript?: string;
}

// A worker thread costs about as much as linting several hundred files: it loads the bundle, and its JIT
// warms up (and compiles, and collects garbage) on its own. Measured on 2 CPUs with 5,000 small manifests:
// 2 threads ≈ 1 thread; 20,000: 2 threads win 15-30 %. So, without --jobs, a thread gets at least
// AUTO_FILES_PER_THREAD files (fewer files: one thread); `--jobs N` asks for N, at least
// FILES_PER_THREAD files each (so under 100 files it is one thread anyway).
const AUTO_FILES_PER_THREAD = 2000;
const FILES_PER_THREAD = 50;

export async function runLintCommand(options: LintOptions, env: LintEnvironment): Promise<number> {
  const { files, warnings } = discoverFiles(options.patterns, env.cwd);
  warnings.forEach((warning) => env.warn(warning));
  if (files.length === 0) env.warn('no Kubernetes YAML or Dockerfile found');

  const setup: SessionSetup = { overrides: engineSettings(options), configPath: configPathOf(options, env.cwd), fix: options.fix, fixFilter: options.fixFilter };
  const session = new LintSession(setup);
  const summary = emptySummary();
  const targets = routeFiles(files, session, summary, env);

  const output = openOutput(options.output);
  try {
    const reporter = createReporter(options, output, env.cwd);
    let ioFailed = false;
    const report = (outcome: FileOutcome) => {
      const { file } = outcome;
      if (outcome.kind === 'skipped') {
        env.warn(`${file.display}: ${outcome.reason}; skipped`);
        summary.skipped.push(outcome);
        ioFailed ||= outcome.failed;
        return;
      }
      const linted = createPendingFiles(outcome); // only now: no file of the run may see them while linted
      for (const error of linted.fix?.errors ?? []) env.warn(`${file.display}: ${error}`);
      ioFailed ||= (linted.fix?.errors.length ?? 0) > 0;
      for (const created of linted.fix?.created ?? []) env.warn(`${file.display}: created ${path.relative(env.cwd, created)}`);
      const shown: LintedFile = options.quiet ? { ...linted, findings: linted.findings.filter(isError) } : linted;
      addToSummary(summary, shown);
      reporter.file(shown);
    };
    const ordered = new OrderedResults<FileOutcome>(targets.length, report, (outcome) => outcome.kind === 'linted' && outcome.fix?.pending !== undefined);

    const threads = threadCount(options.jobs, targets.length);
    if (threads > 1 && env.workerScript) {
      const onResult = (id: number, outcome: FileOutcome) => ordered.put(id, outcome);
      await lintWithWorkers({ script: env.workerScript, workers: threads - 1, session, files: targets, onResult }).catch((error: unknown) => {
        throw error instanceof WorkerFailure ? new CliError(error.message) : error;
      });
    } else {
      lintInThread(session, targets, (id, outcome) => ordered.put(id, outcome));
    }
    ordered.finish();
    reporter.end(summary);

    if (ioFailed) return 2;
    if (summary.errors > 0) return 1;
    if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
      env.warn(`too many warnings (${summary.warnings}); --max-warnings is ${options.maxWarnings}`);
      return 1;
    }
    return 0;
  } finally {
    output.close();
  }
}

/** The same two phases as the workers run, in this thread (whose index is then already in file order). */
function lintInThread(session: LintSession, files: readonly TargetFile[], onResult: (id: number, outcome: FileOutcome) => void): void {
  session.index(files);
  session.keepIndex();
  files.forEach((file, id) => onResult(id, session.lint(file)));
}

/** `--jobs` default: what the machine can run in parallel. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length);
}

/** How many threads (this one and workers) lint `files` files; 1 means this thread alone. */
export function threadCount(jobs: number | undefined, files: number): number {
  const perThread = jobs === undefined ? AUTO_FILES_PER_THREAD : FILES_PER_THREAD;
  return Math.max(1, Math.min(jobs ?? defaultJobs(), Math.floor(files / perThread)));
}

/** `--config`, resolved; a missing file is a usage error rather than silently linting with defaults. */
function configPathOf(options: LintOptions, cwd: string): string | undefined {
  if (options.config === undefined) return undefined;
  const configPath = path.resolve(cwd, options.config);
  if (!statFile(configPath)) throw new CliError(`--config: no such file: ${options.config}`);
  return configPath;
}

/** The files to lint, in order; files a config ignores are only counted. Warns once per invalid config. */
function routeFiles(files: readonly TargetFile[], session: LintSession, summary: RunSummary, env: LintEnvironment): TargetFile[] {
  const targets: TargetFile[] = [];
  const warned = new Set<string>();
  for (const file of files) {
    const { linter, config } = session.route(file.path);
    if (config && config.problems.length > 0 && !warned.has(config.path)) {
      warned.add(config.path);
      env.warn(`${path.relative(env.cwd, config.path) || config.path}: invalid configuration, linting with defaults: ${config.problems[0].message}`);
    }
    if (linter) targets.push(file);
    else summary.ignored++;
  }
  return targets;
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
