// Hostile workspaces, with real files and real processes (the bundled CLI): symlinks leading out of the
// linted paths (a real link to a directory outside a temporary workspace, and one to `/`), symlink loops,
// files above --max-file-size, and unreadable or non-file paths named on the command line. In every case one
// bad file must never lose the report of the others.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO, ensureCliBundle } from './helpers/cliBundle';
import { WEB_DEPLOYMENT, WEB_PDB } from '../harness/manifests';

const BIN = path.resolve(__dirname, '../../bin/harden.js');
const PDB_MISSING = 'k8s/pdb-missing';
/** A hung read (a named pipe) must fail the test, not the suite. */
const TIMEOUT_MS = 60_000;

const DEPLOYMENT = WEB_DEPLOYMENT;
const PDB = WEB_PDB;

const dirs: string[] = [];
before(ensureCliBundle);
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-hostile-')));
  fs.chmodSync(dir, 0o755); // readable by the unprivileged user of `asUnprivileged`
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  results: Map<string, string[]>;
}

function harden(cwd: string, args: string[], options: SpawnSyncOptions = {}, bin = BIN): Run {
  const run = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  assert.equal(run.signal, null, `killed by ${run.signal} (a blocking read?): ${run.stderr}`);
  const stdout = String(run.stdout);
  const report = stdout.trim() ? (JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> }) : { results: [] };
  const results = new Map(report.results.map((result) => [result.file, result.findings.map((finding) => finding.ruleId)]));
  return { status: run.status, stdout, stderr: String(run.stderr), results };
}

/**
 * Root reads a mode-000 file anyway: run the CLI as `nobody` then, as CI runners do. `nobody` may not be able to
 * enter the checkout (CI clones into a private `mktemp -d`), so it runs a copy of the bundle and the schemas in a
 * world-readable temporary folder.
 */
function asUnprivileged(): { bin: string; options: SpawnSyncOptions } {
  if (process.getuid?.() !== 0) return { bin: BIN, options: {} };
  const copy = tempDir({});
  for (const part of ['bin/harden.js', 'dist/cli.js', 'dist/mvdan-sh.js', 'schemas']) {
    fs.cpSync(path.join(REPO, part), path.join(copy, part), { recursive: true });
  }
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  return { bin: path.join(copy, 'bin', 'harden.js'), options: { uid: 65534, gid: 65534 } };
}

