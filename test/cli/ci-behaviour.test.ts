// What CI jobs and pipes need from `harden lint`: stdin, a failing exit for paths that hold nothing to
// lint, a quiet mode that prints errors only, ESLint's `warn`, FORCE_COLOR/NO_COLOR, and the rule docs
// offline (`harden rules --docs`).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureCliBundle, REPO } from './helpers/cliBundle';
import { harden as spawnHarden, hardenInProcess as harden, removeTempDirs, tempDir } from './helpers/run';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36.1
      securityContext:
        privileged: true
`;

interface JsonReport {
  results: Array<{ file: string; findings: Array<{ ruleId: string; severity: string; range: { start: { line: number } } }> }>;
}

before(ensureCliBundle);
after(removeTempDirs);

describe('harden lint -: stdin', () => {
  it('lints piped text as the --stdin-filename file, with that name in the report and its language', async () => {
    const dir = tempDir();
    const run = spawnHarden(dir, ['lint', '-', '--stdin-filename', 'k8s/debug.yaml', '--format', 'json'], { input: PRIVILEGED_POD });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.results.length, 1);
    assert.equal(report.results[0].file, 'k8s/debug.yaml');
    assert.ok(report.results[0].findings.some((f) => f.ruleId === 'k8s/privileged' && f.severity === 'error'));

    const dockerfile = await harden(dir, ['lint', '-', '--stdin-filename', 'Dockerfile', '--format', 'json'], { input: 'FROM ubuntu\n' });
    const ids = (JSON.parse(dockerfile.stdout) as JsonReport).results[0].findings.map((f) => f.ruleId);
    assert.ok(ids.includes('docker/image-tag') && ids.includes('docker/user-missing'), ids.join());
  });

  it('without --stdin-filename, stdin is Kubernetes YAML named <stdin> (helm template | harden lint -)', async () => {
    const run = await harden(tempDir(), ['lint', '-'], { input: PRIVILEGED_POD });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^<stdin>:10:\d+ +error +.*k8s\/privileged$/m);
  });

  it('applies the .harden.yaml that the --stdin-filename path would get, and stands in for that file on disk', async () => {
    const dir = tempDir({ '.harden.yaml': 'rules:\n  k8s/privileged: off\n', 'k8s/debug.yaml': 'not: [valid\n' });
    const run = await harden(dir, ['lint', 'k8s', '-', '--stdin-filename', 'k8s/debug.yaml', '--format', 'json'], { input: PRIVILEGED_POD });
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.results.map((r) => r.file),
      ['k8s/debug.yaml'],
      'the file is linted once, from stdin',
    );
    const ids = report.results[0].findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('k8s/privileged') && !ids.includes('harden/parse-error'), ids.join());
  });

  it('refuses --fix on stdin, --stdin-filename without -, and a --stdin-filename of an unsupported type', async () => {
    const dir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['lint', '-', '--fix'], /--fix cannot write back to stdin/],
      [['lint', '.', '--stdin-filename', 'a.yaml'], /--stdin-filename only applies when the text comes from stdin/],
      [['lint', '-', '--stdin-filename', 'notes.txt'], /notes\.txt: unsupported file type/],
    ];
    for (const [args, message] of cases) {
      const run = await harden(dir, args, { input: PRIVILEGED_POD });
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });
});

describe('harden lint: nothing to lint', () => {
  it('exits 2 with a clear message for an empty folder or a folder of other files; --allow-empty exits 0', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{}, /No Kubernetes YAML or Dockerfile found in '\.'.*--allow-empty/],
      [{ 'README.md': '# hi\n', 'src/app.js': '' }, /No Kubernetes YAML or Dockerfile found in '\.'/],
    ];
    for (const [files, message] of cases) {
      const dir = tempDir(files);
      const run = await harden(dir, ['lint']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
      const allowed = await harden(dir, ['lint', '--allow-empty']);
      assert.equal(allowed.status, 0, allowed.stderr);
    }
  });

  it('a misspelt directory still exits 2 and names it', async () => {
    const run = await harden(tempDir(), ['lint', 'manifestz/', '--allow-empty']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /No such file or directory: manifestz\//);
  });
});

describe('harden lint: -q, --rule x=warn, colors', () => {
  it('-q prints the error lines and nothing else; a run without errors prints nothing', async () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD, 'clean-but-warned.yaml': PRIVILEGED_POD.replace('privileged: true', 'privileged: false') });
    const run = await harden(dir, ['lint', '-q']);
    assert.equal(run.status, 1);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    assert.ok(lines.length > 0);
    for (const line of lines) assert.match(line, /^pod\.yaml:\d+:\d+ +error +/);
    assert.equal(run.stderr, '');

    const quiet = await harden(dir, ['lint', '-q', 'clean-but-warned.yaml']);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '', 'warnings exist, but -q says nothing');
    assert.equal(quiet.stderr, '');
  });

  it('--rule <id>=warn is accepted as warning', async () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    const run = await harden(dir, ['lint', '--rule', 'k8s/privileged=warn', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const finding = (JSON.parse(run.stdout) as JsonReport).results[0].findings.find((f) => f.ruleId === 'k8s/privileged');
    assert.equal(finding?.severity, 'warning');
  });

  it('colors: off in a pipe, on with FORCE_COLOR (even with NO_COLOR), off with FORCE_COLOR=0 or --no-color', async () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    const ESC = '\u001b[';
    assert.ok(!(await harden(dir, ['lint'], { env: { NO_COLOR: undefined } })).stdout.includes(ESC));
    assert.ok((await harden(dir, ['lint'], { env: { FORCE_COLOR: '1' } })).stdout.includes(`${ESC}31m`));
    assert.ok((await harden(dir, ['lint'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout.includes(ESC));
    assert.ok(!(await harden(dir, ['lint'], { env: { FORCE_COLOR: '0' } })).stdout.includes(ESC));
    assert.ok(!(await harden(dir, ['lint', '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout.includes(ESC));
  });
});

describe('harden rules --docs', () => {
  it('prints the shipped page of a rule, byte for byte', async () => {
    const run = await harden(tempDir(), ['rules', '--docs', 'k8s/privileged']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(REPO, 'docs', 'rules', 'k8s', 'privileged.md'), 'utf8'));
  });

  it('an unknown id exits 2 and suggests the right one', async () => {
    const run = await harden(tempDir(), ['rules', '--docs', 'privileged']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Did you mean 'k8s\/privileged'/);
  });
});
