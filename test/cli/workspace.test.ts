// Tests of the CLI with `.harden.yaml` files, --config, ignore globs, cross-file rules over the
// files given (indexed before any is linted, so order does not matter) and the suppressed count in every
// format. Runs the CLI in this process (test/cli/helpers/run.ts) in temporary directories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { hardenInProcess } from './helpers/run';

const READINESS = 'k8s/liveness-probe';
const PDB_MISSING = 'k8s/pdb-missing';
const INVALID_CONFIG = 'harden/invalid-config';

/** Three replicas, no readiness probe, no PDB in its own file. */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
`;

const PDB = (app: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: ${app}
`;

const SUPPRESSED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    # harden-disable-next-line k8s/run-as-non-root -- tested
    - name: a
      image: registry.example.com/a:1.0.0
`;

interface Finding {
  ruleId: string;
}
interface Report {
  version: number;
  results: Array<{ file: string; findings: Finding[] }>;
  suppressed: number;
}

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-ws-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function harden(cwd: string, ...args: string[]) {
  return hardenInProcess(cwd, args);
}

async function lintJson(cwd: string, ...args: string[]): Promise<Report> {
  const run = await harden(cwd, 'lint', '--format', 'json', ...args);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

function idsOf(report: Report, file: string): string[] {
  const result = report.results.find((r) => r.file === file);
  assert.ok(result, `${file} not in ${report.results.map((r) => r.file).join(', ')}`);
  return result.findings.map((f) => f.ruleId);
}

describe('harden lint: .harden.yaml', () => {
  it('a config turning k8s/liveness-probe off silences it; --rule wins over the config', async () => {
    const dir = tempDir({ '.harden.yaml': `rules:\n  ${READINESS}: off\n`, 'k8s/deploy.yaml': DEPLOYMENT });
    assert.ok(!idsOf(await lintJson(dir, 'k8s'), path.join('k8s', 'deploy.yaml')).includes(READINESS));
    // Found from the file's folder upwards, also when harden runs elsewhere.
    assert.ok(!idsOf(await lintJson(path.join(dir, 'k8s'), 'deploy.yaml'), 'deploy.yaml').includes(READINESS));
    const flagged = await lintJson(dir, '--rule', `${READINESS}=error`, 'k8s');
    assert.ok(idsOf(flagged, path.join('k8s', 'deploy.yaml')).includes(READINESS));
    // Without the config file the rule reports again.
    const bare = tempDir({ 'deploy.yaml': DEPLOYMENT });
    assert.ok(idsOf(await lintJson(bare, 'deploy.yaml'), 'deploy.yaml').includes(READINESS));
  });

  it('--config applies one config file to every file, instead of the nearest one', async () => {
    const dir = tempDir({
      'ci/strict.yaml': `rules:\n  ${READINESS}: off\n`,
      'app/.harden.yaml': `rules:\n  ${READINESS}: error\n`,
      'app/deploy.yaml': DEPLOYMENT,
    });
    assert.ok(idsOf(await lintJson(dir, 'app/deploy.yaml'), 'app/deploy.yaml').includes(READINESS));
    assert.ok(!idsOf(await lintJson(dir, '--config', 'ci/strict.yaml', 'app/deploy.yaml'), 'app/deploy.yaml').includes(READINESS));
    const missing = await harden(dir, 'lint', '--config', 'nope.yaml', 'app');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--config: no such file: nope\.yaml/);
  });

  it('an invalid config gives one harden/invalid-config on the config file; other files are linted with defaults', async () => {
    const dir = tempDir({ '.harden.yaml': `rules:\n  ${READINESS}: off\n  k8s/no-such-rule: warning\n`, 'deploy.yaml': DEPLOYMENT });
    const run = await harden(dir, 'lint', '--format', 'json', '.');
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(idsOf(report, '.harden.yaml'), [INVALID_CONFIG]);
    assert.ok(idsOf(report, 'deploy.yaml').includes(READINESS), 'defaults apply: the rule the invalid file turns off reports');
    assert.match(run.stderr, /\.harden\.yaml: invalid configuration, linting with defaults: Unknown rule "k8s\/no-such-rule"/);
    assert.equal(run.status, 1, 'invalid-config is an error');
  });

  it('ignore globs (relative to the config file) skip files, and the summary counts them', async () => {
    const dir = tempDir({
      'repo/.harden.yaml': 'ignore:\n  - generated/\n  - "*.skip.yaml"\n',
      'repo/deploy.yaml': DEPLOYMENT,
      'repo/generated/out.yaml': DEPLOYMENT,
      'repo/sub/old.skip.yaml': DEPLOYMENT,
      'generated/outside.yaml': DEPLOYMENT,
    });
    const report = await lintJson(dir, 'repo', 'generated');
    const files = report.results.map((r) => r.file.split(path.sep).join('/')).sort();
    assert.deepEqual(files, ['generated/outside.yaml', 'repo/.harden.yaml', 'repo/deploy.yaml']);
    const text = await harden(dir, 'lint', 'repo');
    assert.match(text.stdout, /in 1 file; \d+ fixable with --fix \(2 files ignored\)\n$/);
  });
});

describe('harden lint: cross-file rules over the files given', () => {
  it('a Deployment and its PDB in two files: no k8s/pdb-missing, in either order; it appears when the PDB does not select it', async () => {
    const dir = tempDir({ 'a.yaml': DEPLOYMENT, 'b.yaml': PDB('web'), 'other/b.yaml': PDB('api') });
    for (const order of [
      ['a.yaml', 'b.yaml'],
      ['b.yaml', 'a.yaml'],
    ]) {
      assert.ok(!idsOf(await lintJson(dir, ...order), 'a.yaml').includes(PDB_MISSING), order.join(' '));
    }
    assert.ok(idsOf(await lintJson(dir, 'a.yaml'), 'a.yaml').includes(PDB_MISSING), 'alone');
    assert.ok(idsOf(await lintJson(dir, 'a.yaml', 'other/b.yaml'), 'a.yaml').includes(PDB_MISSING), 'selector does not match');
  });
});

describe('harden lint: suppressed findings', () => {
  it('are counted in the text summary, the JSON report and the SARIF run', async () => {
    const dir = tempDir({ 'pod.yaml': SUPPRESSED_POD });
    const text = await harden(dir, 'lint', 'pod.yaml');
    assert.match(text.stdout, /\(1 suppressed\)\n$/);
    const report = await lintJson(dir, 'pod.yaml');
    assert.equal(report.suppressed, 1);
    assert.ok(!idsOf(report, 'pod.yaml').includes('k8s/run-as-non-root'));
    const sarif = JSON.parse((await harden(dir, 'lint', '--format', 'sarif', 'pod.yaml')).stdout) as {
      runs: Array<{ properties: { suppressedCount: number } }>;
    };
    assert.equal(sarif.runs[0].properties.suppressedCount, 1);
    assert.equal((await lintJson(tempDir({ 'deploy.yaml': DEPLOYMENT }), 'deploy.yaml')).suppressed, 0);
  });
});
