// The npm package as users get it: `npm pack` of the staged package (scripts/pack-npm.ts), installed into
// an empty folder from the tarball alone (--offline: it has no dependencies, nothing is fetched), then both
// commands run from there: `npx harden-lint lint` on the examples, and the language server through an LSP
// initialize + diagnostics round trip over stdio.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { NPM_PACKAGE_NAME } from '../../scripts/pack-npm';
import { npmTarball } from './helpers/tarball';

const REPO = path.resolve(__dirname, '..', '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('npm package harden-lint', () => {
  let project: string;
  let tarball: string;

  before(async () => {
    tarball = npmTarball();
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-npm-'));
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  it('ships the bins, bundles, schema and rule docs, with no runtime dependency', () => {
    const installed = path.join(project, 'node_modules', NPM_PACKAGE_NAME);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.version, VERSION);
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(Object.keys(manifest.bin as object).sort(), ['harden', 'harden-language-server', 'harden-lint']);
    for (const file of [
      'dist/cli.js',
      'dist/server.js',
      'dist/mvdan-sh.js',
      'dist/yaml-language-service.js',
      'schemas/kubernetes-1.32.json',
      'dist/THIRD-PARTY-NOTICES.txt',
      'docs/rules/k8s/privileged.md',
      'README.md',
      'LICENSE',
    ]) {
      assert.ok(fs.existsSync(path.join(installed, file)), file);
    }
    const listed = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    assert.ok(!listed.some((file) => /\.map$|\/src\/|\/test\//.test(file)), 'no sources, tests or source maps');
    assert.deepEqual(
      fs.readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.')),
      [NPM_PACKAGE_NAME],
    );
  });

  it('npx harden-lint lint lints the examples (Kubernetes schema included) and --version is the package version', () => {
    const examples = path.join(project, 'examples');
    fs.cpSync(path.join(REPO, 'examples'), examples, { recursive: true });
    const env = { ...process.env, NO_COLOR: '1', npm_config_offline: 'true' };
    const run = spawnSync('npx', ['--no-install', NPM_PACKAGE_NAME, 'lint', 'examples', '--format', 'json'], { cwd: project, encoding: 'utf8', env });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
    const files = report.results.map((r) => r.file);
    assert.ok(files.includes(path.join('examples', 'k8s', 'unhardened-deployment.yaml')), files.join());
    assert.ok(
      files.some((file) => file.endsWith('Dockerfile')),
      files.join(),
    );
    assert.ok(
      report.results.some((r) => r.findings.some((f) => f.ruleId.startsWith('docker/'))),
      'the shell parser bundle loads',
    );

    const bin = path.join(project, 'node_modules', '.bin', 'harden');
    assert.equal(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(), VERSION);
    const schema = spawnSync(bin, ['lint', '-', '--format', 'json'], {
      encoding: 'utf8',
      input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  bogus: 1\n',
    });
    assert.match(schema.stdout, /"ruleId":"harden-schema","severity":"warning","message":"Property bogus is not allowed\."/);
    const docs = spawnSync(bin, ['rules', '--docs', 'k8s/privileged'], { encoding: 'utf8' });
    assert.equal(docs.stdout, fs.readFileSync(path.join(REPO, 'docs/rules/k8s/privileged.md'), 'utf8'));
  });

  it('harden-language-server answers initialize and publishes diagnostics with links to the installed docs', async () => {
    const server = spawn(path.join(project, 'node_modules', '.bin', 'harden-language-server'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    try {
      const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
      connection.listen();
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(project).href,
        capabilities: {},
        workspaceFolders: null,
      });
      assert.ok(result.capabilities.textDocumentSync, 'text document sync advertised');
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = pathToFileURL(path.join(project, 'pod.yaml')).href;
      const text =
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const { diagnostics } = await published;
      const privileged = diagnostics.find((d) => d.code === 'k8s/privileged');
      assert.ok(privileged, diagnostics.map((d) => d.code).join());
      const page = path.join(fs.realpathSync(project), 'node_modules', NPM_PACKAGE_NAME, 'docs', 'rules', 'k8s', 'privileged.md');
      assert.equal(privileged.codeDescription?.href, pathToFileURL(page).href);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
