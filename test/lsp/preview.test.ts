// Opening a large manifest: the findings of its first documents go out at once, and the full publish that
// follows keeps every one of them (no diagnostic appears and then vanishes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { PREVIEW_ABOVE_LINES, PREVIEW_LINES } from '../../server/src/hosts/lsp/documentLinting';
import { UNHARDENED_DEPLOYMENT } from './helpers/fixtures';
import { TestClient, fileUri, sleep } from './helpers/testClient';

const key = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`;

describe('language server: first look at a large file', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('publishes the top’s findings first, then all of them, keeping the first ones', async () => {
    const copies = Math.ceil(PREVIEW_ABOVE_LINES / UNHARDENED_DEPLOYMENT.split('\n').length) + 10;
    const text = Array.from({ length: copies }, (_, i) => UNHARDENED_DEPLOYMENT.replace(/\bweb\b/g, `web-${i}`)).join('---\n');
    const lines = text.split('\n').length;
    assert.ok(lines > PREVIEW_ABOVE_LINES);
    const uri = fileUri('large/all.yaml');
    const mark = client.mark();
    const first = await client.open(uri, text);
    const full = await client.waitForDiagnostics(uri, { after: mark, where: (p) => p.diagnostics.some((d) => d.range.start.line > lines - 30) });
    await sleep(300); // the schema's publish, if any, comes after
    const last = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.ok(first.diagnostics.length > 0, 'the first look has findings');
    assert.ok(first.diagnostics.length < full.diagnostics.length, `then more (${first.diagnostics.length} → ${full.diagnostics.length})`);
    assert.ok(
      first.diagnostics.every((d) => d.range.start.line < PREVIEW_LINES + 30),
      'the first look covers the top of the file',
    );
    const kept = new Set(last.diagnostics.map(key));
    for (const diagnostic of first.diagnostics) assert.ok(kept.has(key(diagnostic)), `kept: ${key(diagnostic)}`);
  });

  it('a small file gets one publish with everything', async () => {
    const uri = fileUri('large/small.yaml');
    const mark = client.mark();
    const first = await client.open(uri, UNHARDENED_DEPLOYMENT);
    await sleep(300);
    const all = client.published.slice(mark).filter((p) => p.uri === uri);
    assert.equal(all.length, 1);
    assert.ok(first.diagnostics.some((d) => d.code === 'k8s/pdb-missing' || d.code === 'k8s/run-as-non-root'));
  });
});
