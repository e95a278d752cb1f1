// UI test on the real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) driven by playwright-core and
// Debian Chromium, with the packaged dist/harden.vsix installed through `code-server --install-extension`:
// a squiggle and a Problems entry with the rule id as code, Ctrl+. shows our quick fix, applying it changes
// the text and the squiggle goes; a snippet inserted by its prefix through the suggest widget.
// Screenshots go to .test-artifacts/e2e/ (gitignored); docs/images/ holds copies of the best two.
//   HARDEN_E2E_VSIX  the .vsix to install (default: dist/harden.vsix, built by `npm run package`)
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { provision } from './provision.mjs';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { ARTIFACTS, REPO, scratchDir } from './lib/paths.mjs';
import { copyWorkspace } from './lib/workspace.mjs';

const VSIX = process.env.HARDEN_E2E_VSIX ?? join(REPO, 'dist', 'harden.vsix');
const RULE = 'k8s/run-as-non-root';
const FIX_TITLE = 'Add runAsNonRoot: true to the pod securityContext';

describe('UI: the packaged extension in the VS Code workbench (code-server + Chromium)', { timeout: 180_000 }, () => {
  let scratch, server, browser, page;
  const shot = async (name) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };

  before(async () => {
    provision();
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package`);
    scratch = scratchDir('ui');
    const workspace = copyWorkspace(scratch);
    const installed = installVsix(scratch, VSIX);
    console.log(`# ${installed.split('\n').pop()}`);
    server = await startCodeServer({
      scratch,
      workspace,
      settings: { 'editor.minimap.enabled': false, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false, 'editor.fontSize': 15 },
    });
    browser = await launchBrowser(scratch, { width: 1280, height: 760 });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    if (page) await shot('ui-last').catch(() => {});
    if (scratch && existsSync(join(scratch, 'code-server.log'))) copyFileSync(join(scratch, 'code-server.log'), join(ARTIFACTS, 'ui-code-server.log'));
    await browser?.close().catch(() => {});
    await server?.stop();
    if (scratch && !process.env.HARDEN_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  });

  async function openFile(relative) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relative);
    const name = relative.split('/').pop();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await page.waitForTimeout(300); // let the result list settle on the best match
    await page.keyboard.press('Enter');
    await page
      .locator(`.tab.active[aria-label*="${name}"]`)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (error) => {
        await shot(`ui-open-${name}-failed`);
        throw error;
      });
    await page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  const editorText = async () => (await page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

  it('shows the squiggle and the Problems entry with the rule id as code', async () => {
    await openFile('ui/web.yaml');
    await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor();
    await page.waitForFunction((rule) => document.querySelector('.markers-panel')?.textContent?.includes(rule), RULE, { timeout: 15_000 });
    const text = await problems.innerText();
    assert.match(text, /has no runAsNonRoot: true/);
    assert.ok(/harden\s*\(?\s*k8s\/run-as-non-root/.test(text), `no "harden(${RULE})" code in the Problems view:\n${text}`);
    await shot('ui-problems');
  });

  it('Ctrl+. offers our quick fix; applying it changes the text and the squiggle goes', async () => {
    // Cursor on the container entry that carries the diagnostic (line 26: `- name: web`).
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':26:13');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    const row = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE });
    await row.first().waitFor({ timeout: 15_000 });
    const titles = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    assert.ok(
      titles.some((t) => t.includes(`Suppress ${RULE}`)),
      `no suppression offered: ${titles.join(' | ')}`,
    );
    await shot('ui-quick-fix');
    assert.ok(!(await editorText()).includes('runAsNonRoot'));
    // Select it with the keyboard (a pointer-block overlay covers the widget while it animates) and apply.
    for (let i = 0; i < titles.length + 1; i++) {
      const focused = await page
        .locator('.action-widget .monaco-list-row.focused')
        .getAttribute('aria-label')
        .catch(() => null);
      if (focused === FIX_TITLE) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label'), FIX_TITLE);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document
          .querySelector('.editor-instance .view-lines')
          ?.textContent?.replace(/\u00a0/g, ' ')
          .includes('runAsNonRoot: true'),
      null,
      { timeout: 15_000 },
    );
    await page.locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction((rule) => !document.querySelector('.markers-panel')?.textContent?.includes(rule), RULE, { timeout: 15_000 });
    await shot('ui-fixed');
  });

  it('inserts a snippet by its prefix through the suggest widget', async () => {
    // Offered by the client's completion provider in Kubernetes YAML (client/src/snippets.ts), not contributed for all YAML.
    const snippets = JSON.parse(readFileSync(join(REPO, 'snippets', 'kubernetes.json'), 'utf8'));
    const [name, snippet] = Object.entries(snippets).find(([n]) => /deployment/i.test(n)) ?? Object.entries(snippets)[0];
    const prefix = [snippet.prefix].flat()[0];
    await openFile('ui/new.yaml');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.type(prefix, { delay: 20 });
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row', { hasText: prefix });
    await item.first().waitFor({ timeout: 15_000 });
    await shot('ui-snippet-suggest');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => /kind:\s*Deployment/.test(document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? ''),
      null,
      { timeout: 15_000 },
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    // The inserted manifest is hardened: no warning or error squiggles after the server linted it.
    await page.waitForTimeout(1_500);
    assert.equal(await page.locator('.editor-instance .squiggly-warning, .editor-instance .squiggly-error').count(), 0, `snippet "${name}" has warnings`);
    await shot('ui-snippet');
  });

  it('shows the Harden status bar item with counts; a click opens the command menu', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Harden' }).first();
    await item.waitFor({ timeout: 15_000 });
    const label = (await item.getAttribute('aria-label')) ?? (await item.innerText());
    assert.match(label, /Harden/);
    await page.waitForFunction(
      () => [...document.querySelectorAll('.statusbar-item')].some((e) => /Harden/.test(e.textContent ?? '') && e.querySelector('.codicon-warning')),
      null,
      { timeout: 15_000 },
    );
    await shot('ui-status-bar');
    await item.click();
    const menu = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Rule Documentation' });
    await menu.first().waitFor({ timeout: 15_000 });
    const rows = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    for (const entry of ['Show Output', 'Open Configuration', 'Fix All in Workspace (safe fixes)'])
      assert.ok(
        rows.some((r) => r.includes(entry)),
        `${entry} in ${rows.join(' | ')}`,
      );
    await shot('ui-status-menu');
    await page.keyboard.press('Escape');
  });

  after(() => {
    // HARDEN_E2E_UPDATE_SCREENSHOTS=1 refreshes the README's screenshots in docs/images/ from this run.
    if (!process.env.HARDEN_E2E_UPDATE_SCREENSHOTS) return;
    mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
    for (const [from, to] of [
      ['ui-quick-fix.png', 'vscode-quick-fix.png'],
      ['ui-snippet-suggest.png', 'vscode-snippet.png'],
    ]) {
      if (existsSync(join(ARTIFACTS, from))) copyFileSync(join(ARTIFACTS, from), join(REPO, 'docs', 'images', to));
    }
  });
});
