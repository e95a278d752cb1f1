// Fix safety, checked fix by fix on real files: every offered fix, applied alone, keeps the file parseable,
// keeps every comment, changes nothing outside the lines it edits, clears its finding, adds no finding and is
// not offered again, adds no schema problem and empties no map or list (schemaCheck.ts); all fixes together
// (fix-all) reach a fixed point with the same guarantees.
import assert from 'node:assert/strict';
import { Linter, applyTextEdits, ruleById, type Finding, type Fix } from '../../server/src/engine';
import { commentsOf } from '../harness/ruleTester';
import { added, emptyValues, parseErrorCount, schemaProblems, schemaProblemsUnder } from './schemaCheck';

export interface SafetyReport {
  fixesChecked: number;
  fixAllApplied: number;
}

const key = (f: Finding) => `${f.ruleId}|${f.message}`;

function countByRule(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** Lines touched by a fix's edits, in the original text. */
function editedLineSpan(text: string, fix: Fix): [number, number] {
  const first = Math.min(...fix.edits.map((e) => e.range.start.line));
  const last = Math.max(...fix.edits.map((e) => e.range.end.line));
  return [first, Math.min(last, text.split('\n').length - 1)];
}

/** Offset where 0-based `line` starts (the text's length past its last line). */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

function assertOnlyEditedLinesChanged(before: string, after: string, fix: Fix, label: string): void {
  // Compared as text, not as arrays of lines: the corpus has 34k-line files and a fix per finding.
  const [first, last] = editedLineSpan(before, fix);
  const head = before.slice(0, offsetOfLine(before, first));
  assert.ok(after.startsWith(head), `${label}: lines before the edit changed`);
  const tailStart = offsetOfLine(before, last + 1);
  const tail = before.slice(tailStart);
  const tailAt = after.length - tail.length;
  const tailIntact = tailStart >= before.length || (after.endsWith(tail) && tailAt >= head.length && (tailAt === 0 || after[tailAt - 1] === '\n'));
  assert.ok(tailIntact, `${label}: lines after the edit changed`);
}

export function checkFile(path: string, text: string, settings = {}): SafetyReport {
  const linter = new Linter(settings);
  const findings = linter.lint({ path, text }).findings;
  const errorsBefore = parseErrorCount(path, text);
  const comments = commentsOf(text);
  const schemaBefore = schemaProblems(path, text);
  const emptyBefore = emptyValues(path, text);
  const assertSchemaValid = (after: string, label: string) => {
    // Against the original under the schema each fixed document selects: a problem the object had all along, made
    // visible by a new apiVersion (a CronJob without `schedule` moved to batch/v1), is not the fix's.
    const baseline = [...schemaBefore, ...added(schemaBefore, schemaProblemsUnder(path, text, after))];
    const problems = added(baseline, schemaProblems(path, after));
    assert.deepEqual(problems, [], `${label}: the fixed document breaks the schema`);
    const emptied = added(emptyBefore, emptyValues(path, after));
    assert.deepEqual(emptied, [], `${label}: left an empty value (null) behind`);
  };
  const before = new Map<string, number>();
  for (const f of findings) before.set(key(f), (before.get(key(f)) ?? 0) + 1);
  const beforeByRule = countByRule(findings);
  let fixesChecked = 0;

  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (fix.edits.length === 0) continue;
      const label = `${path}: ${finding.ruleId} "${fix.title}" at ${finding.range.start.line + 1}`;
      const after = applyTextEdits(text, fix.edits);
      assert.ok(parseErrorCount(path, after) <= errorsBefore, `${label}: result does not parse`);
      for (const comment of comments) assert.ok(after.includes(comment), `${label}: lost comment ${comment}`);
      assertOnlyEditedLinesChanged(text, after, fix, label);
      assertSchemaValid(after, label);

      const afterFindings = linter.lint({ path, text: after }).findings;
      const targeted = key(finding);
      const left = afterFindings.filter((f) => key(f) === targeted).length;
      assert.ok(left < (before.get(targeted) ?? 0), `${label}: the finding is still there`);
      // "No new finding": no rule reports more than before (a finding whose message changed is not new).
      const enabled = new Set(ruleById(finding.ruleId)?.meta.fixEnables ?? []);
      for (const [ruleId, n] of countByRule(afterFindings)) {
        if (ruleId === 'harden/unused-suppression' || enabled.has(ruleId)) continue;
        const introduced = afterFindings.filter((f) => f.ruleId === ruleId).map((f) => f.message);
        assert.ok(n <= (beforeByRule.get(ruleId) ?? 0), `${label}: introduced ${ruleId}: ${introduced.join(' / ')}`);
      }
      // Applying it "again": the same fix is not offered at the same place any more.
      const again = afterFindings.filter((f) => key(f) === targeted && f.range.start.line === finding.range.start.line);
      assert.ok(!again.some((f) => f.fixes.some((x) => x.title === fix.title)), `${label}: offered again after applying`);
      fixesChecked++;
    }
  }

  const all = linter.fixAll({ path, text });
  assert.ok(parseErrorCount(path, all.text) <= errorsBefore, `${path}: fix-all result does not parse`);
  for (const comment of comments) assert.ok(all.text.includes(comment), `${path}: fix-all lost comment ${comment}`);
  assertSchemaValid(all.text, `${path}: fix-all`);
  const twice = linter.fixAll({ path, text: all.text });
  assert.equal(twice.text, all.text, `${path}: fix-all is not idempotent`);
  return { fixesChecked, fixAllApplied: all.applied };
}
