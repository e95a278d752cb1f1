// VS Code for the web in the real workbench: the packaged .vsix in code-server 4.100.3 (VS Code 1.100.3), with
// `remote.extensionKind` asking for the `web` kind, so that VS Code runs the extension's `browser` entry
// (dist/web/client.js) in the workbench's web worker extension host in Chromium and the client starts the
// server (dist/web/server.js) in a nested web worker. The server reads the workspace through the client
// (vscode.workspace.fs): the Harden output says so, `.harden.yaml` (not open) switches k8s/cpu-limit off, and
// the HPA (not open) silences k8s/replicas. Diagnostics with rule ids and the schema finding show in the
// Problems panel, and the quick fix `Set privileged: false` removes the error squiggle.
//   HARDEN_E2E_VSIX  the .vsix to install (default: dist/harden.vsix, built by `npm run package`)
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { provision } from './provision.mjs';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { ARTIFACTS, REPO, scratchDir } from './lib/paths.mjs';

const VSIX = process.env.HARDEN_E2E_VSIX ?? join(REPO, 'dist', 'harden.vsix');
const FIX_TITLE = 'Set privileged: false';

describe('VS Code for the web: the packaged extension in the workbench’s web worker extension host (code-server + Chromium)', { timeout: 180_000 }, () => {
  let scratch, server, browser, page;
  const consoleErrors = [];
  const shot = async (name) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };
  const panelText = (selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

  before(async () => {
    provision();
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package`);
    scratch = scratchDir('web-workbench');
    const workspace = join(scratch, 'web');
    cpSync(join(REPO, 'test', 'e2e', 'fixtures', 'web'), workspace, { recursive: true });
    installVsix(scratch, VSIX);
    server = await startCodeServer({
      scratch,
      workspace,
      settings: {
        // The `web` kind: the browser entry in the web worker extension host instead of `main` on the server.
        'remote.extensionKind': { 'harden.harden': ['web'] },
        'editor.minimap.enabled': false,
        'window.commandCenter': false,
        'workbench.layoutControl.enabled': false,
      },
    });
    browser = await launchBrowser(scratch, { width: 1280, height: 760 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => message.type() === 'error' && /harden/i.test(message.text()) && consoleErrors.push(message.text()));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    if (page) await shot('web-workbench-last').catch(() => {});
    if (scratch && existsSync(join(scratch, 'code-server.log')))
      copyFileSync(join(scratch, 'code-server.log'), join(ARTIFACTS, 'web-workbench-code-server.log'));
    await browser?.close().catch(() => {});
    await server?.stop();
    if (scratch && !process.env.HARDEN_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  });

  async function quickOpen(text, rowText) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: rowText }).first().waitFor();
    await page.waitForTimeout(300); // let the result list settle on the best match
    await page.keyboard.press('Enter');
  }

  async function runCommand(title) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  it('lints the open manifest in the browser: rule ids and the schema finding in Problems, workspace files read through VS Code', async () => {
    await quickOpen('k8s/deploy.yaml', 'deploy.yaml');
    await page.locator('.tab.active[aria-label*="deploy.yaml"]').first().waitFor({ timeout: 15_000 });
    await page
      .locator('.squiggly-error')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        await shot('web-workbench-no-squiggle');
        throw new Error(`no error squiggle (k8s/privileged); Harden errors in the console: ${consoleErrors.join('\n')}\n${error.message}`);
      });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    // The Problems list renders only the rows it shows: maximize the panel so that all 15 are there.
    await runCommand('View: Toggle Maximized Panel');
    // The HPA is read through the client in the background (as the desktop scans the disk): wait for its effect too.
    await page
      .waitForFunction(
        () => {
          const text = document.querySelector('.markers-panel')?.textContent ?? '';
          return text.includes('unknownField') && !/k8s\/replicas(?!-)/.test(text);
        },
        null,
        { timeout: 30_000 },
      )
      .catch(() => {}); // the assertions below say what is wrong
    const problems = await panelText('.markers-panel');
    for (const rule of ['k8s/privileged', 'k8s/run-as-non-root', 'k8s/seccomp-profile'])
      assert.ok(problems.includes(rule), `${rule} missing from Problems:\n${problems}`);
    assert.match(problems, /Property unknownField is not allowed/);
    // Not open, read through vscode.workspace.fs: .harden.yaml turns k8s/cpu-limit off, the HPA scales the Deployment.
    assert.ok(!problems.includes('k8s/cpu-limit') && !/k8s\/replicas(?!-)/.test(problems), problems);
    await shot('web-workbench-problems');
    await runCommand('View: Toggle Maximized Panel');
  });

  it('the language server is the web worker one: its log in the Harden output', async () => {
    await runCommand('Harden: Show Output');
    await page
      .waitForFunction(
        () =>
          document
            .querySelector('.part.panel')
            ?.textContent?.replace(/\u00a0/g, ' ')
            .includes('workspace files through the client'),
        null,
        { timeout: 15_000 },
      )
      .catch(async (error) => {
        await shot('web-workbench-output');
        throw error;
      });
  });

  it('Ctrl+. offers the quick fix; applying it removes the k8s/privileged error', async () => {
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':19:25');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().waitFor({ timeout: 15_000 });
    const titles = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    for (let i = 0; i < titles.length + 1; i++) {
      const focused = await page
        .locator('.action-widget .monaco-list-row.focused')
        .getAttribute('aria-label')
        .catch(() => null);
      if (focused === FIX_TITLE) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label'), FIX_TITLE, titles.join(' | '));
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document
          .querySelector('.editor-instance .view-lines')
          ?.textContent?.replace(/\u00a0/g, ' ')
          .includes('privileged: false'),
      null,
      { timeout: 15_000 },
    );
    await page.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
    await shot('web-workbench-fixed');
    assert.deepEqual(consoleErrors, []);
  });
});
