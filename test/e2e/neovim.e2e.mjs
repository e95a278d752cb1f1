// Neovim (Debian 0.7, headless) as a second, independent LSP client: dist/server.js over stdio shows the
// diagnostic, a code action applies, the diagnostic clears. Each step of neovim/harden.lua is a subtest.
//   HARDEN_E2E_SERVER  server bundle to test (default: dist/server.js)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { provision } from './provision.mjs';
import { NVIM, REPO, isolatedEnv, scratchDir } from './lib/paths.mjs';
import { copyWorkspace } from './lib/workspace.mjs';

const SERVER = process.env.HARDEN_E2E_SERVER ?? join(REPO, 'dist', 'server.js');

describe('Neovim: the language server over stdio', { timeout: 90_000 }, () => {
  let scratch,
    steps = [],
    exit;

  before(async () => {
    provision();
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build`);
    scratch = scratchDir('nvim');
    const workspace = copyWorkspace(scratch);
    const logFile = join(scratch, 'steps.jsonl');
    const env = isolatedEnv(scratch, {
      HARDEN_SERVER: SERVER,
      HARDEN_ROOT: workspace,
      HARDEN_FILE: join(workspace, 'ui', 'web.yaml'),
      HARDEN_LOG: logFile,
    });
    const child = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(REPO, 'test', 'e2e', 'neovim', 'harden.lua')}`], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 60_000);
    exit = await new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    clearTimeout(timer);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* the group is gone: nvim stopped the server */
    }
    exit.output = output;
    steps = existsSync(logFile)
      ? readFileSync(logFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  });

  after(() => {
    if (scratch && !process.env.HARDEN_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  });

  for (const name of ['start_client', 'diagnostics', 'diagnostic range', 'code action offered', 'edit applied', 'diagnostic cleared', 'written']) {
    it(name, () => {
      const step = steps.find((s) => s.step === name);
      assert.ok(step, `step "${name}" not reached (nvim exit ${JSON.stringify(exit)}); steps: ${JSON.stringify(steps)}`);
      assert.ok(step.ok, `step "${name}" failed: ${JSON.stringify(step.detail)}`);
    });
  }

  it('nvim exited cleanly', () => {
    assert.equal(exit.code, 0, `nvim exited ${JSON.stringify(exit)}`);
    const last = steps.at(-1);
    console.log(`# neovim: ${steps.length} steps in ${last?.ms} ms`);
  });
});
