// Inputs a kustomization names that are not here: made before the build (Git ignores them), fetched by kustomize
// over HTTP, or missing. One diagnostic on the entry's line, naming the file as the kustomization writes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization, DEFAULT_SETTINGS, lintKustomizations } from '../../server/src/engine';
import { memoryFileSystem } from './helpers';

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  a: "1"
`;

function problems(files: Record<string, string>, top = '/w/k/kustomization.yaml') {
  const result = lintKustomizations([top], DEFAULT_SETTINGS, memoryFileSystem(files), { roots: ['/w'] });
  return [...result.byFile.values()].flatMap((list) =>
    list.filter((f) => f.ruleId === 'kustomize/build-error').map((f) => [f.range.start.line, f.severity, f.message] as const),
  );
}

const GIT = { '/w/.git/HEAD': 'ref: refs/heads/main\n', '/w/.gitignore': 'params.env\nparams.yaml\nsecrets/\n' };

describe('kustomize: inputs that are not here', () => {
  it('a generator input Git ignores is made before the build: an info, the object made without it', () => {
    const found = problems({
      ...GIT,
      '/w/k/kustomization.yaml': [
        'resources: [cm.yaml]',
        'configMapGenerator:',
        '- name: settings',
        '  envs: [params.env]',
        '  files: [secrets/tls.crt]',
        'secretGenerator:',
        '- name: creds',
        '  env: params.env',
        '  files: [key=secrets/key.pem, gone.txt]',
        '',
      ].join('\n'),
      '/w/k/cm.yaml': CONFIG_MAP,
    });
    assert.deepEqual(found, [
      [3, 'info', 'env file "params.env" is not here, and ../.gitignore ignores it: a file made before the build? ConfigMap "settings" is made without it.'],
      [4, 'info', 'file "secrets/tls.crt" is not here, and ../.gitignore ignores it: a file made before the build? ConfigMap "settings" is made without it.'],
      [7, 'info', 'env file "params.env" is not here, and ../.gitignore ignores it: a file made before the build? Secret "creds" is made without it.'],
      [8, 'info', 'file "secrets/key.pem" is not here, and ../.gitignore ignores it: a file made before the build? Secret "creds" is made without it.'],
      [8, 'error', 'file "gone.txt" not found'],
    ]);
  });

  it('a missing generator input Git does not ignore is an error naming it as written (never an absolute path)', () => {
    const found = problems({
      '/w/k/kustomization.yaml': 'configMapGenerator:\n- name: settings\n  envs: [params.env]\n  files: [../outside.txt]\n',
    });
    assert.deepEqual(found, [
      [2, 'error', 'env file "params.env" not found'],
      [3, 'error', `file "../outside.txt" is outside the kustomization's folder (kustomize refuses it)`],
    ]);
  });

  it('a patch file Git ignores is made before the build: an info on its path', () => {
    const found = problems({
      ...GIT,
      '/w/k/kustomization.yaml': [
        'resources: [cm.yaml]',
        'patches:',
        '- path: params.yaml',
        'patchesStrategicMerge:',
        '- params.yaml',
        'patchesJson6902:',
        '- target: {version: v1, kind: ConfigMap, name: app}',
        '  path: params.yaml',
        '- target: {version: v1, kind: ConfigMap, name: app}',
        '  path: missing.yaml',
        '',
      ].join('\n'),
      '/w/k/cm.yaml': CONFIG_MAP,
    });
    const ignored = 'patch file "params.yaml" is not here, and ../.gitignore ignores it: a file made before the build? The rest is built without it.';
    assert.deepEqual(found, [
      [2, 'info', ignored],
      [4, 'info', ignored],
      [7, 'info', ignored],
      [9, 'error', 'patch file "missing.yaml" not found'],
    ]);
  });

  it('a patch or generator input at an http(s) address is fetched by kustomize: an info, and the build is incomplete', () => {
    const url = 'https://raw.githubusercontent.com/example/app/main/patch.yaml';
    const found = problems({
      '/w/k/kustomization.yaml': [
        'resources: [cm.yaml]',
        'patches:',
        `- path: ${url}`,
        // Its target may be what the remote patch renames: nothing is concluded from its absence.
        '- patch: |-',
        '    apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata: {name: renamed}',
        'configMapGenerator:',
        '- name: settings',
        '  envs: [https://example.com/params.env]',
        '',
      ].join('\n'),
      '/w/k/cm.yaml': CONFIG_MAP,
    });
    assert.deepEqual(found, [
      [2, 'info', `remote patch file "${url}" is not fetched; the rest is built without it.`],
      [9, 'info', 'remote env file "https://example.com/params.env" is not fetched; ConfigMap "settings" is made without it.'],
    ]);
    // A local patch with a missing target is still reported when nothing was left out.
    const local = problems({
      '/w/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: renamed}\n',
      '/w/k/cm.yaml': CONFIG_MAP,
    });
    assert.deepEqual(
      local.map(([line, severity]) => [line, severity]),
      [[2, 'error']],
    );
  });

  it('messages name files relative to the kustomization, never by absolute path', () => {
    const fs = memoryFileSystem({
      '/w/k/kustomization.yaml': 'resources:\n- cm.yaml\n- sub\n- ../empty\n- bad.yaml\n- nokind.yaml\ncomponents:\n- ../nothing\n',
      '/w/k/cm.yaml': CONFIG_MAP,
      '/w/k/sub/kustomization.yaml': 'resources: [cm.yaml]\n',
      '/w/k/sub/cm.yaml': CONFIG_MAP,
      '/w/empty/readme.md': 'x',
      '/w/k/bad.yaml': 'a: [b\n',
      '/w/k/nokind.yaml': 'metadata: {name: x}\n',
    });
    const messages = buildKustomization(fs, '/w/k/kustomization.yaml', { roots: ['/w'] }).problems.map((p) => p.message);
    assert.ok(
      messages.every((m) => !m.includes('/w/')),
      messages.join('\n'),
    );
    assert.ok(messages.includes('duplicate resource: ConfigMap app is already included (from cm.yaml)'), messages.join('\n'));
    assert.ok(
      messages.some((m) => m.startsWith('"bad.yaml" is not valid YAML')),
      messages.join('\n'),
    );
    assert.ok(messages.includes('"nokind.yaml": a resource needs apiVersion and kind'), messages.join('\n'));
    assert.ok(
      messages.some((m) => m.startsWith('"../nothing" has no kustomization file')),
      messages.join('\n'),
    );
  });
});
