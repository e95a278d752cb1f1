// End-to-end tests of `harden lint --jobs N` (worker threads): on a generated tree of a few hundred files
// whose cross-file findings need files that different threads index, the JSON and SARIF reports, the text
// report's order, the exit code, stderr and the files --fix writes are the same with --jobs 1 (one thread)
// and --jobs 2 (the main thread and a worker thread). Spawns bin/harden.js, built from the sources first
// as test/cli/cli.test.ts does.
// In-process tests of the pieces (the index merge, the ordering, worker failures): cli-workers-units.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureCliBundle } from './helpers/cliBundle';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin/harden.js');

// ---- the tree ------------------------------------------------------------------------------------------
// Deployments whose PodDisruptionBudget, HorizontalPodAutoscaler or Service is in another folder (far away
// in file order, so in another worker's chunks), Dockerfiles whose image a manifest elsewhere uses, plus a
// binary file, a `.harden.yaml`, and two Dockerfiles sharing a folder without a .dockerignore (--fix
// creates it once). Deterministic: the same files every time.

const deployment = (
  name: string,
  opts: { replicas?: number; image: string; runAsUser?: number; namespace?: string; privileged?: boolean },
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${opts.namespace ? `\n  namespace: ${opts.namespace}` : ''}
spec:${opts.replicas === undefined ? '' : `\n  replicas: ${opts.replicas}`}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:${opts.runAsUser === undefined ? '' : `\n      securityContext:\n        runAsUser: ${opts.runAsUser}\n        fsGroup: ${opts.runAsUser}`}
      containers:
        - name: ${name} # the app
          image: ${opts.image}${opts.privileged ? '\n          securityContext:\n            privileged: true' : ''}
          ports:
            - containerPort: 8080
`;

const pdb = (app: string, minAvailable: number) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}-pdb
spec:
  minAvailable: ${minAvailable}
  selector:
    matchLabels:
      app: ${app}
`;

const hpa = (target: string, minReplicas: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  minReplicas: ${minReplicas}
  maxReplicas: 10
`;

const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector:
    app: ${app}
  ports:
    - port: 80
      targetPort: 8080
`;

const dockerfile = (user: string) => `FROM node:20.11-alpine
RUN adduser -D -u 10001 app
WORKDIR /app
COPY . .
RUN npm ci
${user ? `USER ${user}\n` : ''}CMD ["node", "server.js"]
`;

/** Writes the tree under `root` and returns how many files it wrote. */
function writeWorkerTree(root: string): number {
  const files = new Map<string, string | Buffer>();
  for (let i = 0; i < 120; i++) {
    const name = `app-${String(i).padStart(3, '0')}`;
    const team = `team-${i % 6}`;
    const image = i % 4 === 0 ? `registry.example.com/shop/${name}:1.${i}` : `nginx:1.27.${i % 10}`;
    // Every fourth app has a Dockerfile in images/ (a folder far from the manifest in file order): USER
    // numeric, by name (non-numeric), or none; its manifest's runAsUser matches it or not.
    const runAsUser = i % 8 === 0 ? 10001 : i % 8 === 4 ? 2000 : undefined;
    files.set(`${team}/${name}/deployment.yaml`, deployment(name, { replicas: [undefined, 1, 2, 3][i % 4], image, runAsUser, privileged: i % 17 === 0 }));
    // The workload's companions live in other folders, so that the chunks of different workers hold them.
    if (i % 3 === 0) files.set(`policies/${name}-pdb.yaml`, pdb(name, i % 2 === 0 ? 1 : 3));
    if (i % 5 === 0) files.set(`scaling/${name}-hpa.yaml`, hpa(name, i % 10 === 0 ? 1 : 3));
    if (i % 2 === 0) files.set(`services/${name}.yaml`, service(name));
    if (i % 4 === 0) files.set(`images/${name}/Dockerfile`, dockerfile(i % 12 === 0 ? 'app' : i % 12 === 4 ? '10001' : ''));
  }
  // Cross-file findings with nothing to match: a PDB, an HPA and a Service that select no workload.
  files.set('policies/orphan-pdb.yaml', pdb('nobody', 1));
  files.set('scaling/orphan-hpa.yaml', hpa('nobody', 2));
  files.set('services/orphan.yaml', service('nobody'));
  // Two Dockerfiles in one folder with `COPY . .` and no .dockerignore: --fix creates it once.
  files.set('images/shared/Dockerfile', dockerfile('10001'));
  files.set('images/shared/Dockerfile.dev', dockerfile(''));
  // A folder with its own settings, a file that is not Kubernetes, and a binary file (skipped, warned).
  files.set('legacy/.harden.yaml', 'rules:\n  k8s/liveness-probe: off\n');
  files.set('legacy/old.yaml', deployment('legacy', { replicas: 2, image: 'nginx:1.25.0', namespace: 'legacy' }));
  files.set('legacy/values.yaml', 'replicaCount: 2\nimage: nginx\n');
  files.set('legacy/blob.yaml', Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02]));
  for (const [name, content] of files) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return files.size;
}

