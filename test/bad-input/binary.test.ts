// Binary files and invalid UTF-8: never a crash; no findings, or one clear parse error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD } from '../fuzz/findingChecks';
import { TestClient, fileUri } from '../lsp/helpers/testClient';

const CLI = join(__dirname, '..', '..', 'bin', 'harden.js');
/** 4 KB of every byte value, NULs included, as a text decoder turns them into a string. */
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
const INVALID_UTF8 = Buffer.concat([Buffer.from(POD), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x0a])]);

function lint(path: string, text: string) {
  return new Linter().lint({ path, text }).findings;
}

describe('bad input: binary files and invalid UTF-8', () => {
  it('a YAML file of binary bytes gives no findings, or only a parse error', () => {
    const text = BINARY.toString('utf8');
    const findings = lint('/w/blob.yaml', text);
    assert.ok(
      findings.every((f) => f.ruleId === 'harden/parse-error'),
      findings.map((f) => f.ruleId).join(),
    );
    assert.ok(findings.length <= 1);
    assertFindingsInside(text, findings);
  });

  it('a Dockerfile of binary bytes lints without throwing', () => {
    const text = BINARY.toString('latin1');
    assertFindingsInside(text, lint('/w/Dockerfile', text));
  });

  it('NUL bytes inside a manifest give one parse error with a clear message', () => {
    const text = POD.replace('nginx', 'ng\0inx') + '\0\0\u0001\u0002\n';
    const findings = lint('/w/pod.yaml', text);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['harden/parse-error'],
    );
    assert.match(findings[0].message, /^YAML syntax error: /);
    assertFindingsInside(text, findings);
  });

  it('invalid UTF-8 (decoded with U+FFFD replacements) gives one parse error, not a crash', () => {
    const text = INVALID_UTF8.toString('utf8');
    assert.ok(text.includes('\uFFFD'));
    const findings = lint('/w/pod.yaml', text);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['harden/parse-error'],
    );
    assertFindingsInside(text, findings);
  });

  describe('through the CLI', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'harden-bad-input-'));
      writeFileSync(join(dir, 'blob.yaml'), BINARY);
      writeFileSync(join(dir, 'bad-utf8.yaml'), INVALID_UTF8);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('skips a binary file with a notice and reports invalid UTF-8 as a parse error (exit 1, no crash)', () => {
      const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', dir], { encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
      assert.match(run.stderr, /blob\.yaml: binary file; skipped/);
      const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
      const bad = report.results.find((r) => r.file.endsWith('bad-utf8.yaml'));
      assert.deepEqual(
        bad?.findings.map((f) => f.ruleId),
        ['harden/parse-error'],
      );
      assert.ok(!report.results.some((r) => r.file.endsWith('blob.yaml') && r.findings.length > 0));
    });
  });

  describe('through the language server', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start();
    });
    after(() => client.stop());

    it('publishes diagnostics for a binary buffer and an invalid-UTF-8 one, and keeps running', async () => {
      const blob = await client.open(fileUri('bad-input/blob.yaml'), BINARY.toString('utf8'));
      assert.ok(blob.diagnostics.every((d) => d.code === 'harden/parse-error'));
      const docker = await client.open(fileUri('bad-input/Dockerfile'), BINARY.toString('latin1'), 'dockerfile');
      assert.ok(Array.isArray(docker.diagnostics));
      const invalid = await client.open(fileUri('bad-input/bad-utf8.yaml'), INVALID_UTF8.toString('utf8'));
      assert.deepEqual(
        invalid.diagnostics.map((d) => d.code),
        ['harden/parse-error'],
      );
      assert.equal(client.exitCode, null);
      assert.doesNotMatch(client.serverOutput, /failed|uncaught|unhandled/i);
    });
  });
});
