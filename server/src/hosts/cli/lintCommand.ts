// `harden lint`: discover files, drop those a `.harden.yaml` ignores, index every file first (so that
// cross-file rules see the whole set, whatever the order), then lint each with the Linter of its settings,
// stream results to the chosen formatter in file order, and turn the totals into the exit code.
// Large runs are spread over worker threads (--jobs); the report is the same byte for byte either way.
import * as os from 'node:os';
import * as path from 'node:path';
import { detectLanguage, stagesWithoutTarget, type EngineSettings, type Finding } from '../../engine';
import { statFile } from '../node/nodeFileSystem';
import { CliError } from './errors';
import { STDIN_PATTERN, type LintOptions } from './args';
import { chooseStyle } from './colors';
import { discoverFiles, isSupportedFile, type TargetFile } from './discover';
import { gitlabReporter } from './formatGitlab';
import { jsonReporter } from './formatJson';
import { junitReporter } from './formatJunit';
import { sarifReporter } from './formatSarif';
import { textReporter } from './formatText';
import { createPendingFiles } from './lintFile';
import type { FileOutcome, LintedFile } from './lintFile';
import { LintSession, type SessionSetup } from './lintSession';
import { OrderedResults } from './orderedResults';
import { openOutput, type Stdout } from './output';
import type { Output } from './output';
import { addToSummary, emptySummary } from './reporter';
import type { Reporter, RunSummary } from './reporter';
import { lintWithWorkers, WorkerFailure } from './workerPool';
import { lintKustomizeTargets } from './kustomizeTargets';

export interface LintEnvironment {
  cwd: string;
  /** Environment variables (NO_COLOR, FORCE_COLOR). */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the report goes without --output. */
  stdout: Stdout;
  /** Warnings and errors for people, never mixed into the report. */
  warn(message: string): void;
  /** The script worker threads run (the CLI bundle); without it, every file is linted in this thread. */
  workerScript?: string;
  /** What `harden lint -` lints. */
  readStdin(): string;
}

/** How `lint -` is shown without --stdin-filename, and the path it is linted as (Kubernetes YAML in the working directory). */
const STDIN_DISPLAY = '<stdin>';
const STDIN_DEFAULT_NAME = '<stdin>.yaml';

// A worker thread costs about as much as linting several hundred files: it loads the bundle, and its JIT
// warms up (and compiles, and collects garbage) on its own. Measured on 2 CPUs with 5,000 small manifests:
// 2 threads ≈ 1 thread; 20,000: 2 threads win 15-30 %. So, without --jobs, a thread gets at least
// AUTO_FILES_PER_THREAD files (fewer files: one thread); `--jobs N` asks for N, at least
// FILES_PER_THREAD files each (so under 100 files it is one thread anyway).
const AUTO_FILES_PER_THREAD = 2000;
const FILES_PER_THREAD = 50;

