// An editor's Linter (hosts/lsp/documentLinting.ts EDITOR_LINTER) works a finding's fixes out when they are first
// read: the diagnostics of every finding cost no fixes, a code action pays for the few it asks about. Over the
// real-world corpus and the seeds, what it gives when read equals what a Linter with eager fixes gives, also after
// an edit that moves the documents (their findings are moved without working their fixes out).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { EDITOR_LINTER } from '../../server/src/hosts/lsp/documentLinting';
import { CORPUS_DIR, fixtureDir } from '../harness/fixtures';

function manifests(): Array<{ path: string; text: string }> {
  const dirs = [join(CORPUS_DIR, 'k8s'), fixtureDir('test', 'fixtures', 'seeds')];
  return dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(dir, name))
      // A file that says "DO NOT EDIT" gets no fixes at all (engine/generated.ts): read as if it did not say so.
      .map((path) => ({ path, text: readFileSync(path, 'utf8').replace(/\bdo not (edit|modify)\b/gi, 'generated') })),
  );
}

const pending = (f: Finding) => typeof Object.getOwnPropertyDescriptor(f, 'fixes')?.get === 'function';
const view = (findings: Finding[]) => findings.map((f) => ({ ...f }));

describe('an editor Linter: fixes worked out on first read', () => {
  const files = manifests();

  it('gives no fixes until read, then the eager ones, over the corpus and the seeds', () => {
    let findings = 0;
    let fixes = 0;
    for (const { path, text } of files) {
      const lazy = new Linter({}, undefined, undefined, EDITOR_LINTER).lint({ path, text }).findings;
      const eager = new Linter().lint({ path, text }).findings;
      assert.ok(lazy.every(pending), `${path}: fixes pending after the lint`);
      assert.ok(!eager.some(pending), `${path}: an eager Linter's findings carry their fixes`);
      assert.deepEqual(view(lazy), view(eager), path);
      findings += lazy.length;
      fixes += eager.reduce((n, f) => n + f.fixes.filter((fix) => !fix.suppression).length, 0);
    }
    assert.ok(findings > 300 && fixes > 200, `${findings} findings, ${fixes} rule fixes`);
  });

  it('moves findings of moved documents without working their fixes out, and their fixes with them', () => {
    let moved = 0;
    for (const { path, text } of files.filter((f) => f.text.includes('\n---'))) {
      const lazyLinter = new Linter({}, undefined, undefined, EDITOR_LINTER);
      lazyLinter.lint({ path, text });
      // Three lines at the top: every document below moves, and is not linted again.
      const edited = `# a\n# b\n# c\n${text}`;
      const lazy = lazyLinter.lint({ path, text: edited }).findings;
      assert.ok(lazy.every(pending), `${path}: moved findings keep their fixes pending`);
      const eager = new Linter().lint({ path, text: edited }).findings;
      assert.deepEqual(view(lazy), view(eager), path);
      moved += lazy.length;
    }
    assert.ok(moved > 200, `${moved} findings moved`);
  });
});
