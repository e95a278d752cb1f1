// One file in, one result out: read, lint (or fix and write), no printing. Kept free of the run's state
// so that it runs unchanged in worker threads; results are plain (structured-clonable) data.
import * as fs from 'node:fs';
import type { FileCreate, Finding, FixFilter, Linter } from '../../engine';
import type { TargetFile } from './discover';
import { createFiles, plannedFiles, writeIfChanged } from './fixWriter';
import type { NodeFileSystem } from '../node/nodeFileSystem';
import { describeIoError } from './output';

export interface FixReport {
  /** Findings that --fix made go away. */
  applied: number;
  written: boolean;
  /** Absolute paths of files created by fixes. */
  created: string[];
  /** Why (part of) the fix could not be written; makes the run exit with 2. */
  errors: string[];
  /**
   * Files that preferred fixes create (a `.dockerignore`). They are not created while files are linted,
   * so that no file of the run sees another one's (the result must not depend on the order or on
   * --jobs): `createPendingFiles` creates them once every file is linted.
   */
  pending?: PendingFiles;
}

/** The files to create, and the file's results once they exist. */
export interface PendingFiles {
  files: FileCreate[];
  findings: Finding[];
  suppressed: number;
  /** Total applied, counting the findings the created files resolve. */
  applied: number;
}

export interface LintedFile {
  kind: 'linted';
  file: TargetFile;
  /** The file's text after --fix (or as read); formatters use it for line text. */
  text: string;
  /** With --fix: the findings that remain. */
  findings: Finding[];
  /** Findings silenced by suppression comments or annotations (after --fix: in the fixed text). */
  suppressed: number;
  fix?: FixReport;
}

export interface SkippedFile {
  kind: 'skipped';
  file: TargetFile;
  reason: string;
  /** An internal failure rather than an expected skip (binary, unreadable): the run exits with 2. */
  failed: boolean;
}

export type FileOutcome = LintedFile | SkippedFile;

export interface LintFileContext {
  linter: Linter;
  fs: NodeFileSystem;
  fix: boolean;
  /** Larger files are skipped; undefined = no limit. */
  maxFileBytes?: number;
  /** Which fixes `--fix` applies; default: safe fixes. */
  fixFilter?: FixFilter;
  /** Runs `lint` with `files` visible to the linter's rules, as if they existed. Without it they are not. */
  assumeFiles?<T>(files: readonly FileCreate[], lint: () => T): T;
  /** Schema findings of the file's (final) text, merged with the rules' findings; none without it. */
  schemaFindings?(path: string, text: string): Finding[];
}

const BINARY_SNIFF_BYTES = 8192;

export function lintFile(file: TargetFile, context: LintFileContext): FileOutcome {
  const outcome = lintOrFix(file, context);
  if (outcome.kind !== 'linted' || !context.schemaFindings) return outcome;
  try {
    const schema = context.schemaFindings(file.path, outcome.text);
    return schema.length === 0 ? outcome : { ...outcome, findings: byPosition([...outcome.findings, ...schema]) };
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { kind: 'skipped', file, reason: `internal error: ${detail}`, failed: true };
  }
}

/** In file order, as the editor lists them; the sort is stable, so a position's own order stays. */
function byPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function lintOrFix(file: TargetFile, context: LintFileContext): FileOutcome {
  const read = file.stdinText !== undefined ? { bytes: Buffer.from(file.stdinText, 'utf8') } : readTarget(file.path, context.maxFileBytes);
  if ('reason' in read) return { kind: 'skipped', file, ...read };
  const { bytes } = read;
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { kind: 'skipped', file, reason: 'binary file', failed: false };
  }
  // Buffer#toString keeps a BOM, so a fixed file is written back with it.
  const text = bytes.toString('utf8');
  try {
    if (!context.fix) return { kind: 'linted', file, text, ...findingsOf(context.linter, file, text) };
    // Writing back text that had invalid UTF-8 would replace those bytes with U+FFFD: lint, do not fix.
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      const fix: FixReport = { applied: 0, written: false, created: [], errors: ['not valid UTF-8; not fixed'] };
      return { kind: 'linted', file, text, ...findingsOf(context.linter, file, text), fix };
    }
    return fixFile(file, text, context);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { kind: 'skipped', file, reason: `internal error: ${detail}`, failed: true };
  }
}