export async function runLintCommand(options: LintOptions, env: LintEnvironment): Promise<number> {
  const { files, failures } = collectFiles(options, env);
  const setup: SessionSetup = {
    overrides: engineSettings(options, env.cwd),
    configPath: configPathOf(options, env.cwd),
    fix: options.fix,
    maxFileBytes: options.maxFileBytes,
    schema: options.schema,
    fixFilter: options.fixFilter,
  };
  const session = new LintSession(setup);
  const summary = emptySummary();
  const routed = routeFiles(files, session, summary, env);
  // A CI job whose paths match nothing must not pass green (ESLint and kube-linter fail too).
  if (routed.length === 0 && failures.length === 0 && !options.allowEmpty) {
    const what = files.length === 0 ? 'No Kubernetes YAML or Dockerfile found in' : 'Every file is ignored by .harden.yaml in';
    throw new CliError(`${what} ${options.patterns.map((p) => `'${p}'`).join(', ')}. Check the paths, or pass --allow-empty to accept an empty run.`);
  }
  const kustomize = kustomizeOrPlain(routed, session, env, options.fix);
  const targets = routed.filter((file) => !kustomize.covered.has(file.path));
  // A CRD in a file a kustomize build covers still validates the custom resources of the other files.
  session.addCustomResourceFiles(kustomize.covered);

  const output = openOutput(options.output, env.stdout, env.cwd);
  try {
    const reporter = createReporter(options, output, env);
    let ioFailed = failures.length > 0;
    const report = (outcome: FileOutcome) => {
      const { file } = outcome;
      if (outcome.kind === 'skipped') {
        env.warn(`${file.display}: ${outcome.reason}; skipped`);
        summary.skipped.push(outcome);
        ioFailed ||= outcome.failed;
        return;
      }
      const linted = createPendingFiles(outcome); // only now: no file of the run may see them while linted
      warnUnknownTarget(linted, session, options, env);
      for (const error of linted.fix?.errors ?? []) env.warn(`${file.display}: ${error}`);
      ioFailed ||= (linted.fix?.errors.length ?? 0) > 0;
      for (const created of linted.fix?.created ?? []) env.warn(`${file.display}: created ${path.relative(env.cwd, created)}`);
      const shown: LintedFile = options.quiet ? { ...linted, findings: linted.findings.filter(isError) } : linted;
      // One file's report failing (an internal error in a formatter) must not lose the others'.
      try {
        reporter.file(shown);
      } catch (error) {
        env.warn(
          `${file.display}: cannot report its ${linted.findings.length} findings (internal error: ${error instanceof Error ? error.message : String(error)})`,
        );
        summary.skipped.push({ kind: 'skipped', file, reason: 'report failed', failed: true });
        ioFailed = true;
        return;
      }
      addToSummary(summary, shown);
    };
    kustomize.outcomes.forEach(report);
    const ordered = new OrderedResults<FileOutcome>(targets.length, report, (outcome) => outcome.kind === 'linted' && outcome.fix?.pending !== undefined);

    const threads = threadCount(options.jobs, targets.length);
    if (threads > 1 && env.workerScript) {
      const onResult = (id: number, outcome: FileOutcome) => ordered.put(id, outcome);
      await lintWithWorkers({ script: env.workerScript, workers: threads - 1, session, files: targets, onResult, warn: (message) => env.warn(message) }).catch(
        (error: unknown) => {
          throw error instanceof WorkerFailure ? new CliError(error.message) : error;
        },
      );
    } else {
      lintInThread(
        session,
        targets,
        (id, outcome) => ordered.put(id, outcome),
        (message) => env.warn(message),
      );
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

/** Kustomize results; an internal failure there is said once and every file is linted on its own instead. */
function kustomizeOrPlain(files: readonly TargetFile[], session: LintSession, env: LintEnvironment, fix: boolean): ReturnType<typeof lintKustomizeTargets> {
  try {
    return lintKustomizeTargets(files, session, env.cwd, fix);
  } catch (error) {
    env.warn(`kustomize: internal error, files linted on their own instead: ${error instanceof Error ? error.message : String(error)}`);
    return { outcomes: [], covered: new Set() };
  }
}

/** The files the command line names; `-` is stdin's text under --stdin-filename. */
function collectFiles(options: LintOptions, env: LintEnvironment): { files: TargetFile[]; failures: string[] } {
  const onDisk = options.patterns.filter((pattern) => pattern !== STDIN_PATTERN);
  const { files, warnings, failures } = onDisk.length > 0 ? discoverFiles(onDisk, env.cwd) : { files: [], warnings: [], failures: [] };
  warnings.forEach((warning) => env.warn(warning));
  failures.forEach((failure) => env.warn(failure));
  if (!options.patterns.includes(STDIN_PATTERN)) return { files, failures };

  const name = options.stdinFilename ?? STDIN_DEFAULT_NAME;
  if (!isSupportedFile(name)) throw new CliError(`--stdin-filename ${name}: unsupported file type (expected *.yaml, *.yml or a Dockerfile).`);
  const stdinText = env.readStdin();
  const stdinFile: TargetFile = { path: path.resolve(env.cwd, name), display: options.stdinFilename ?? STDIN_DISPLAY, stdinText };
  // The piped text stands for that file: the file itself is not linted a second time.
  return { files: [...files.filter((file) => file.path !== stdinFile.path), stdinFile], failures };
}

/** The same two phases as the workers run, in this thread (whose index is then already in file order). */
function lintInThread(
  session: LintSession,
  files: readonly TargetFile[],
  onResult: (id: number, outcome: FileOutcome) => void,
  warn: (message: string) => void,
): void {
  session.index(files);
  session.keepIndex();
  session.loadCustomResources(session.customResourceSet([session.exportCrdCandidates()], session.exportIndex(), warn));
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
      const shown = path.relative(env.cwd, config.path) || config.path;
      const [first] = config.problems;
      if (first.severity !== 'warning') env.warn(`${shown}: invalid configuration, linting with defaults: ${first.message}`);
      else config.problems.forEach((problem) => env.warn(`${shown}: ${problem.message}`));
    }
    if (linter) targets.push(file);
    else summary.ignored++;
  }
  return targets;
}

function engineSettings(options: LintOptions, cwd: string): Partial<EngineSettings> {
  return {
    rules: options.rules,
    ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    ...(options.target ? { dockerTarget: options.target } : {}),
    ...(options.valuesFiles.length ? { helm: valuesSettings(options.valuesFiles, cwd) } : {}),
  };
}

/** `--values` files, absolute, and named in messages relative to the current folder (as the file column is). */
function valuesSettings(files: string[], cwd: string): { valuesFiles: string[]; valuesFileNames: Record<string, string> } {
  const valuesFiles = files.map((f) => path.resolve(cwd, f));
  const names = valuesFiles.map((f) => [f, path.relative(cwd, f).split(path.sep).join('/') || path.basename(f)]);
  return { valuesFiles, valuesFileNames: Object.fromEntries(names) };
}

/**
 * A Dockerfile with no stage of the name `--target` (or `.harden.yaml`'s `dockerTarget`) gives: `docker build
 * --target` would fail, and the rules read its last stage instead, so the user is told which image was linted.
 */
function warnUnknownTarget({ file, text }: LintedFile, session: LintSession, options: LintOptions, env: LintEnvironment): void {
  if (detectLanguage(file.path) !== 'dockerfile') return;
  const { linter, config } = session.route(file.path);
  const target = linter?.getSettings().dockerTarget;
  const stages = target === undefined ? undefined : stagesWithoutTarget(text, target);
  if (target === undefined || !stages) return;
  const source = options.target
    ? `--target ${target}`
    : `dockerTarget: ${target} in ${config ? path.relative(env.cwd, config.path) || config.path : '.harden.yaml'}`;
  const named = stages.length > 0 ? `its stages: ${stages.join(', ')}` : 'none of its stages has a name';
  env.warn(`${file.display}: no stage named '${target}' (${source}; ${named}); its last stage was linted as the final image`);
}

function createReporter(options: LintOptions, output: Output, { cwd, env }: LintEnvironment): Reporter {
  switch (options.format) {
    case 'json':
      return jsonReporter(output);
    case 'sarif':
      return sarifReporter(output, cwd);
    case 'gitlab':
      return gitlabReporter(output, cwd);
    case 'junit':
      return junitReporter(output);
    case 'text':
      return textReporter(output, chooseStyle({ isTTY: output.isTTY, noColor: options.noColor, env }), { quiet: options.quiet });
  }
}

function isError(finding: Finding): boolean {
  return finding.severity === 'error';
}