/** Every file under `dir` (relative path → content), for comparing two trees after --fix. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else out[relative] = fs.readFileSync(path.join(dir, relative), 'latin1');
    }
  };
  walk('');
  return out;
}

// ---- running the CLI -----------------------------------------------------------------------------------

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Report {
  results: Array<{ file: string; findings: Array<{ ruleId: string }> }>;
}

const tempDirs: string[] = [];

function tempTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-workers-'));
  tempDirs.push(dir);
  writeWorkerTree(dir);
  return dir;
}

function harden(cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `harden lint` with one thread and with `jobs` threads: everything the user sees must be equal. */
function bothWays(cwd: string, args: string[], jobs = '2'): Run {
  const one = harden(cwd, 'lint', '--jobs', '1', ...args);
  const two = harden(cwd, 'lint', '--jobs', jobs, ...args);
  assert.ok(one.status === 0 || one.status === 1, `--jobs 1: exit ${one.status}: ${one.stderr}`);
  assert.equal(two.status, one.status, `exit code; --jobs ${jobs} stderr: ${two.stderr}`);
  assert.equal(two.stderr, one.stderr, 'stderr');
  assert.ok(two.stdout === one.stdout, 'stdout is byte-identical');
  return one;
}

function ruleIds(report: Report, file: string): string[] {
  const result = report.results.find((r) => r.file === file);
  assert.ok(result, `${file} is in the report`);
  return result.findings.map((f) => f.ruleId);
}

