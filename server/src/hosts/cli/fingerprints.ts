// Fingerprints of findings that survive edits elsewhere in the file (rule, file and the trimmed text of
// the finding's first line, plus which occurrence of that it is), so that CI tools which track findings
// across commits (GitHub code scanning, GitLab Code Quality) do not reopen them on every push.
import { createHash } from 'node:crypto';
import type { Finding } from '../../engine';

/** One fingerprint per finding, in order; unique within the file, and across files (the file's uri is hashed). */
export function lineFingerprints(findings: readonly Finding[], uri: string, lines: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const lineText = (lines[finding.range.start.line] ?? '').trim();
    const hash = createHash('sha256').update(`${finding.ruleId}\0${uri}\0${lineText}`).digest('hex').slice(0, 32);
    const occurrence = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}
