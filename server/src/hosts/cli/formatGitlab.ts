// GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of issues, which GitLab
// shows in merge requests when a job uploads it as `artifacts: reports: codequality`. Streamed per file.
import type { Finding, Severity } from '../../engine';
import { artifactLocation } from './formatSarif';
import { lineFingerprints } from './fingerprints';
import { JsonArrayStream } from './jsonStream';
import type { LintedFile } from './lintFile';
import type { Output } from './output';
import type { Reporter } from './reporter';
import type { RuleCategory } from '../../engine';
import { ruleCategory } from './ruleCategories';

/** As ESLint's and hadolint's GitLab formatters map them. */
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };
/** Code Climate's category names. */
const CATEGORY: Record<RuleCategory, string> = { security: 'Security', availability: 'Bug Risk', hygiene: 'Style' };

export function gitlabReporter(output: Output, cwd: string): Reporter {
  const issues = new JsonArrayStream(output, '[');
  return {
    file(result: LintedFile) {
      // GitLab wants the path relative to the repository root, where CI jobs run.
      const location = artifactLocation(result.file.path, cwd);
      const path = location.uriBaseId ? decodeURIComponent(location.uri) : result.file.path;
      const fingerprints = lineFingerprints(result.findings, location.uri, result.text.split(/\r?\n/));
      issues.push(result.findings.map((finding, i) => issueOf(finding, path, fingerprints[i])));
    },
    end() {
      issues.end(']');
    },
  };
}

function issueOf(finding: Finding, path: string, fingerprint: string) {
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: finding.message,
    categories: [CATEGORY[ruleCategory(finding.ruleId)]],
    severity: SEVERITY[finding.severity],
    fingerprint,
    location: {
      path,
      lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 },
    },
  };
}
