// An editor's Linter (EDITOR_LINTER) leaves a Dockerfile finding's fixes to its first read: merging RUNs parses their
// shell scripts again, which cost every keystroke on moby's Dockerfile ~20 ms. Over the Dockerfile corpus, what it
// gives when read equals what a Linter with eager fixes gives.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { EDITOR_LINTER } from '../../server/src/hosts/lsp/documentLinting';
import { CORPUS_DIR } from '../harness/fixtures';

const pending = (f: Finding) => typeof Object.getOwnPropertyDescriptor(f, 'fixes')?.get === 'function';
const view = (findings: Finding[]) => findings.map((f) => ({ ...f }));

describe('an editor Linter on Dockerfiles: fixes worked out on first read', () => {
  it('gives no fixes until read, then the eager ones, over the corpus', () => {
    const dir = join(CORPUS_DIR, 'docker');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /Dockerfile/i.test(name));
    assert.ok(files.length >= 9, `${files.length} Dockerfiles`);
    let fixes = 0;
    for (const name of files) {
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      const lazy = new Linter({}, undefined, undefined, EDITOR_LINTER).lint({ path, text }).findings;
      const eager = new Linter().lint({ path, text }).findings;
      assert.ok(lazy.every(pending), `${name}: fixes pending after the lint`);
      assert.deepEqual(view(lazy), view(eager), name);
      fixes += eager.reduce((n, f) => n + f.fixes.filter((fix) => !fix.suppression).length, 0);
    }
    assert.ok(fixes > 10, `${fixes} rule fixes compared`);
  });
});
