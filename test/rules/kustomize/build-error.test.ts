// kustomize/build-error: one clear diagnostic on the kustomization line, never a crash.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintKustomizations } from '../../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { memoryFileSystem } from '../../kustomize/helpers';

const DEPLOYMENT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
`;

function problems(files: Record<string, string>, top: string) {
  const result = lintKustomizations([top], DEFAULT_SETTINGS, memoryFileSystem(files), { roots: ['/w'] });
  return [...result.byFile.entries()].flatMap(([file, list]) =>
    list.filter((f) => f.ruleId === 'kustomize/build-error').map((f) => ({ file, line: f.range.start.line, message: f.message, severity: f.severity })),
  );
}

describe('kustomize/build-error', () => {
  it('reports a missing resource on its line', () => {
    const found = problems({ '/w/k/kustomization.yaml': 'resources:\n- cm.yaml\n- missing.yaml\n', '/w/k/cm.yaml': DEPLOYMENT }, '/w/k/kustomization.yaml');
    assert.deepEqual(
      found.map((f) => [f.line, f.severity]),
      [[2, 'error']],
    );
    assert.match(found[0].message, /"missing\.yaml" not found/);
  });

  it('a missing resource that Git ignores is made before the build: an info (negations and the repository .gitignore read as Git does)', () => {
    const generated = {
      '/w/.git/HEAD': 'ref: refs/heads/main\n',
      '/w/.gitignore': '/**/charts/\n*.log\n',
      '/w/app/kustomization.yaml': 'resources:\n- cm.yaml\n- ./all.yaml\n- out/rendered.yaml\n- kept.yaml\n',
      '/w/app/.gitignore': '# helm template . > all.yaml\nall.yaml\nout/\n*.yaml\n!kept.yaml\n',
      '/w/app/cm.yaml': DEPLOYMENT,
    };
    const found = problems(generated, '/w/app/kustomization.yaml');
    assert.deepEqual(
      found.map((f) => [f.line, f.severity, f.message]),
      [
        [2, 'info', 'resource "./all.yaml" is not here, and .gitignore ignores it: a file made before the build? The rest is built without it.'],
        [3, 'info', 'resource "out/rendered.yaml" is not here, and .gitignore ignores it: a file made before the build? The rest is built without it.'],
        [4, 'error', 'resource "kept.yaml" not found (no such file, nor a folder with a kustomization.yaml, kustomization.yml or Kustomization)'],
      ],
    );
    // The repository's own .gitignore counts too (a pattern for folders at any depth).
    const charts = problems(
      { '/w/.git/HEAD': 'x', '/w/.gitignore': '/**/charts/\n', '/w/app/kustomization.yaml': 'resources:\n- charts/web/all.yaml\n' },
      '/w/app/kustomization.yaml',
    );
    assert.deepEqual(
      charts.map((f) => f.severity),
      ['info'],
    );
    // A .gitignore above the repository is not the repository's: the missing file is a mistake.
    const above = problems(
      { '/.gitignore': '*.yaml\n', '/w/.git/HEAD': 'x', '/w/app/kustomization.yaml': 'resources:\n- gone.yaml\n' },
      '/w/app/kustomization.yaml',
    );
    assert.deepEqual(
      above.map((f) => f.severity),
      ['error'],
    );
  });

  it('reports a cycle once', () => {
    const found = problems({ '/w/a/kustomization.yaml': 'resources:\n- ../b\n', '/w/b/kustomization.yaml': 'resources:\n- ../a\n' }, '/w/a/kustomization.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /cycle/);
  });

  it('reports a path outside the workspace', () => {
    const found = problems({ '/w/k/kustomization.yaml': 'resources:\n- ../../elsewhere\n' }, '/w/k/kustomization.yaml');
    assert.match(found[0].message, /outside the workspace/);
  });

  it('reports a duplicate resource', () => {
    const found = problems(
      { '/w/k/kustomization.yaml': 'resources:\n- cm.yaml\n- again.yaml\n', '/w/k/cm.yaml': DEPLOYMENT, '/w/k/again.yaml': DEPLOYMENT },
      '/w/k/kustomization.yaml',
    );
    assert.equal(found.length, 1);
    assert.match(found[0].message, /duplicate resource: ConfigMap settings/);
    assert.equal(found[0].line, 2);
  });

  it('reports an invalid kustomization', () => {
    const found = problems({ '/w/k/kustomization.yaml': 'resources: [a.yaml\n' }, '/w/k/kustomization.yaml');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /invalid kustomization/);
  });

  it('gives one info finding for helmCharts and builds the rest', () => {
    const found = problems(
      { '/w/k/kustomization.yaml': 'resources:\n- cm.yaml\nhelmCharts:\n- name: x\n', '/w/k/cm.yaml': DEPLOYMENT },
      '/w/k/kustomization.yaml',
    );
    assert.deepEqual(
      found.map((f) => [f.line, f.severity]),
      [[2, 'info']],
    );
    assert.match(found[0].message, /Helm charts are not inflated/);
  });
});
