// VS Code for the web, without VS Code: the web server bundle (dist/web/server.js, package.json `browser`) in a
// web worker of headless Debian Chromium (playwright-core), driven by a real LSP client in the page
// (test/e2e/web/page.mjs). The page answers the server's workspace requests from test/e2e/fixtures/web the way
// the web client does with vscode.workspace.fs, and serves the extension's schema files over local HTTP.
// Asserts that the diagnostics of an open privileged Deployment and an open Dockerfile are the desktop engine's
// (the CLI's on the same files: rule ids, ranges, messages, schema validation included), that workspace files
// that are not open (.harden.yaml, an HPA) were read through the client and count, and that a quick fix's edit,
// applied, removes its finding. Nothing is downloaded: Chromium comes from provision.mjs (apt).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { provisionDebian } from './provision.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { ARTIFACTS, REPO, scratchDir } from './lib/paths.mjs';

const SERVER_BUNDLE = join(REPO, 'dist', 'web', 'server.js');
const FIXTURES = join(REPO, 'test', 'e2e', 'fixtures', 'web');
const FOLDER = 'memfs:/workspace';
const FILES = ['.harden.yaml', 'k8s/hpa.yaml', 'k8s/deploy.yaml', 'k8s/pod.yaml', 'app/Dockerfile'];
const MANIFEST = `${FOLDER}/k8s/deploy.yaml`;
const DOCKERFILE = `${FOLDER}/app/Dockerfile`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };

/** Serves the page, its bundle, dist/web and the shipped schemas; nothing else of the repository. */
function serve(scratch) {
  const routes = [
    ['/dist/web/', join(REPO, 'dist', 'web')],
    ['/schemas/', join(REPO, 'schemas')],
    ['/', scratch],
  ];
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const [prefix, dir] = routes.find(([p]) => url.pathname.startsWith(p));
    const file = normalize(join(dir, url.pathname.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Applies LSP text edits (ranges in the original text) to `text`. */
function applyEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (position) => starts[position.line] + position.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((out, edit) => out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)), text);
}

function editsFor(action, uri) {
  const edit = action.edit ?? {};
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).filter((change) => change.textDocument?.uri === uri).flatMap((change) => change.edits);
}

