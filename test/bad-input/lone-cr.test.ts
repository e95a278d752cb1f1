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
import { TestClient, fileUri } from '../lsp/helpers/testClient';

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

// Found by the LSP fuzzer (seeds 2 and 3): schema diagnostics (source `harden-schema`) of a document that
// follows a lone CR in an earlier `---` document were a line off (the segment's first line was counted
// without the lone CR): "Property bogusField is not allowed." came at 10:2-10:12, on the 5-character line
// `spec:`; bogusField is on line 11. This is the regression test.
it('schema diagnostics after a lone CR in an earlier document are on the right line (server)', async () => {
  const text =
    '# a\rb\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  bogusField: 1\n  containers: []\n';
  const client = await TestClient.start();
  try {
    const uri = fileUri('bad-input/lone-cr-schema.yaml');
    await client.open(uri, text);
    // A fresh server publishes harden's own diagnostics before its first schema validation: wait for that one.
    const schemaChecked = (p: { diagnostics: Array<{ message: unknown }> }) => p.diagnostics.some((d) => /bogusField/.test(String(d.message)));
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1, where: schemaChecked });
    const mirror = new MirrorText(text);
    for (const d of diagnostics) assert.equal(mirror.rangeProblem(d.range), undefined, `${String(d.source)} "${String(d.message)}"`);
    const bogus = diagnostics.find((d) => /bogusField/.test(String(d.message)));
    assert.equal(bogus?.range.start.line, 11);
  } finally {
    await client.stop();
  }
});
