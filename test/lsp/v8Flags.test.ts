// The V8 flags the language server sets for itself at start (hosts/node/v8Flags.ts). v8.setFlagsFromString
// ignores a flag V8 does not know, so a misspelt one would silently do nothing: Node refuses it on the command line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_RUNTIME_V8_FLAGS } from '../../server/src/hosts/node/v8Flags';

const REPO = join(__dirname, '..', '..');

describe('the server sets its own V8 flags', () => {
  it('every flag is one this Node knows', () => {
    assert.ok(SERVER_RUNTIME_V8_FLAGS.length > 0);
    for (const flag of SERVER_RUNTIME_V8_FLAGS) {
      const run = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${flag}: ${run.stderr}`);
    }
    const misspelt = spawnSync(process.execPath, ['--no-turbo-inlinin', '-e', '0'], { encoding: 'utf8' });
    assert.notEqual(misspelt.status, 0, 'Node refuses an unknown V8 flag');
  });

  it('the entry point sets them before it creates the connection, and the in-process benches set them too', () => {
    const main = readFileSync(join(REPO, 'server', 'src', 'hosts', 'lsp', 'main.ts'), 'utf8');
    const applied = main.indexOf('\napplyServerV8Flags();');
    assert.ok(applied > 0, 'main.ts calls applyServerV8Flags()');
    assert.ok(applied < main.indexOf('\nconst connection ='), 'before the connection is created');
    for (const bench of ['kustomize.mjs', 'helm.ts']) {
      assert.match(readFileSync(join(REPO, 'bench', bench), 'utf8'), /\napplyServerV8Flags\(\);/, bench);
    }
  });
});
