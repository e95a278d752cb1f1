// Provisioning as the first e2e test: Debian packages (when root and missing) and code-server in the cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { provision } from './provision.mjs';
import { rmSync } from 'node:fs';
import { REPO, isolatedEnv, scratchDir } from './lib/paths.mjs';

describe('e2e provisioning', { timeout: 15 * 60_000 }, () => {
  let tools;
  it('Debian packages and code-server are present (installed when missing)', () => {
    tools = provision();
    console.log(
      `# provisioning: ${tools.seconds.toFixed(1)} s; apt installed: ${tools.installedPackages.join(' ') || 'nothing'}; code-server ${tools.installedCodeServer ? 'installed' : 'reused'} (${tools.codeServer})`,
    );
    assert.equal(tools.codeServerVersion, '4.100.3');
  });

  it('code-server, Chromium and Neovim run', () => {
    assert.ok(tools, 'provisioning failed');
    const scratch = scratchDir('provision');
    try {
      checkTools(tools, isolatedEnv(scratch));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

function checkTools(tools, env) {
  for (const [bin, args, expected] of [
    [tools.codeServer, ['--version'], /^4\.100\.3 .*Code 1\.100\.3/m],
    [tools.chromium, ['--version'], /Chromium/],
    [tools.nvim, ['--version'], /NVIM v0\./],
  ]) {
    const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000, cwd: REPO, env });
    assert.match(r.stdout, expected, `${bin} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  }
}