describe('harden lint: symlinks', () => {
  it('does not follow a symlink to a directory outside the linted path, and says so once', () => {
    const outside = tempDir({ 'pdb.yaml': PDB, 'deep/other.yaml': PDB });
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT });
    fs.symlinkSync(outside, path.join(workspace, 'shared'));
    fs.symlinkSync(path.join(outside, 'pdb.yaml'), path.join(workspace, 'pdb-link.yaml'));
    const run = harden(workspace, ['.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.results.keys()], ['deploy.yaml']);
    // The PodDisruptionBudget outside the workspace does not count for the workspace's Deployment.
    assert.ok(run.results.get('deploy.yaml')?.includes(PDB_MISSING), run.stdout);
    const notices = run.stderr.split('\n').filter((line) => line.includes('outside the linted paths'));
    assert.equal(notices.length, 1, run.stderr);
    assert.match(notices[0], /not following 2 symlinks/);
    assert.ok(notices[0].includes(`shared -> ${outside}`), notices[0]);
  });

  it('a symlink to / is not walked', () => {
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT, 'pdb.yaml': PDB });
    fs.symlinkSync('/', path.join(workspace, 'root'));
    const run = harden(workspace, ['.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.results.keys()].sort(), ['deploy.yaml', 'pdb.yaml']);
    assert.ok(!run.results.get('deploy.yaml')?.includes(PDB_MISSING));
    assert.match(run.stderr, /not following a symlink that leads outside the linted paths \(root -> \/\)/);
  });

  it('a symlink named on the command line is linted, and links between named paths are followed once', () => {
    const outside = tempDir({ 'pdb.yaml': PDB });
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT });
    fs.symlinkSync(outside, path.join(workspace, 'shared'));
    const named = harden(workspace, ['.', 'shared']);
    assert.equal(named.status, 0, named.stderr);
    assert.deepEqual([...named.results.keys()].sort(), ['deploy.yaml', path.join('shared', 'pdb.yaml')]);
    assert.ok(!named.results.get('deploy.yaml')?.includes(PDB_MISSING));
  });

  it('globs do not follow symlinks', () => {
    const outside = tempDir({ 'pdb.yaml': PDB });
    const workspace = tempDir({ 'k8s/deploy.yaml': DEPLOYMENT });
    fs.symlinkSync(outside, path.join(workspace, 'k8s', 'shared'));
    fs.symlinkSync('/', path.join(workspace, 'k8s', 'root'));
    fs.symlinkSync(path.join(outside, 'pdb.yaml'), path.join(workspace, 'k8s', 'pdb.yaml'));
    const run = harden(workspace, ['k8s/**/*.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.results.keys()], [path.join('k8s', 'deploy.yaml')]);
    assert.ok(run.results.get(path.join('k8s', 'deploy.yaml'))?.includes(PDB_MISSING));
  });

  it('symlink loops (a link to its own folder, two links to each other) are walked once', () => {
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT, 'app/pdb.yaml': PDB });
    fs.symlinkSync('..', path.join(workspace, 'app', 'up'));
    fs.symlinkSync('.', path.join(workspace, 'self'));
    fs.symlinkSync('b.yaml', path.join(workspace, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(workspace, 'b.yaml'));
    const run = harden(workspace, ['.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.results.keys()].sort(), [path.join('app', 'pdb.yaml'), 'deploy.yaml']);
  });
});

describe('harden lint: --max-file-size', () => {
  it('skips a file above the default limit (4 MB) with a clear message; the other files are reported', () => {
    const big = Array.from({ length: 80_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n---\n`).join('');
    assert.ok(big.length > 4 * 1024 * 1024);
    const workspace = tempDir({ 'big.yaml': big, 'deploy.yaml': DEPLOYMENT });
    const run = harden(workspace, ['.']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.results.keys()], ['deploy.yaml']);
    assert.ok(run.results.get('deploy.yaml')?.includes(PDB_MISSING));
    assert.match(run.stderr, /big\.yaml: \d+(\.\d)? MB, above the limit of 4 MB \(--max-file-size\); skipped/);
  });

  it('--max-file-size takes KB, MB or 0 (no limit); a bad value is a usage error', () => {
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT, 'pdb.yaml': PDB });
    const small = harden(workspace, ['--max-file-size', '0.2KB', '.']);
    assert.equal(small.status, 0, small.stderr);
    assert.deepEqual([...small.results.keys()], ['pdb.yaml']);
    assert.match(small.stderr, /deploy\.yaml: 1 KB, above the limit of 1 KB/);
    const unlimited = harden(workspace, ['--max-file-size', '0', '.']);
    assert.deepEqual([...unlimited.results.keys()].sort(), ['deploy.yaml', 'pdb.yaml']);
    const bad = harden(workspace, ['--max-file-size', 'huge', '.']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-file-size must be a size such as 4MB/);
  });
});

describe('harden lint: unreadable and non-file paths exit 2', () => {
  it('a mode-000 file named on the command line: exit 2, the other file still reported', () => {
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT, 'secret.yaml': PDB });
    fs.chmodSync(path.join(workspace, 'secret.yaml'), 0o000);
    const unprivileged = asUnprivileged();
    const run = harden(workspace, ['secret.yaml', 'deploy.yaml'], unprivileged.options, unprivileged.bin);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /secret\.yaml: cannot read \(permission denied\); skipped/);
    assert.deepEqual([...run.results.keys()], ['deploy.yaml']);
  });

  it('a mode-000 file found in a directory: exit 2 too', () => {
    const workspace = tempDir({ 'k8s/deploy.yaml': DEPLOYMENT, 'k8s/secret.yaml': PDB });
    fs.chmodSync(path.join(workspace, 'k8s', 'secret.yaml'), 0o000);
    const unprivileged = asUnprivileged();
    const run = harden(workspace, ['k8s'], unprivileged.options, unprivileged.bin);
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual([...run.results.keys()], [path.join('k8s', 'deploy.yaml')]);
  });

  it('a named pipe named on the command line: exit 2 without waiting on it', () => {
    const workspace = tempDir({ 'deploy.yaml': DEPLOYMENT });
    execFileSync('mkfifo', [path.join(workspace, 'pipe.yaml')]);
    const run = harden(workspace, ['pipe.yaml', 'deploy.yaml']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /pipe\.yaml: not a regular file or directory \(a named pipe\); cannot lint it/);
    assert.deepEqual([...run.results.keys()], ['deploy.yaml']);
    // Found by a walk or a glob, a pipe is not a file to lint: never opened.
    const walked = harden(workspace, ['.']);
    assert.equal(walked.status, 0, walked.stderr);
    const globbed = harden(workspace, ['*.yaml']);
    assert.deepEqual([...globbed.results.keys()], ['deploy.yaml']);
  });

  it('a directory named Dockerfile: exit 2', () => {
    const workspace = tempDir({ 'Dockerfile/README': 'not a Dockerfile', 'deploy.yaml': DEPLOYMENT });
    const run = harden(workspace, ['Dockerfile', 'deploy.yaml']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Dockerfile: is a directory, not a Dockerfile, and holds no Kubernetes YAML or Dockerfile/);
    assert.deepEqual([...run.results.keys()], ['deploy.yaml']);
  });
});
