// A 50 MB YAML file: the server declines it with one information diagnostic (above harden.maxFileSizeKB)
// instead of freezing, answers code actions with nothing, and keeps serving other files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POD } from '../fuzz/findingChecks';
import { TestClient, fileUri } from '../lsp/helpers/testClient';

const CAP_KB = 64;
const LINE = `# ${'x'.repeat(1021)}\n`; // 1 KB
const FIFTY_MB = POD + LINE.repeat(50 * 1024);

describe('bad input: a 50 MB YAML file', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: { maxFileSizeKB: CAP_KB } });
  });
  after(() => client.stop());

  it(`is skipped above harden.maxFileSizeKB (${CAP_KB}) with one information diagnostic`, { timeout: 120_000 }, async () => {
    const uri = fileUri('bad-input/huge.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: FIFTY_MB } });
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1, timeoutMs: 100_000 });
    assert.equal(diagnostics.length, 1);
    const [notice] = diagnostics;
    assert.equal(notice.severity, 3); // Information
    assert.equal(notice.source, 'harden');
    assert.deepEqual(notice.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(String(notice.message), new RegExp(`skipped.*\\b5\\d{4} KB.*\\b${CAP_KB} KB.*harden\\.maxFileSizeKB`));
    const wholeFile = { start: { line: 0, character: 0 }, end: { line: 60_000, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, wholeFile, diagnostics), []);
    assert.deepEqual(await client.codeActions(uri, wholeFile, [], ['source.fixAll.harden']), []);
  });

  it('an edit that keeps it above the limit publishes the same single notice', { timeout: 60_000 }, async () => {
    const uri = fileUri('bad-input/huge.yaml');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }],
    });
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 2, timeoutMs: 30_000 });
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /skipped/);
  });

  it('a file just under the limit is linted as usual, and the server stays responsive', async () => {
    const under = POD + LINE.repeat(CAP_KB - 2);
    const { diagnostics } = await client.open(fileUri('bad-input/under.yaml'), under);
    assert.ok(diagnostics.some((d) => d.code === 'k8s/run-as-non-root'));
    assert.ok(!diagnostics.some((d) => /skipped/.test(String(d.message))));
    assert.equal(client.exitCode, null);
    assert.doesNotMatch(client.serverOutput, /failed|uncaught|unhandled/i);
  });
});
