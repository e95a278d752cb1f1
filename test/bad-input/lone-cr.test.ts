// A lone CR (old Mac line break, or pasted) is a line break for LSP clients: the protocol counts \r\n,
// \n and \r. The engine must count it too, or every range after it is off by a line in the editor
// (squiggles on the wrong line, quick fixes editing the wrong place). The LSP fuzzer found this when the
// engine's LineIndex only split at \n; this is the regression test. (VS Code normalises a lone CR away
// when it loads or pastes text; other LSP clients do not.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { MirrorText } from '../fuzz/mirror';
import { POD } from '../fuzz/findingChecks';

it('findings after a lone CR are placed in LSP line coordinates', () => {
  // Same length, same offsets: only one character differs (a space becomes a lone CR inside a comment).
  const plain = POD.replace('  name: web\n', '  name: web # a b\n');
  const loneCr = POD.replace('  name: web\n', '  name: web # a\rb\n');
  const plainFindings = new Linter().lint({ path: '/w/pod.yaml', text: plain }).findings;
  const crFindings = new Linter().lint({ path: '/w/pod.yaml', text: loneCr }).findings;
  assert.ok(plainFindings.length > 0);
  // Expected: the same text selected, i.e. the plain file's offsets as positions of the lone-CR text.
  const plainIndex = new MirrorText(plain);
  const crIndex = new MirrorText(loneCr);
  const expected = (f: Finding) => ({
    ruleId: f.ruleId,
    start: crIndex.positionAt(plainIndex.offsetAt(f.range.start)),
    end: crIndex.positionAt(plainIndex.offsetAt(f.range.end)),
  });
  assert.deepEqual(
    crFindings.map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end })),
    plainFindings.map(expected),
  );
});
