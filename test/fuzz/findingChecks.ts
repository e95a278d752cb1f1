// Checks shared by the bad-input tests: every finding's range, and every fix's edits, fit the text they
// were computed for (LSP semantics, see mirror.ts).
import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine';
import { MirrorText, fmtRange } from './mirror';

export function assertFindingsInside(text: string, findings: readonly Finding[], what = 'text'): void {
  const mirror = new MirrorText(text);
  for (const finding of findings) {
    const outside = mirror.rangeProblem(finding.range);
    assert.equal(outside, undefined, `${what}: ${finding.ruleId} at ${fmtRange(finding.range)}: ${outside}`);
    for (const fix of finding.fixes) {
      assert.doesNotThrow(() => mirror.applyEdits(fix.edits), `${what}: fix "${fix.title}" of ${finding.ruleId} does not apply`);
    }
  }
}

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

/** The rule ids of the findings, sorted. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.ruleId).sort();
}
