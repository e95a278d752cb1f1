// In-process tests of the pieces behind `harden lint --jobs N` (end-to-end: cli-workers.test.ts): an index
// built by several threads from their shards gives the findings one thread gives, results are released in
// file order, outcomes survive structured cloning, and a worker that crashes or dies fails the run with
// exit code 2 instead of hanging. The failing workers are small scripts given as the worker script (the
// same seam the CLI uses to pass its bundle), one of them the real bundle with a fatal listener added.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FixKind } from '../../server/src/engine';
import { threadCount } from '../../server/src/hosts/cli/lintCommand';
import { LintSession, mergeIndex } from '../../server/src/hosts/cli/lintSession';
import { OrderedResults } from '../../server/src/hosts/cli/orderedResults';
import { chunkSize } from '../../server/src/hosts/cli/workerPool';
import { ensureCliBundle } from './helpers/cliBundle';
import { hardenInProcess } from './helpers/run';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist/cli.js');

const tempDirs: string[] = [];
function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-workers-unit-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

before(ensureCliBundle);

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

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
      securityContext:
        runAsUser: 2000
      containers:
        - name: web
          image: registry.example.com/shop/web:1.0.0
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
`;

const DOCKERFILE = 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nCOPY . .\nUSER 10001\n';

describe('LintSession: an index merged from shards', () => {
  it('gives every file the findings of one thread that indexed everything, with --fix too', () => {
    for (const fix of [false, true]) {
      const trees = [0, 1].map(() => tempDir({ 'a/deploy.yaml': DEPLOYMENT, 'b/pdb.yaml': PDB, 'web/Dockerfile': DOCKERFILE }));
      const filesOf = (dir: string) => ['a/deploy.yaml', 'b/pdb.yaml', 'web/Dockerfile'].map((name) => ({ path: path.join(dir, name), display: name }));
      // Suggestions too: the .dockerignore a fix creates is a suggestion.
      const setup = { overrides: { rules: {} }, fix, fixFilter: { kinds: ['safe', 'suggestion'] as FixKind[] } };

      const single = new LintSession(setup);
      const all = filesOf(trees[0]);
      single.index(all);
      single.loadIndex(mergeIndex([single.exportIndex()], all));
      const expected = all.map((file) => single.lint(file));

      // Two "workers": the Deployment and the Dockerfile in one, the PDB in the other.
      const files = filesOf(trees[1]);
      const [one, two] = [new LintSession(setup), new LintSession(setup)];
      one.index([files[0], files[2]]);
      two.index([files[1]]);
      // Sent between threads as structured clones.
      const merged = structuredClone(mergeIndex([one.exportIndex(), two.exportIndex()], files));
      assert.deepEqual(
        merged.map((entry) => path.relative(trees[1], entry.path)),
        ['a/deploy.yaml', 'b/pdb.yaml', 'web/Dockerfile'],
      );
      one.loadIndex(merged);
      two.loadIndex(structuredClone(merged));
      const actual = [one.lint(files[0]), two.lint(files[1]), one.lint(files[2])].map((outcome) => structuredClone(outcome));

      const normalize = (outcomes: unknown[], dir: string) => JSON.parse(JSON.stringify(outcomes).split(dir).join('<dir>')) as unknown;
      assert.deepEqual(normalize(actual, trees[1]), normalize(expected, trees[0]), `fix: ${fix}`);
      const ids = (outcome: (typeof expected)[number]) => (outcome.kind === 'linted' ? outcome.findings.map((f) => f.ruleId) : []);
      if (!fix) {
        assert.ok(ids(expected[0]).includes('k8s/run-as-user-mismatch'), 'the manifest sees the Dockerfile');
        assert.ok(!ids(expected[0]).includes('k8s/pdb-missing'), 'the Deployment sees its PDB');
        assert.ok(ids(expected[1]).includes('k8s/pdb-blocks-eviction'), 'the PDB sees the replicas');
      } else {
        // The .dockerignore is only planned while files are linted; the run creates it afterwards.
        const docker = expected[2];
        assert.equal(docker.kind === 'linted' && docker.fix?.pending?.files.length, 1);
        assert.equal(fs.existsSync(path.join(trees[0], 'web/.dockerignore')), false);
      }
    }
  });
});

describe('OrderedResults', () => {
  it('releases results in id order as soon as every earlier one is in, holding back what must wait', () => {
    const released: string[] = [];
    const ordered = new OrderedResults<string>(
      5,
      (value) => released.push(value),
      (value) => value.startsWith('held'),
    );
    ordered.put(2, 'c');
    assert.deepEqual(released, []);
    ordered.put(0, 'a');
    assert.deepEqual(released, ['a']);
    ordered.put(1, 'b');
    assert.deepEqual(released, ['a', 'b', 'c']);
    ordered.put(4, 'e');
    ordered.put(3, 'held d');
    assert.deepEqual(released, ['a', 'b', 'c']);
    ordered.finish();
    assert.deepEqual(released, ['a', 'b', 'c', 'held d', 'e']);
  });

  it('says which result never arrived', () => {
    const ordered = new OrderedResults<string>(2, () => undefined);
    ordered.put(1, 'b');
    assert.throws(() => ordered.finish(), /file 0 of 2 never arrived/);
  });
});

describe('how many threads', () => {
  it('--jobs N: N, but one per 50 files at most (so one under 100 files)', () => {
    assert.equal(threadCount(1, 5000), 1);
    assert.equal(threadCount(8, 99), 1);
    assert.equal(threadCount(2, 100), 2);
    assert.equal(threadCount(8, 160), 3);
    assert.equal(threadCount(4, 5000), 4);
  });

  it('without --jobs: one per CPU, but one per 2,000 files at most', () => {
    assert.equal(threadCount(undefined, 1999), 1);
    assert.equal(threadCount(undefined, 4000), Math.min(2, os.availableParallelism()));
    assert.ok(chunkSize(5000, 2) >= 8 && chunkSize(5000, 2) <= 64);
  });
});

describe('harden lint with workers that fail', () => {
  /** 120 small manifests: enough for workers. */
  const manyFiles = () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++)
      files[`k8s/pod-${i}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27.0\n`;
    return tempDir(files);
  };

  async function lintWith(workerScript: string | undefined, cwd: string, ...args: string[]) {
    const argv = ['lint', '--jobs', '2', '--format', 'json', '--output', path.join(cwd, 'report.json'), ...args, 'k8s'];
    const { status, stdout, stderr } = await hardenInProcess(cwd, argv, { workerScript });
    return { status, stdout, stderr, report: fs.readFileSync(path.join(cwd, 'report.json'), 'utf8') };
  }

  it('with the real bundle as the worker script, the report is the one-thread report', async () => {
    const dir = manyFiles();
    const inThread = await lintWith(undefined, dir);
    const withWorkers = await lintWith(BUNDLE, dir);
    assert.equal(inThread.status, 0, inThread.stderr);
    assert.ok(JSON.parse(inThread.report).results.length === 120);
    assert.deepEqual(withWorkers, inThread);
  });

  it('a worker that throws: exit 2, the error on stderr, no report', async () => {
    const dir = manyFiles();
    const script = path.join(dir, 'throws.js');
    fs.writeFileSync(script, "throw new Error('boom from a worker');\n");
    const run = await lintWith(script, dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^harden: a lint worker failed: Error: boom from a worker/);
    assert.equal(run.report, '');
  });

  it('a worker that exits in the middle of linting: exit 2, not a hang', async () => {
    const dir = manyFiles();
    const script = path.join(dir, 'dies.js');
    // The real worker, plus a listener that ends the thread when linting starts (listeners run in order).
    fs.writeFileSync(
      script,
      `require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'lint') process.exit(3); });\nrequire(${JSON.stringify(BUNDLE)});\n`,
    );
    const run = await lintWith(script, dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^harden: a lint worker stopped before the run was done \(exit code 3\)/);
  });
});
