#!/usr/bin/env node
// Runs the extension-host suites (test/e2e/suite) with @vscode/test-electron in a downloaded VS Code, where
// VS Code can be downloaded (a developer machine, a CI runner with internet access). Where it cannot (these
// build machines reach only npm and Debian), it prints a clear skip message and exits 0: it is not one of the
// e2e tests counted by `npm run test:e2e` (that runs the same suites inside code-server instead).
//   node test/e2e/run-test-electron.mjs [--version 1.100.3]      HARDEN_E2E_REQUIRE_ELECTRON=1 makes a skip fail
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { buildSuite } from './lib/build-suite.mjs';
import { copyWorkspace } from './lib/workspace.mjs';
import { CACHE, REPO, isolatedEnv, scratchDir } from './lib/paths.mjs';

const versionArg = process.argv.indexOf('--version');
const version = versionArg > 0 ? process.argv[versionArg + 1] : '1.100.3';

async function reachable(host) {
  try {
    await lookup(host);
    const res = await fetch(`https://${host}/api/releases/stable`, { signal: AbortSignal.timeout(5_000) });
    return res.ok;
  } catch {
    return false;
  }
}

if (!(await reachable('update.code.visualstudio.com'))) {
  console.log(
    `SKIP @vscode/test-electron: update.code.visualstudio.com is unreachable from this machine, so VS Code ${version} cannot be downloaded. ` +
      'The same suites run inside code-server: npm run test:e2e (test/e2e/extension-host.e2e.mjs).',
  );
  process.exit(process.env.HARDEN_E2E_REQUIRE_ELECTRON ? 1 : 0);
}

const { runTests } = await import('@vscode/test-electron');
const scratch = scratchDir('electron');
const workspace = copyWorkspace(scratch);
const extensionTestsPath = await buildSuite();
// VS Code inherits this environment: XDG dirs and TMPDIR in the scratch dir, nothing in ~.
Object.assign(process.env, isolatedEnv(scratch));
try {
  const code = await runTests({
    version,
    extensionDevelopmentPath: REPO,
    extensionTestsPath,
    cachePath: join(CACHE, 'vscode-test'), // downloaded once, reused
    extensionTestsEnv: { HARDEN_E2E_RESULTS: join(scratch, 'results.json') },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(scratch, 'user-data')}`,
      `--extensions-dir=${join(scratch, 'extensions')}`,
    ],
  });
  process.exit(code);
} catch (error) {
  console.error(`@vscode/test-electron failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
