// One file in, one result out: read, lint (or fix and write), no printing. Kept free of the run's state
// so that it can move into worker threads unchanged.
import * as fs from 'node:fs';
import type { Finding, Linter } from '../engine';
import type { TargetFile } from './discover';
import { createMissingFiles, writeIfChanged } from './fixWriter';
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
}

const BINARY_SNIFF_BYTES = 8192;

export function lintFile(file: TargetFile, context: LintFileContext): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file.path);
  } catch (error) {
    return { kind: 'skipped', file, reason: `cannot read (${describeIoError(error)})`, failed: false };
  }
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
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return { kind: 'skipped', file, reason: `internal error: ${detail}`, failed: true };
  }
}

function fixFile(file: TargetFile, original: string, context: LintFileContext): LintedFile {
  const { linter } = context;
  // Counted as findings that went away: one edit can fix several (two containers sharing a pod-level fix).
  const before = linter.lint({ path: file.path, text: original }).findings.length;
  const fixed = linter.fixAll({ path: file.path, text: original });
  const report: FixReport = { applied: Math.max(0, before - fixed.remaining.length), written: false, created: [], errors: [] };
  try {
    report.written = writeIfChanged(file.path, original, fixed.text);
    if (report.written) context.fs.invalidate(file.path);
  } catch (error) {
    report.errors.push(`cannot write the fixed file (${describeIoError(error)})`);
    return { kind: 'linted', file, text: original, ...findingsOf(linter, file, original), fix: { ...report, applied: 0 } };
  }

  // fixAll leaves fixes that create files to the host; the finding goes away once the file exists.
  let findings = fixed.remaining;
  const { created, errors } = createMissingFiles(findings);
  report.created = created;
  report.errors.push(...errors);
  if (created.length > 0) {
    created.forEach((path) => context.fs.invalidate(path));
    linter.forget(file.path); // its cached findings were computed without those files
    const remaining = findings.length;
    findings = linter.lint({ path: file.path, text: fixed.text }).findings;
    report.applied += Math.max(0, remaining - findings.length);
  }
  // Cached by the engine: the fixed text was linted by fixAll's last pass.
  const { suppressed } = linter.lint({ path: file.path, text: fixed.text });
  return { kind: 'linted', file, text: fixed.text, findings, suppressed, fix: report };
}

function findingsOf(linter: Linter, file: TargetFile, text: string): { findings: Finding[]; suppressed: number } {
  const { findings, suppressed } = linter.lint({ path: file.path, text });
  return { findings, suppressed };
}