before(ensureCliBundle);

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('harden lint --jobs: the same report with one thread and with workers', () => {
  it('JSON and the exit code, with the cross-file findings of files in different folders', () => {
    const dir = tempTree();
    const run = bothWays(dir, ['--format', 'json', '.']);
    assert.equal(run.status, 1, 'privileged containers are errors');
    assert.match(run.stderr, /legacy\/blob\.yaml: binary file; skipped/);
    const report = JSON.parse(run.stdout) as Report;
    assert.ok(report.results.length >= 250, `a few hundred files (${report.results.length})`);
    // A Deployment with 3 replicas and its PDB (minAvailable 3) in policies/: no pdb-missing, and the PDB blocks eviction.
    assert.ok(!ruleIds(report, 'team-3/app-003/deployment.yaml').includes('k8s/pdb-missing'));
    assert.ok(ruleIds(report, 'policies/app-003-pdb.yaml').includes('k8s/pdb-blocks-eviction'));
    // Without a PDB anywhere: pdb-missing.
    assert.ok(ruleIds(report, 'team-1/app-007/deployment.yaml').includes('k8s/pdb-missing'));
    // runAsUser 2000 against USER 10001 in images/app-004/Dockerfile.
    assert.ok(ruleIds(report, 'team-4/app-004/deployment.yaml').includes('k8s/run-as-user-mismatch'));
    // Selectors that match nothing in the whole run.
    assert.ok(ruleIds(report, 'policies/orphan-pdb.yaml').includes('k8s/pdb-selector'));
    assert.ok(ruleIds(report, 'scaling/orphan-hpa.yaml').includes('k8s/hpa-target'));
    // legacy/.harden.yaml turns k8s/liveness-probe off for its folder only.
    assert.ok(!ruleIds(report, 'legacy/old.yaml').includes('k8s/liveness-probe'));
    assert.ok(ruleIds(report, 'team-1/app-007/deployment.yaml').includes('k8s/liveness-probe'));
  });

  it('SARIF is byte-identical', () => {
    const run = bothWays(tempTree(), ['--format', 'sarif', '.']);
    assert.ok((JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0].results.length > 1000);
  });

  it('the text report lists files in the order they were found, with the same summary', () => {
    const dir = tempTree();
    const text = bothWays(dir, ['.', '--rule', 'k8s/liveness-probe=warning']);
    const json = JSON.parse(harden(dir, 'lint', '--jobs', '2', '--format', 'json', '.').stdout) as Report;
    const expected = json.results.filter((r) => r.findings.length > 0).map((r) => r.file);
    const seen: string[] = [];
    for (const line of text.stdout.split('\n')) {
      const file = /^(\S+):\d+:\d+ /.exec(line)?.[1];
      if (file && seen[seen.length - 1] !== file) seen.push(file);
    }
    assert.deepEqual(seen, expected);
    assert.match(text.stdout, /✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in \d+ files; \d+ fixable with --fix\n$/);
  });

  it('--fix (suggestions too) writes the same files, reports the same and creates a shared .dockerignore once', () => {
    const one = tempTree();
    const two = tempTree();
    const fixOne = harden(one, 'lint', '--fix', '--fix-type', 'safe,suggestion', '--jobs', '1', '--format', 'json', '.');
    const fixTwo = harden(two, 'lint', '--fix', '--fix-type', 'safe,suggestion', '--jobs', '2', '--format', 'json', '.');
    assert.ok(fixOne.status === 0 || fixOne.status === 1, fixOne.stderr);
    assert.equal(fixTwo.status, fixOne.status);
    assert.equal(fixTwo.stdout, fixOne.stdout, 'the findings that remain');
    assert.equal(fixTwo.stderr, fixOne.stderr, 'created files and skipped ones, in file order');
    const before = readTree(tempTree());
    const after1 = readTree(one);
    assert.deepEqual(readTree(two), after1, 'the fixed trees');
    const changed = Object.keys(after1).filter((file) => after1[file] !== before[file]);
    assert.ok(changed.length > 100, `--fix changed files (${changed.length})`);
    // Dockerfile and Dockerfile.dev share images/shared/: the first in file order creates its .dockerignore.
    assert.ok(after1['images/shared/.dockerignore'].includes('.git'));
    const created = fixOne.stderr.split('\n').filter((line) => line.includes('images/shared/.dockerignore'));
    assert.deepEqual(created, ['harden: images/shared/Dockerfile: created images/shared/.dockerignore']);
    assert.deepEqual(
      ruleIds(JSON.parse(fixOne.stdout) as Report, 'images/shared/Dockerfile.dev').filter((id) => id === 'docker/dockerignore'),
      [],
    );
  });
});

describe('harden lint --jobs: the option', () => {
  it('is in --help', () => {
    assert.match(harden(ROOT, '--help').stdout, /-j, --jobs <N>/);
  });

  it('rejects what is not a whole number >= 1, and `harden rules --jobs`', () => {
    for (const value of ['0', 'two', '-1', '1.5']) {
      const run = harden(ROOT, 'lint', `--jobs=${value}`, 'examples');
      assert.equal(run.status, 2, value);
      assert.match(run.stderr, /--jobs must be a whole number >= 1/, value);
    }
    const rules = harden(ROOT, 'rules', '-j', '2');
    assert.equal(rules.status, 2);
    assert.match(rules.stderr, /--jobs only applies to `harden lint`/);
  });

  it('a small run asking for many jobs lints in one thread, with the same result', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-workers-small-'));
    tempDirs.push(dir);
    fs.writeFileSync(path.join(dir, 'deploy.yaml'), deployment('web', { replicas: 3, image: 'nginx:1.27.0' }));
    fs.writeFileSync(path.join(dir, 'pdb.yaml'), pdb('web', 1));
    const run = bothWays(dir, ['--format', 'json', '.'], '8');
    assert.ok(!ruleIds(JSON.parse(run.stdout) as Report, 'deploy.yaml').includes('k8s/pdb-missing'));
  });
});