const key = (d) => `${d.code ?? d.source} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

describe('VS Code for the web: the language server in a web worker (Chromium)', { timeout: 120_000 }, () => {
  let scratch, http, browser, page;
  const pageErrors = [];
  const texts = Object.fromEntries(FILES.map((file) => [file, readFileSync(join(FIXTURES, file), 'utf8')]));
  let desktop;
  let desktopFixed;

  before(async () => {
    provisionDebian();
    assert.ok(existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing: run npm run build`);
    scratch = scratchDir('web');
    await build({
      entryPoints: [join(REPO, 'test', 'e2e', 'web', 'page.mjs')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      outfile: join(scratch, 'page.js'),
      logLevel: 'warning',
    });
    writeFileSync(
      join(scratch, 'index.html'),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>harden web</title><script src="/page.js"></script>',
    );
    // The desktop engine's view of the same workspace: the CLI on a copy of the fixtures.
    cpSync(FIXTURES, join(scratch, 'workspace'), { recursive: true });
    const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'lint', '--format', 'json', 'workspace'], { cwd: scratch, encoding: 'utf8' });
    desktop = Object.fromEntries(JSON.parse(cli.stdout).results.map((result) => [result.file.replace(/^workspace\//, ''), result.findings]));
    spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'lint', '--fix', 'workspace'], { cwd: scratch, encoding: 'utf8' });
    desktopFixed = Object.fromEntries(FILES.map((file) => [file, readFileSync(join(scratch, 'workspace', file), 'utf8')]));
    http = await serve(scratch);
    browser = await launchBrowser(scratch);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    await page.goto(`http://127.0.0.1:${http.address().port}/`);
    const workspace = Object.fromEntries(FILES.map((file) => [`${FOLDER}/${file}`, texts[file]]));
    const started = await page.evaluate(([folder, files]) => globalThis.harden.start(folder, files), [FOLDER, workspace]);
    assert.equal(started.serverInfo.name, 'harden-web');
  });

  after(async () => {
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const logs = await page.evaluate(() => globalThis.harden.logs()).catch(() => []);
      writeFileSync(join(ARTIFACTS, 'web-server.log'), [...logs, ...pageErrors].join('\n'));
    }
    await browser?.close().catch(() => {});
    http?.close();
    if (scratch && !process.env.HARDEN_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  });

  it('read the workspace files through the client: .harden.yaml and the HPA, which are not open', async () => {
    const requests = await page.evaluate(() => globalThis.harden.requests());
    const read = requests.filter((r) => r.method === 'readFiles').flatMap((r) => r.params.uris);
    assert.ok(read.includes(`${FOLDER}/.harden.yaml`) && read.includes(`${FOLDER}/k8s/hpa.yaml`), read.join(', '));
  });

  it('a privileged Deployment: the desktop engine’s diagnostics, schema validation included; the quick fix removes k8s/privileged', async () => {
    await page.evaluate(([uri, text]) => globalThis.harden.open(uri, 'yaml', text), [MANIFEST, texts['k8s/deploy.yaml']]);
    const diagnostics = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 1), MANIFEST);
    assert.deepEqual(diagnostics.map(key).sort(), desktop['k8s/deploy.yaml'].map((f) => key({ ...f, code: f.ruleId })).sort());
    const privileged = diagnostics.find((d) => d.code === 'k8s/privileged');
    assert.deepEqual(privileged.range, { start: { line: 18, character: 24 }, end: { line: 18, character: 28 } });
    assert.equal(privileged.severity, 1);
    assert.ok(
      diagnostics.some((d) => d.source === 'harden-schema' && /unknownField/.test(d.message)),
      'schema validation in the worker',
    );
    // Read through the client, not open: .harden.yaml switches k8s/cpu-limit off; the HPA scales the Deployment.
    assert.ok(!diagnostics.some((d) => d.code === 'k8s/cpu-limit' || d.code === 'k8s/replicas'));

    const actions = await page.evaluate(([uri, d]) => globalThis.harden.codeActions(uri, d), [MANIFEST, privileged]);
    const fix = actions.find((action) => action.kind === 'quickfix' && !/^Suppress/.test(action.title));
    assert.ok(fix, `no quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = applyEdits(texts['k8s/deploy.yaml'], editsFor(fix, MANIFEST));
    assert.notEqual(fixed, texts['k8s/deploy.yaml']);
    await page.evaluate(([uri, text]) => globalThis.harden.change(uri, 2, text), [MANIFEST, fixed]);
    const after = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 2), MANIFEST);
    assert.ok(!after.some((d) => d.code === 'k8s/privileged'), `still privileged after "${fix.title}":\n${fixed}`);
    assert.ok(
      after.some((d) => d.code === 'k8s/run-as-non-root'),
      'the other findings stay',
    );
  });

  it('Fix All in Workspace: the safe fixes of the files that are not open are `harden lint --fix`’s', async () => {
    const result = await page.evaluate(() => globalThis.harden.request('harden/fixAllInWorkspace', {}));
    assert.equal(result.cancelled, false);
    assert.equal(result.files, Object.keys(result.changes).length);
    assert.ok(Object.keys(result.changes).includes(DOCKERFILE), Object.keys(result.changes).join(', '));
    for (const file of FILES) {
      const uri = `${FOLDER}/${file}`;
      if (uri === MANIFEST) continue; // open, and changed by the quick fix above
      const fixed = result.changes[uri] ? applyEdits(texts[file], result.changes[uri]) : texts[file];
      assert.equal(fixed, desktopFixed[file], file);
    }
  });

  it('a Dockerfile: the desktop engine’s diagnostics (the shell parser runs in the worker); the safe fix removes its finding', async () => {
    await page.evaluate(([uri, text]) => globalThis.harden.open(uri, 'dockerfile', text), [DOCKERFILE, texts['app/Dockerfile']]);
    const diagnostics = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 1), DOCKERFILE);
    assert.deepEqual(diagnostics.map(key).sort(), desktop['app/Dockerfile'].map((f) => key({ ...f, code: f.ruleId })).sort());
    const lists = diagnostics.find((d) => d.code === 'docker/package-cache' && /package lists/.test(d.message));
    assert.ok(lists, diagnostics.map(key).join('\n'));
    const actions = await page.evaluate(([uri, d]) => globalThis.harden.codeActions(uri, d), [DOCKERFILE, lists]);
    const fix = actions.find((action) => action.title === 'Remove /var/lib/apt/lists/* in the same RUN');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(texts['app/Dockerfile'], editsFor(fix, DOCKERFILE));
    assert.match(fixed, /rm -rf \/var\/lib\/apt\/lists\/\*/);
    await page.evaluate(([uri, text]) => globalThis.harden.change(uri, 2, text), [DOCKERFILE, fixed]);
    const after = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 2), DOCKERFILE);
    assert.ok(!after.some((d) => d.code === 'docker/package-cache' && /package lists/.test(d.message)), after.map(key).join('\n'));
    assert.ok(after.some((d) => d.code === 'docker/user-root'));
  });

  it('a fix that creates a file: `Create .dockerignore` beside the Dockerfile, with the document’s scheme', async () => {
    const diagnostics = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 2), DOCKERFILE);
    const missing = diagnostics.find((d) => d.code === 'docker/dockerignore');
    assert.ok(missing, diagnostics.map(key).join('\n'));
    const actions = await page.evaluate(([uri, d]) => globalThis.harden.codeActions(uri, d), [DOCKERFILE, missing]);
    const create = actions.find((action) => action.title === 'Create .dockerignore');
    assert.ok(create, actions.map((a) => a.title).join(' | '));
    const ignore = `${FOLDER}/app/.dockerignore`;
    assert.deepEqual(
      create.edit.documentChanges.filter((change) => change.kind === 'create'),
      [{ kind: 'create', uri: ignore, options: { ignoreIfExists: true } }],
    );
    assert.match(editsFor(create, ignore)[0].newText, /\.git/);
  });

  it('harden.workspaceDiagnostics: the findings of a file that is not open (the CLI’s), cleared when it goes off', async () => {
    const pod = `${FOLDER}/k8s/pod.yaml`;
    const on = await page.evaluate(() => globalThis.harden.setSettings({ workspaceDiagnostics: true }));
    const diagnostics = await page.evaluate(([uri, t]) => globalThis.harden.diagnosticsSince(uri, t), [pod, on]);
    assert.ok(
      diagnostics.some((d) => d.code === 'k8s/host-namespaces'),
      diagnostics.map(key).join('\n'),
    );
    assert.deepEqual(
      diagnostics.map(key).sort(),
      desktop['k8s/pod.yaml']
        .filter((f) => f.ruleId !== 'harden-schema')
        .map((f) => key({ ...f, code: f.ruleId }))
        .sort(),
    );
    const off = await page.evaluate(() => globalThis.harden.setSettings({}));
    assert.deepEqual(await page.evaluate(([uri, t]) => globalThis.harden.diagnosticsSince(uri, t), [pod, off]), []);
  });

  it('a changed workspace file is read again through the client: .harden.yaml turning k8s/seccomp-profile off', async () => {
    const before = await page.evaluate((uri) => globalThis.harden.diagnostics(uri, 2), MANIFEST);
    assert.ok(before.some((d) => d.code === 'k8s/seccomp-profile'));
    const config = `${texts['.harden.yaml']}  k8s/seccomp-profile: off\n`;
    const since = await page.evaluate(([uri, text]) => globalThis.harden.fileChanged(uri, text), [`${FOLDER}/.harden.yaml`, config]);
    const after = await page.evaluate(([uri, t]) => globalThis.harden.diagnosticsSince(uri, t), [MANIFEST, since]);
    assert.ok(!after.some((d) => d.code === 'k8s/seccomp-profile'), after.map(key).join('\n'));
    assert.ok(after.some((d) => d.code === 'k8s/run-as-non-root'));
  });

  it('no uncaught error in the page or the worker, no failure in the server log', async () => {
    assert.deepEqual(pageErrors, []);
    const logs = await page.evaluate(() => globalThis.harden.logs());
    assert.deepEqual(
      logs.filter((line) => /failed|uncaught|unhandled/i.test(line)),
      [],
    );
  });
});
