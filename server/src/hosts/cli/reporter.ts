// The contract between the lint loop and the formatters: results arrive one file at a time, as soon as each
// file is done (text output streams; json and sarif collect), then one summary closes the report.
import { selectFix, type Finding } from '../../engine';
import type { LintedFile, SkippedFile } from './lintFile';

export interface RunSummary {
  /** Files linted (skipped ones excluded). */
  files: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings that plain `--fix` would fix (they have a safe fix). */
  fixable: number;
  /** With --fix: fixes applied and files written. */
  fixesApplied: number;
  filesFixed: number;
  skipped: SkippedFile[];
  /** Findings silenced by suppression comments or annotations. */
  suppressed: number;
  /** Files left out by the `ignore` globs of a `.harden.yaml`. */
  ignored: number;
}

export interface Reporter {
  file(result: LintedFile): void;
  end(summary: RunSummary): void;
}

export function isFixable(finding: Finding): boolean {
  return selectFix(finding) !== undefined;
}

export function emptySummary(): RunSummary {
  return {
    files: 0,
    filesWithProblems: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: 0,
    fixesApplied: 0,
    filesFixed: 0,
    skipped: [],
    suppressed: 0,
    ignored: 0,
  };
}

export function addToSummary(summary: RunSummary, result: LintedFile): void {
  summary.files++;
  summary.suppressed += result.suppressed;
  if (result.findings.length > 0) summary.filesWithProblems++;
  for (const finding of result.findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
    if (isFixable(finding)) summary.fixable++;
  }
  if (result.fix) {
    summary.fixesApplied += result.fix.applied;
    if (result.fix.written) summary.filesFixed++;
  }
}
