// A byte-order mark and CRLF line endings: the same findings as the plain file, at the same places, and
// fixes that keep the BOM and the CRLF line endings.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter, applyTextEdits, type Finding } from '../../server/src/engine';
import { assertFindingsInside } from '../fuzz/findingChecks';
import { DOCKERFILE, UNHARDENED_DEPLOYMENT } from '../lsp/helpers/fixtures';
import { EVERY_FIX } from '../harness/ruleTester';

const BOM = '\uFEFF';

function lint(path: string, text: string): Finding[] {
  const { findings } = new Linter().lint({ path, text });
  assertFindingsInside(text, findings);
  return findings;
}

const where = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

it('a BOM-prefixed manifest or Dockerfile gets the same findings (shifted by the BOM on line 0), and fixes keep the BOM', () => {
  for (const [path, text] of [
    ['/w/deployment.yaml', UNHARDENED_DEPLOYMENT],
    ['/w/Dockerfile', DOCKERFILE],
  ]) {
    const plain = lint(path, text);
    const withBom = lint(path, BOM + text);
    assert.ok(plain.length > 0);
    const unshifted = withBom.map((f) => ({
      ...f,
      range: {
        start: { line: f.range.start.line, character: f.range.start.character - (f.range.start.line === 0 ? 1 : 0) },
        end: { line: f.range.end.line, character: f.range.end.character - (f.range.end.line === 0 ? 1 : 0) },
      },
    }));
    assert.deepEqual(where(unshifted), where(plain), path);
    const fixed = new Linter().fixAll({ path, text: BOM + text }, EVERY_FIX);
    assert.ok(fixed.applied > 0);
    assert.ok(fixed.text.startsWith(BOM) && !fixed.text.slice(1).includes(BOM), 'one BOM, still first');
    assert.ok(!lint(path, fixed.text).some((f) => f.ruleId === 'harden/parse-error'));
  }
});

it('a CRLF manifest or Dockerfile gets the same findings at the same places, and every fix keeps CRLF', () => {
  for (const [path, text] of [
    ['/w/deployment.yaml', UNHARDENED_DEPLOYMENT],
    ['/w/Dockerfile', DOCKERFILE],
  ]) {
    const crlf = text.replace(/\n/g, '\r\n');
    const findings = lint(path, crlf);
    assert.deepEqual(where(findings), where(lint(path, text)), path);
    const bareLf = (s: string) => /(^|[^\r])\n/.test(s);
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        if (fix.edits.length === 0) continue;
        const result = applyTextEdits(crlf, fix.edits);
        assert.ok(!bareLf(result), `${finding.ruleId}: "${fix.title}" adds a bare LF`);
      }
    }
    const fixed = new Linter().fixAll({ path, text: crlf }, EVERY_FIX);
    assert.ok(fixed.applied > 0);
    assert.ok(!bareLf(fixed.text), 'fix-all adds no bare LF');
    assert.ok(!lint(path, fixed.text).some((f) => f.ruleId === 'harden/parse-error'));
  }
});

// Found by the LSP fuzzer (seed 1, edit 76081): a YAML error at an empty CRLF line was reported as
// 4:0-4:1, i.e. ending between the \r and the \n, past the end of that (empty) line: not a valid LSP
// position. Fixed in 9db71a7 (no position between CR and LF); this is the regression test.
it('a parse error on an empty CRLF line stays inside the line', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\n\r\n b\r\n';
  const findings = lint('/w/pod.yaml', text);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['harden/parse-error'],
  );
});
