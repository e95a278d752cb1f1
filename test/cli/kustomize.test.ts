// The CLI on a kustomize repository (issue 16): `harden lint overlays/prod` lints the built result and reports
// on the base; `harden lint .` lints each top-level kustomization once and plain manifests as before; JSON and
// SARIF carry the overlays. Runs the CLI in this process (test/cli/helpers/run.ts) in a temporary directory.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HARDENED_DEPLOYMENT, PROD_PATCH, repo } from '../kustomize/fixtures';
import { hardenInProcess } from './helpers/run';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-'));
const PLAIN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {DB_PASSWORD: hunter2}\n';

/** Writes a repository of `/w/…` paths (test/kustomize/fixtures.ts) into `dir`. */
function writeRepo(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file.replace(/^\/w\//, ''));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

async function lintJson(...args: string[]): Promise<{
  results: Array<{ file: string; findings: Array<{ ruleId: string; message: string; overlays?: string[]; range: { start: { line: number } } }> }>;
}> {
  const run = await hardenInProcess(root, ['lint', '--format', 'json', ...args]);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout);
}

before(async () => {
  writeRepo(
    root,
    repo({
      '/w/base/deployment.yaml': HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', ''),
      '/w/overlays/dev/kustomization.yaml': 'resources:\n- ../../base\nimages:\n- name: registry.example.com/web\n  newTag: latest\n',
      '/w/plain.yaml': PLAIN,
    }),
  );
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('harden lint on kustomizations', () => {
  it('lint overlays/prod: the built result, reported on the base, nothing on the patch', async () => {
    const report = await lintJson('overlays/prod');
    const files = report.results.filter((r) => r.findings.length > 0).map((r) => r.file);
    assert.deepEqual(files, [path.join('base', 'deployment.yaml')]);
    const finding = report.results[0].findings.find((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.ok(finding);
    assert.deepEqual(finding.overlays, [path.join('overlays', 'prod')]);
    assert.ok(!report.results.some((r) => r.file.endsWith('patch.yaml') && r.findings.length > 0));
  });

  it('lint <path> from another folder, or . inside an overlay: bases a ../ away are read (the Git repository is the workspace)', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-elsewhere-'));
    try {
      fs.mkdirSync(path.join(root, '.git'), { recursive: true });
      const run = await hardenInProcess(elsewhere, ['lint', '--format', 'json', path.join(root, 'overlays', 'prod')]);
      const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }> };
      const all = report.results.flatMap((r) => r.findings.map((f) => `${r.file}: ${f.ruleId}: ${f.message}`));
      assert.deepEqual(
        all.filter((f) => f.includes('kustomize/build-error')),
        [],
      );
      assert.ok(
        all.some((f) => f.includes(path.join('base', 'deployment.yaml')) && f.includes('k8s/allow-privilege-escalation')),
        all.join('\n'),
      );
      // From inside the overlay too (`cd overlays/prod && harden lint .`).
      const here = await hardenInProcess(path.join(root, 'overlays', 'prod'), ['lint', '--format', 'json', '.']);
      assert.doesNotMatch(here.stdout, /kustomize\/build-error/);
      assert.match(here.stdout, /allow-privilege-escalation/);
      // Without a repository, the folder given is the workspace: its ../base is outside, and said so.
      fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
      const bare = JSON.parse((await hardenInProcess(elsewhere, ['lint', '--format', 'json', path.join(root, 'overlays', 'prod')])).stdout) as typeof report;
      assert.match(JSON.stringify(bare), /is outside the workspace: not read/);
    } finally {
      fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('lint .: each top-level kustomization once, plain manifests as before', async () => {
    const report = await lintJson('.');
    const byFile = new Map(report.results.map((r) => [r.file, r.findings]));
    const base = byFile.get(path.join('base', 'deployment.yaml')) ?? [];
    assert.equal(base.filter((f) => f.ruleId === 'k8s/allow-privilege-escalation').length, 1, 'once, though both overlays have it');
    const tag = byFile.get(path.join('overlays', 'dev', 'kustomization.yaml')) ?? [];
    assert.deepEqual(
      tag.map((f) => [f.ruleId, f.range.start.line]),
      [['k8s/image-tag', 4]],
    );
    assert.ok(
      (byFile.get('plain.yaml') ?? []).some((f) => f.ruleId === 'k8s/secret-in-configmap'),
      'plain manifests still linted',
    );
  });

  it('SARIF results carry the overlays', async () => {
    const run = await hardenInProcess(root, ['lint', '--format', 'sarif', '.']);
    const sarif = JSON.parse(run.stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'k8s/image-tag');
    assert.deepEqual(result.properties.overlays, [path.join('overlays', 'dev')]);
  });

  it('a kustomization named plain `Kustomization` is found by the walk, built and reported on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-plain-'));
    try {
      const files = repo({ '/w/overlays/dev/kustomization.yaml': '' });
      delete files['/w/overlays/dev/kustomization.yaml'];
      delete files['/w/base/kustomization.yaml'];
      files['/w/base/Kustomization'] = 'resources:\n- deployment.yaml\n';
      files['/w/overlays/dev/Kustomization'] = 'resources:\n- ../../base\nimages:\n- name: registry.example.com/web\n  newTag: latest\n';
      writeRepo(dir, files);
      for (const args of [['.'], ['overlays/dev'], ['overlays/dev/Kustomization']]) {
        const run = await hardenInProcess(dir, ['lint', '--format', 'json', ...args]);
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
        const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; range: { start: { line: number } } }> }> };
        const tag = report.results.find((r) => r.file === path.join('overlays', 'dev', 'Kustomization'))?.findings ?? [];
        assert.deepEqual(
          tag.map((f) => [f.ruleId, f.range.start.line]),
          [['k8s/image-tag', 4]],
          `${args.join(' ')}: ${run.stdout}`,
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix edits the base, lints clean through the builds, and a second --fix changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-fix-'));
    try {
      writeRepo(dir, repo({ '/w/base/deployment.yaml': HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '') }));
      const fix = () => hardenInProcess(dir, ['lint', '--fix', '--format', 'json', '.']);
      const first = await fix();
      const base = fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8');
      assert.match(base, /allowPrivilegeEscalation: false/, first.stderr);
      const report = JSON.parse(first.stdout);
      assert.ok(
        !report.results
          .flatMap((r: { findings: Array<{ ruleId: string }> }) => r.findings)
          .some((f: { ruleId: string }) => f.ruleId === 'k8s/allow-privilege-escalation'),
      );
      assert.equal(
        fs.readFileSync(path.join(dir, 'overlays', 'prod', 'patch.yaml'), 'utf8'),
        repo()['/w/overlays/prod/patch.yaml'],
        'the patch is not touched',
      );
      await fix();
      assert.equal(fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8'), base, 'idempotent');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix of an overlay that edits the base, which then has no finding left, says what it fixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-fix-report-'));
    try {
      writeRepo(dir, repo({ '/w/base/deployment.yaml': HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '') }));
      const run = await hardenInProcess(dir, ['lint', '--fix', '--rule', 'k8s/replicas=off', '--rule', 'k8s/pdb-missing=off', path.join('overlays', 'prod')]);
      assert.match(fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8'), /allowPrivilegeEscalation: false/, run.stderr);
      assert.match(run.stdout, /Fixed 1 problem in 1 file/, run.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plain --fix leaves suggestions alone; --fix-rule applies one, as for plain files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-fix-filter-'));
    try {
      const base = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
      writeRepo(dir, repo({ '/w/base/deployment.yaml': base }));
      const fix = (...args: string[]) => hardenInProcess(dir, ['lint', '--fix', ...args, '.']);
      await fix();
      assert.equal(fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8'), base, 'readOnlyRootFilesystem is a suggestion: not applied in bulk');
      const asked = await fix('--fix-rule', 'k8s/read-only-root-filesystem');
      assert.match(fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8'), /readOnlyRootFilesystem: true/, asked.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--fix puts a fix holding in one overlay only into that overlay's kustomization; the base is untouched; idempotent", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kustomize-overlay-fix-'));
    try {
      const base = HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '');
      const prodPatch = PROD_PATCH.replace('        resources:', '        securityContext: {allowPrivilegeEscalation: false}\n        resources:');
      writeRepo(dir, repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': prodPatch }));
      const fix = () => hardenInProcess(dir, ['lint', '--fix', '--format', 'json', '.']);
      const first = await fix();
      const report = JSON.parse(first.stdout);
      assert.ok(
        !report.results
          .flatMap((r: { findings: Array<{ ruleId: string }> }) => r.findings)
          .some((f: { ruleId: string }) => f.ruleId === 'k8s/allow-privilege-escalation' || f.ruleId === 'kustomize/build-error'),
        first.stdout,
      );
      assert.equal(fs.readFileSync(path.join(dir, 'base', 'deployment.yaml'), 'utf8'), base, 'the base is untouched');
      const dev = fs.readFileSync(path.join(dir, 'overlays', 'dev', 'kustomization.yaml'), 'utf8');
      assert.match(dev, /^patches:\n- patch: \|-\n[^]*allowPrivilegeEscalation: false\n/m);
      await fix();
      assert.equal(fs.readFileSync(path.join(dir, 'overlays', 'dev', 'kustomization.yaml'), 'utf8'), dev, 'idempotent');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
