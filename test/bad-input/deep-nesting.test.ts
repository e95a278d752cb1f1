// Deeply nested collections must not overflow the stack into a crash: the document gets one
// harden/parse-error and linting goes on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD } from '../fuzz/findingChecks';

const DEPTH = 10_000;

function lintWithoutThrowing(text: string, path = '/w/pod.yaml') {
  const { findings } = new Linter().lint({ path, text });
  assertFindingsInside(text, findings);
  return findings;
}

it(`flow sequences ${DEPTH} deep ([[[[…]]]]) give a parse error, not a stack overflow`, () => {
  const text = `${POD}      args: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`;
  const findings = lintWithoutThrowing(text);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['harden/parse-error'],
  );
  // Unclosed, in a config file, and flow maps too.
  lintWithoutThrowing(`${POD}      args: ${'['.repeat(DEPTH)}\n`);
  lintWithoutThrowing(`${POD}      env: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`);
  const config = new Linter().lint({ path: '/w/.harden.yaml', text: `rules: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n` }).findings;
  assert.deepEqual(
    config.map((f) => f.ruleId),
    ['harden/invalid-config'],
  );
});

it('deep block nesting (3,000 indented maps) lints without a crash', () => {
  const text = `${POD}      env:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(8 + i)}k${i}:`).join('\n')} 1\n`;
  lintWithoutThrowing(text);
});

// Found by the LSP fuzzer (seed 1): compact nested block sequences (`- - - - …` on one line, a few
// thousand deep) make the yaml parser (Parser.blockSequence) overflow the stack, and the RangeError
// escaped Linter.lint (yaml/documents.ts parseSegment -> parseDocument): the language server showed
// "internal error", the CLI exited 2 with a stack trace. Fixed in 9db71a7; these are the regression tests.
const COMPACT = `kind:\n${'- '.repeat(5000)}-\n:`;

it('compact nested block sequences 5,000 deep give a parse error, not a RangeError', () => {
  const findings = lintWithoutThrowing(COMPACT);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['harden/parse-error'],
  );
  const config = new Linter().lint({ path: '/w/.harden.yaml', text: COMPACT }).findings;
  assert.deepEqual(
    config.map((f) => f.ruleId),
    ['harden/invalid-config'],
  );
});

it('the CLI reports compact nested block sequences as a finding, not an internal error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-deep-'));
  try {
    writeFileSync(join(dir, 'deep.yaml'), COMPACT);
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'harden.js'), 'lint', '--format', 'json', dir], { encoding: 'utf8' });
    assert.doesNotMatch(run.stderr, /internal error|RangeError/);
    assert.notEqual(run.status, 2, run.stderr.slice(0, 500));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
