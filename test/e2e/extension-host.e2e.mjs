// Extension-host suites (test/e2e/suite, @vscode/test-electron contract) run inside code-server: the
// workbench's `payload` URL parameter loads the extension from its folder (extensionDevelopmentPath) and runs
// the suite's run() (extensionTestsPath) in the real Node extension host; the workbench then calls
// window.codeAutomationExit(code), which Playwright exposes. Each mocha test is reported as a node:test subtest.
//   HARDEN_E2E_EXTENSION_PATH  extension folder to test (default: the repository, built by `npm run package`)
//   HARDEN_E2E_GREP            run only the mocha tests whose title matches
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { provision } from './provision.mjs';
import { buildSuite } from './lib/build-suite.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { ARTIFACTS, REPO, scratchDir } from './lib/paths.mjs';
import { copyWorkspace } from './lib/workspace.mjs';

const EXTENSION = process.env.HARDEN_E2E_EXTENSION_PATH ?? REPO;
const TIMEOUT_MS = 5 * 60_000;

describe('extension-host suites in code-server (payload)', { timeout: TIMEOUT_MS + 60_000 }, () => {
  let scratch, server, browser, outcome;

  before(async () => {
    provision();
    assert.ok(existsSync(join(EXTENSION, 'dist', 'client.js')), `${EXTENSION}/dist/client.js is missing: run npm run package`);
    const suiteIndex = await buildSuite();
    scratch = scratchDir('exthost');
    const workspace = copyWorkspace(scratch);
    const resultsFile = join(scratch, 'results.json');
    server = await startCodeServer({ scratch, workspace, env: { HARDEN_E2E_RESULTS: resultsFile } });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(EXTENSION)],
      ['extensionTestsPath', remote(suiteIndex)],
    ]);
    browser = await launchBrowser(scratch);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const started = Date.now();
    let resolveExit;
    const exitCode = new Promise((resolve) => {
      resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    });
    let settled = false;
    // Fallback: the suite wrote its final results but the workbench never called codeAutomationExit.
    const finished = (async () => {
      while (!settled) {
        await new Promise((r) => setTimeout(r, 1_000));
        try {
          if (JSON.parse(readFileSync(resultsFile, 'utf8')).done) break;
        } catch {
          /* not yet written */
        }
      }
      await new Promise((r) => setTimeout(r, 10_000));
      return 'no-exit-call';
    })();
    const code = await Promise.race([exitCode, timeout, finished]);
    settled = true;
    clearTimeout(timer);
    if (process.env.HARDEN_E2E_KEEP) console.log(`# kept scratch dir ${scratch}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'extension-host-end.png') }).catch(() => {});
    copyFileSync(join(scratch, 'code-server.log'), join(ARTIFACTS, 'extension-host-code-server.log'));
    if (existsSync(resultsFile)) copyFileSync(resultsFile, join(ARTIFACTS, 'extension-host-results.json'));
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { results: [] };
    outcome = { code, results, seconds: (Date.now() - started) / 1000 };
    console.log(`# extension-host suites: exit ${code} after ${outcome.seconds.toFixed(1)} s, ${results.results.length} mocha tests`);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (scratch && !process.env.HARDEN_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  });

  it('the suite ran and the workbench exited with code 0', () => {
    assert.notEqual(outcome.code, 'timeout', 'the extension-host suite did not finish (no codeAutomationExit call)');
    assert.ok(outcome.results.results.length > 0, `no mocha test ran${outcome.results.fatal ? `: ${outcome.results.fatal}` : ''}`);
    const failed = outcome.results.results.filter((r) => r.state === 'failed');
    assert.deepEqual(
      failed.map((r) => `${r.title}\n${r.error}`),
      [],
    );
    assert.equal(outcome.code, 0);
  });

  // One node:test result per mocha test (registered after the suite ran, as subtests of this one).
  it('mocha tests', async (t) => {
    for (const r of outcome?.results.results ?? []) {
      await t.test(`${r.title} [${r.durationMs} ms in the extension host]`, { skip: r.state === 'pending' ? (r.note ?? true) : false }, () => {
        if (r.state === 'failed') assert.fail(r.error);
      });
    }
  });
});
