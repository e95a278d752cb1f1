// The GitHub Action and the pre-commit hook, run as GitHub and pre-commit run them, with the npm package
// packed from this repository (scripts/pack-npm.ts) standing in for the published one: the action's entry
// with the INPUT_* / GITHUB_* environment on a fixture repository, and the hook's entry on staged files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { npmTarball } from './helpers/tarball';

const REPO = path.resolve(__dirname, '..', '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

const PRIVILEGED =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36.1\n      securityContext:\n        privileged: true\n';
const WARNED_ONLY = PRIVILEGED.replace('privileged: true', 'privileged: false');

let tarball: string;
const temps: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-integration-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

before(async () => {
  tarball = npmTarball();
});
after(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('GitHub Action (action.yml, action/main.js)', () => {
  const manifest = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  };

  /** Runs the entry as the runner does: node <main>, inputs as INPUT_*, the workspace, an output file. */
  function runAction(workspace: string, inputs: Record<string, string>) {
    const runnerTemp = tempDir({});
    const outputFile = path.join(runnerTemp, 'github-output');
    fs.writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
      GITHUB_ACTIONS: 'true',
      NO_COLOR: '1',
      npm_config_offline: 'true',
    };
    for (const name of Object.keys(manifest.inputs)) delete env[`INPUT_${name.toUpperCase()}`];
    for (const [name, value] of Object.entries({ version: tarball, ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
    const run = spawnSync(process.execPath, [path.join(REPO, manifest.runs.main)], { cwd: os.tmpdir(), env, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      fs
        .readFileSync(outputFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    return { ...run, outputs };
  }

  it('is a node20 action with the documented inputs and outputs', () => {
    assert.equal(manifest.runs.using, 'node20');
    assert.deepEqual(Object.keys(manifest.inputs).sort(), ['annotations', 'config', 'fail-on', 'format', 'paths', 'sarif-file', 'version']);
    assert.deepEqual(Object.keys(manifest.outputs).sort(), ['errors', 'files', 'infos', 'sarif-file', 'warnings']);
  });

  it('annotates findings, sets outputs, writes SARIF and fails on an error', () => {
    const workspace = tempDir({ 'k8s/debug.yaml': PRIVILEGED, 'k8s/ok.yaml': WARNED_ONLY, 'docs/notes.md': '# not linted\n' });
    const run = runAction(workspace, { paths: 'k8s', 'sarif-file': 'results/harden.sarif' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /^::error file=k8s\/debug\.yaml,line=10,endLine=10,col=\d+,endColumn=\d+,title=k8s\/privileged::The container "shell" is privileged/m,
    );
    assert.match(run.stdout, /^::warning file=k8s\/ok\.yaml,line=\d+,.*title=k8s\/run-as-non-root::/m);
    assert.match(run.stdout, /^::notice file=k8s\/debug\.yaml,.*title=k8s\/default-service-account::/m);
    assert.match(run.stdout, /^::error title=Harden::1 errors, \d+ warnings, \d+ info; fail-on is error$/m);
    assert.match(run.stdout, /^k8s\/debug\.yaml:10:\d+ +error +/m, 'the text report is in the log');
    assert.equal(run.outputs.errors, '1');
    assert.ok(Number(run.outputs.warnings) > 0);
    assert.equal(run.outputs.files, '2');
    assert.equal(run.outputs['sarif-file'], 'results/harden.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'results/harden.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    assert.equal(sarif.runs[0].results.length, Number(run.outputs.errors) + Number(run.outputs.warnings) + Number(run.outputs.infos));
  });

  it('passes with warnings under fail-on: error, fails under fail-on: warning; annotations can be turned off', () => {
    const workspace = tempDir({ 'ok.yaml': WARNED_ONLY });
    assert.equal(runAction(workspace, { 'fail-on': 'error' }).status, 0);
    const strict = runAction(workspace, { 'fail-on': 'warning', annotations: 'false', format: 'json' });
    assert.equal(strict.status, 1);
    assert.doesNotMatch(strict.stdout, /^::warning /m);
    assert.match(strict.stdout, /^\{"version":1,"results":\[/m, 'the log gets the chosen format');
  });

  it("paths that hold nothing to lint fail the step with exit 2 and the CLI's message", () => {
    const run = runAction(tempDir({ 'README.md': '# hi\n' }), { paths: '.' });
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^::error title=Harden::harden: No Kubernetes YAML or Dockerfile found in '\.'/m);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const [hook] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
    id: string;
    language: string;
    entry: string;
    files: string;
    additional_dependencies: string[];
  }>;

  /** What pre-commit does for a node hook: install the dependencies, then run the entry with the staged files that match. */
  function runHook(files: Record<string, string>, stage: string[]) {
    const repo = tempDir(files);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['add', ...stage], { cwd: repo });
    const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
    const matching = staged.filter((file) => new RegExp(hook.files).test(file));
    const env = tempDir({ 'package.json': '{"private":true}\n' });
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: env, stdio: 'pipe' });
    const [command, ...args] = hook.entry.split(' ');
    const run = spawnSync(path.join(env, 'node_modules', '.bin', command), [...args, ...matching], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { ...run, matching };
  }

  it('is a node hook whose dependency is this version of harden-lint', () => {
    assert.equal(hook.id, 'harden');
    assert.equal(hook.language, 'node');
    assert.deepEqual(hook.additional_dependencies, [`harden-lint@${VERSION}`]);
  });

  it('lints the staged Kubernetes YAML and Dockerfiles only, and fails on an error', () => {
    const run = runHook(
      { 'k8s/debug.yaml': PRIVILEGED, 'k8s/unstaged.yaml': PRIVILEGED, 'app/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n', 'README.md': '# hi\n' },
      ['k8s/debug.yaml', 'app/Dockerfile', 'README.md'],
    );
    assert.deepEqual(run.matching.sort(), ['app/Dockerfile', 'k8s/debug.yaml']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^k8s\/debug\.yaml:10:\d+ +error .*k8s\/privileged$/m);
    assert.doesNotMatch(run.stdout, /unstaged/);
  });

  it('passes when the staged files have warnings only, and when no staged file is lintable', () => {
    assert.equal(runHook({ 'ok.yaml': WARNED_ONLY }, ['ok.yaml']).status, 0);
    const none = runHook({ 'README.md': '# hi\n' }, ['README.md']);
    assert.deepEqual(none.matching, []);
  });
});
