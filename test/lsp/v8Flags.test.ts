// The V8 flags the language server and the CLI set for themselves at start (hosts/node/v8Flags.ts). v8.setFlagsFromString
// ignores a flag V8 does not know, so a misspelt one would silently do nothing: Node refuses it on the command line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RUNTIME_V8_FLAGS } from '../../server/src/hosts/node/v8Flags';

const REPO = join(__dirname, '..', '..');

describe('the server and the CLI set their own V8 flags', () => {
  it('every flag is one this Node knows', () => {
    assert.ok(RUNTIME_V8_FLAGS.length > 0);
    for (const flag of RUNTIME_V8_FLAGS) {
      const run = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${flag}: ${run.stderr}`);
    }
    const misspelt = spawnSync(process.execPath, ['--no-turbo-inlinin', '-e', '0'], { encoding: 'utf8' });
    assert.notEqual(misspelt.status, 0, 'Node refuses an unknown V8 flag');
  });

  it('the entry points set them before any work, and the in-process benches set them too', () => {
    const main = readFileSync(join(REPO, 'server', 'src', 'hosts', 'lsp', 'main.ts'), 'utf8');
    const applied = main.indexOf('\napplyRuntimeV8Flags();');
    assert.ok(applied > 0, "the server's main.ts calls applyRuntimeV8Flags()");
    assert.ok(applied < main.indexOf('\nconst connection ='), 'before the connection is created');
    const cli = readFileSync(join(REPO, 'server', 'src', 'hosts', 'cli', 'main.ts'), 'utf8');
    const cliApplied = cli.indexOf('\napplyRuntimeV8Flags();');
    assert.ok(cliApplied > 0 && cliApplied < cli.indexOf('\nif (isLintWorker())'), 'the CLI, before it starts a run or a worker');
    for (const bench of ['kustomize.mjs', 'helm.ts']) {
      assert.match(readFileSync(join(REPO, 'bench', bench), 'utf8'), /\napplyRuntimeV8Flags\(\);/, bench);
    }
  });
});