/**
 * The file's bytes, or why it is skipped. Opened without blocking and checked through the open descriptor,
 * so that a named pipe (or a file swapped for one after discovery) is refused instead of waited on. A file
 * that cannot be read is an I/O error of the run (exit 2): a CI job must not pass without reading its input.
 */
function readTarget(file: string, maxBytes: number | undefined): { bytes: Buffer } | { reason: string; failed: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { reason: `cannot read (${describeIoError(error)})`, failed: true };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { reason: 'not a regular file', failed: true };
    if (maxBytes !== undefined && stat.size > maxBytes) {
      return { reason: `${formatSize(stat.size)}, above the limit of ${formatSize(maxBytes)} (--max-file-size)`, failed: false };
    }
    return { bytes: fs.readFileSync(fd) };
  } catch (error) {
    return { reason: `cannot read (${describeIoError(error)})`, failed: true };
  } finally {
    fs.closeSync(fd);
  }
}

/** `5.2 MB`, `640 KB`: sizes as people read them (binary units, as the editor's setting). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

function fixFile(file: TargetFile, original: string, context: LintFileContext): LintedFile {
  const { linter } = context;
  // Counted as findings that went away: one edit can fix several (two containers sharing a pod-level fix).
  const before = linter.lint({ path: file.path, text: original }).findings.length;
  const fixed = linter.fixAll({ path: file.path, text: original }, context.fixFilter);
  const report: FixReport = { applied: Math.max(0, before - fixed.remaining.length), written: false, created: [], errors: [] };
  try {
    report.written = writeIfChanged(file.path, original, fixed.text);
    if (report.written) context.fs.invalidate(file.path);
  } catch (error) {
    report.errors.push(`cannot write the fixed file (${describeIoError(error)})`);
    return { kind: 'linted', file, text: original, ...findingsOf(linter, file, original), fix: { ...report, applied: 0 } };
  }

  // fixAll leaves fixes that create files to the host; the finding goes away once the file exists.
  const files = plannedFiles(fixed.remaining, context.fixFilter);
  // Cached by the engine: the fixed text was linted by fixAll's last pass.
  const { suppressed } = linter.lint({ path: file.path, text: fixed.text });
  if (files.length > 0) {
    const relint = () => {
      linter.forget(file.path); // its cached findings were computed without those files
      return linter.lint({ path: file.path, text: fixed.text });
    };
    const after = context.assumeFiles ? context.assumeFiles(files, relint) : relint();
    linter.forget(file.path); // cached with files that do not exist yet
    const applied = report.applied + Math.max(0, fixed.remaining.length - after.findings.length);
    report.pending = { files, findings: after.findings, suppressed: after.suppressed, applied };
  }
  return { kind: 'linted', file, text: fixed.text, findings: fixed.remaining, suppressed, fix: report };
}

/**
 * Creates the files a fixed file's fixes asked for (never overwriting: a file of the run may already have
 * created the same `.dockerignore`) and returns the result as it is with them. Call once every file is linted.
 */
export function createPendingFiles(result: LintedFile): LintedFile {
  const pending = result.fix?.pending;
  if (!result.fix || !pending) return result;
  const { pending: _done, ...fix } = result.fix;
  const { created, errors } = createFiles(pending.files);
  const report: FixReport = { ...fix, created, errors: [...fix.errors, ...errors] };
  if (!pending.files.every((create) => fs.existsSync(create.path))) return { ...result, fix: report };
  return { ...result, findings: pending.findings, suppressed: pending.suppressed, fix: { ...report, applied: pending.applied } };
}

function findingsOf(linter: Linter, file: TargetFile, text: string): { findings: Finding[]; suppressed: number } {
  const { findings, suppressed } = linter.lint({ path: file.path, text });
  return { findings, suppressed };
}
