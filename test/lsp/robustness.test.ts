// Debouncing, other document kinds, oversized and broken input, and the IPC transport.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BROKEN_YAML, DOCKERFILE, RUN_AS_NON_ROOT, UNHARDENED_DEPLOYMENT } from './helpers/fixtures';
import { TestClient, fileUri, sleep } from './helpers/testClient';

const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('language server: robustness', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('a burst of changes publishes only for the latest version', async () => {
    const uri = fileUri('burst/deployment.yaml');
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    const mark = client.mark();
    let version = 1;
    for (let i = 0; i < 10; i++) {
      // Typing a comment on the first line, one character at a time.
      version = await client.change(uri, [{ range: { start: { line: 0, character: 14 + i }, end: { line: 0, character: 14 + i } }, newText: 'x' }]);
    }
    await client.waitForDiagnostics(uri, { version, after: mark });
    await sleep(300); // long enough for any stray run to publish too
    const versions = client.published
      .slice(mark)
      .filter((p) => p.uri === uri)
      .map((p) => p.version);
    assert.deepEqual(versions, [version]);
  });

  it('serves Dockerfiles, by language id and by file name', async () => {
    const byLanguage = await client.open(fileUri('docker/Dockerfile'), DOCKERFILE, 'dockerfile');
    assert.ok(Array.isArray(byLanguage.diagnostics));
    for (const name of ['docker/Dockerfile.prod', 'docker/api.Dockerfile', 'docker/Containerfile']) {
      const byName = await client.open(fileUri(name), DOCKERFILE, 'plaintext');
      assert.ok(
        byName.diagnostics.every((d) => d.source === 'harden' && String(d.code).startsWith('docker/')),
        name,
      );
    }
  });

  it('leaves YAML files of another language alone (e.g. Helm templates)', async () => {
    const { diagnostics } = await client.open(fileUri('chart/templates/deployment.yaml'), UNHARDENED_DEPLOYMENT, 'helm');
    assert.deepEqual(diagnostics, []);
  });

  it('lints untitled documents', async () => {
    const { diagnostics } = await client.open('untitled:Untitled-1', UNHARDENED_DEPLOYMENT);
    assert.ok(diagnostics.some((d) => d.code === RUN_AS_NON_ROOT));
  });

  it('skips a document above harden.maxFileSizeKB with one information diagnostic', async () => {
    const uri = fileUri('huge/deployment.yaml');
    const filler = `# ${'x'.repeat(1022)}\n`.repeat(2100); // 2100 KB of comments
    const { diagnostics } = await client.open(uri, UNHARDENED_DEPLOYMENT + filler);
    assert.equal(diagnostics.length, 1);
    const [skip] = diagnostics;
    assert.equal(skip.severity, 3);
    assert.equal(skip.source, 'harden');
    assert.match(String(skip.message), /skipped.*\b21\d\d KB.*2048 KB.*harden\.maxFileSizeKB/);
    assert.deepEqual(await client.codeActions(uri, WHOLE_FILE, diagnostics), []);
  });

  it('survives broken YAML and keeps answering', async () => {
    const uri = fileUri('broken/deployment.yaml');
    const broken = await client.open(uri, BROKEN_YAML);
    assert.ok(broken.diagnostics.every((d) => d.source === 'harden' || d.source === 'harden-schema'));
    assert.ok(Array.isArray(await client.codeActions(uri, WHOLE_FILE, broken.diagnostics)));
    assert.ok(Array.isArray(await client.codeActions(uri, WHOLE_FILE, [], ['source.fixAll.harden'])));
    // Garbage ranges and unknown documents are answered, not fatal.
    assert.deepEqual(await client.codeActions(fileUri('never-opened.yaml'), WHOLE_FILE, []), []);
    const healthy = await client.open(fileUri('broken/after.yaml'), UNHARDENED_DEPLOYMENT);
    assert.ok(healthy.diagnostics.some((d) => d.code === RUN_AS_NON_ROOT));
    assert.equal(client.exitCode, null);
  });
});

describe('language server over --node-ipc', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ transport: 'ipc' });
  });
  after(() => client.stop());

  it('publishes diagnostics and answers code actions', async () => {
    const uri = fileUri('ipc/deployment.yaml');
    const { diagnostics } = await client.open(uri, UNHARDENED_DEPLOYMENT);
    const nonRoot = diagnostics.find((d) => d.code === RUN_AS_NON_ROOT);
    assert.ok(nonRoot);
    const actions = await client.codeActions(uri, nonRoot.range, [nonRoot], ['quickfix']);
    // A suggestion (it may stop an image that runs as root): offered, not preferred.
    assert.ok(actions.some((a) => !a.isPreferred && a.diagnostics?.[0]?.code === RUN_AS_NON_ROOT));
  });
});
