// Human output: `path:line:col  severity  message  rule-id` (1-based), grouped by file, then one summary line.
import type { Finding } from '../../engine';
import type { Style } from './colors';
import type { LintedFile } from './lintFile';
import type { Output } from './output';
import type { Reporter, RunSummary } from './reporter';

function location(display: string, finding: Finding): string {
  const { line, character } = finding.range.start;
  return `${display}:${line + 1}:${character + 1}`;
}

/** One line per finding; locations padded to the file's widest so severities and messages line up. */
export function formatFileFindings(display: string, findings: readonly Finding[], style: Style): string[] {
  // A loop, not Math.max(...list): a file can have more findings than a call has room for arguments.
  let width = 0;
  for (const finding of findings) width = Math.max(width, location(display, finding).length);
  return findings.map((finding) => {
    const where = style.dim(location(display, finding).padEnd(width));
    const severity = style.severity(finding.severity, finding.severity.padEnd(7));
    return `${where}  ${severity}  ${finding.message}  ${style.dim(finding.ruleId)}`;
  });
}

export function formatSummary(summary: RunSummary, style: Style): string {
  const lines: string[] = [];
  if (summary.fixesApplied > 0) {
    lines.push(style.green(`✔ Fixed ${plural(summary.fixesApplied, 'problem')} in ${plural(summary.filesFixed, 'file')}`));
  }
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems === 0) {
    lines.push(style.green(`✔ No problems in ${plural(summary.files, 'file')}${notCounted(summary)}`));
  } else {
    const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info`;
    const fixable = summary.fixable > 0 ? `; ${summary.fixable} fixable with --fix` : '';
    const line = `✖ ${plural(problems, 'problem')} (${counts}) in ${plural(summary.filesWithProblems, 'file')}${fixable}${notCounted(summary)}`;
    lines.push(style.bold(summary.errors > 0 ? style.red(line) : line));
  }
  return lines.join('\n') + '\n';
}

/** `quiet` (-q): the error lines and nothing else, so a clean run prints nothing. */
export function textReporter(output: Output, style: Style, options: { quiet?: boolean } = {}): Reporter {
  return {
    file(result: LintedFile) {
      if (result.findings.length === 0) return;
      const lines = formatFileFindings(result.file.display, result.findings, style);
      output.write(`${lines.join('\n')}\n\n`);
    },
    end(summary) {
      if (!options.quiet) output.write(formatSummary(summary, style));
    },
  };
}

/** ` (3 suppressed, 1 file ignored)`: what the counts leave out, or nothing. */
function notCounted(summary: RunSummary): string {
  const parts: string[] = [];
  if (summary.suppressed > 0) parts.push(`${summary.suppressed} suppressed`);
  if (summary.ignored > 0) parts.push(`${plural(summary.ignored, 'file')} ignored`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
