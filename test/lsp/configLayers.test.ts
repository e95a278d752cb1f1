// Unit tests of the host code shared by the server and the CLI (server/src/hosts/node/) and of the server's
// settings layering: precedence, config caching by stamp, ignore globs, files.exclude.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FilesExclude } from '../../server/src/hosts/lsp/filesExclude';
import { readSettings, toEngineOverrides } from '../../server/src/hosts/lsp/settings';
import { ConfigResolver } from '../../server/src/hosts/node/configFiles';
import { FileLinters } from '../../server/src/hosts/node/fileLinters';
import { NodeFileSystem, withOpenDocuments } from '../../server/src/hosts/node/nodeFileSystem';
import { layerSettings, settingsKey } from '../../server/src/hosts/node/settingsLayers';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-node-unit-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('settings layers', () => {
  it('config over defaults, overrides over config; rules merge per rule; undefined is "not set"', () => {
    const config = { kubernetesVersion: '1.28', rules: { 'k8s/readiness-probe': 'off' as const, 'k8s/cpu-limit': 'warning' as const } };
    const editor = toEngineOverrides(readSettings({ rules: { 'k8s/cpu-limit': 'off' } }));
    assert.deepEqual(layerSettings(config, editor), { kubernetesVersion: '1.28', rules: { 'k8s/readiness-probe': 'off', 'k8s/cpu-limit': 'off' } });
    const pinned = toEngineOverrides(readSettings({ kubernetesVersion: '1.30' }));
    assert.equal(layerSettings(config, pinned).kubernetesVersion, '1.30');
    assert.equal(settingsKey({ rules: { b: 'off', a: 'off' } }), settingsKey({ rules: { a: 'off', b: 'off' } }));
  });
});

describe('ConfigResolver', () => {
  it('finds the nearest config up to the root, and reloads it only when its stamp changes', () => {
    const dir = tempDir({ '.harden.yaml': 'rules:\n  k8s/cpu-limit: off\n', 'a/b/c.yaml': '' });
    let reads = 0;
    const disk = new NodeFileSystem();
    const counting = { ...withOpenDocuments(disk, () => undefined), readFile: (p: string) => (reads++, disk.readFile(p)) };
    const resolver = new ConfigResolver(counting);
    const file = path.join(dir, 'a/b/c.yaml');
    assert.deepEqual(resolver.configFor(file)?.settings.rules, { 'k8s/cpu-limit': 'off' });
    resolver.configFor(file);
    assert.equal(reads, 1, 'cached while unchanged');
    assert.equal(resolver.configFor(file, path.join(dir, 'a')), undefined, 'the search stops at the root');
    fs.writeFileSync(path.join(dir, '.harden.yaml'), 'rules:\n  k8s/cpu-limit: error\n  k8s/run-as-user: off\n');
    assert.deepEqual(resolver.configFor(file)?.settings.rules, { 'k8s/cpu-limit': 'error', 'k8s/run-as-user': 'off' });
  });

  it("crds: paths are resolved against the config file's folder (ones outside it dropped); loadedConfigs lists what was loaded", () => {
    const dir = tempDir({ 'app/.harden.yaml': 'crds: [vendor/crds, ../elsewhere, /opt/crds/widget.yaml]\n', 'app/x.yaml': '' });
    const resolver = new ConfigResolver(new NodeFileSystem());
    assert.deepEqual(resolver.configFor(path.join(dir, 'app/x.yaml'))?.crds, [path.join(dir, 'app/vendor/crds')]);
    assert.deepEqual(
      resolver.loadedConfigs().map((config) => config.path),
      [path.join(dir, 'app/.harden.yaml')],
    );
    fs.rmSync(path.join(dir, 'app/.harden.yaml'));
    assert.deepEqual(resolver.loadedConfigs(), [], 'a deleted config is dropped');
  });

  it('an open document wins over the disk, and its version is its stamp', () => {
    const dir = tempDir({ '.harden.yaml': 'rules:\n  k8s/cpu-limit: off\n' });
    const configPath = path.join(dir, '.harden.yaml');
    let open: { text: string; version: number } | undefined = { text: 'kubernetesVersion: "1.29"\n', version: 1 };
    const resolver = new ConfigResolver(withOpenDocuments(new NodeFileSystem(), (p) => (p === configPath ? open : undefined)));
    assert.deepEqual(resolver.load(configPath)?.settings, { kubernetesVersion: '1.29' });
    open = { text: 'kubernetesVersion: "1.31"\n', version: 2 };
    assert.deepEqual(resolver.load(configPath)?.settings, { kubernetesVersion: '1.31' });
    open = undefined;
    assert.deepEqual(resolver.load(configPath)?.settings, { rules: { 'k8s/cpu-limit': 'off' } });
  });

  it('ignore globs are relative to the config folder; a folder or a slash-less pattern match at any depth; images become absolute', () => {
    const dir = tempDir({ '.harden.yaml': 'ignore:\n  - vendor/\n  - "*.gen.yaml"\n  - "charts/**/tests/*"\nimages:\n  web: services/web/Dockerfile\n' });
    const config = new ConfigResolver(new NodeFileSystem()).load(path.join(dir, '.harden.yaml'))!;
    for (const ignored of ['vendor/x.yaml', 'vendor/a/b.yaml', 'k8s/deep/out.gen.yaml', 'charts/web/tests/t.yaml']) {
      assert.ok(config.ignores(path.join(dir, ignored)), ignored);
    }
    for (const kept of ['k8s/vendor.yaml', 'k8s/gen.yaml', 'charts/web/templates/t.yaml', '../vendor/x.yaml']) {
      assert.ok(!config.ignores(path.join(dir, kept)), kept);
    }
    assert.equal(config.settings.images?.web, path.join(dir, 'services/web/Dockerfile'));
  });

  it('FileLinters: one Linter per distinct settings, sharing one index; an ignored file gets none, a config file always one', () => {
    const dir = tempDir({ 'a/.harden.yaml': 'rules:\n  k8s/cpu-limit: off\nignore: ["*.yaml"]\n', 'b/.harden.yaml': 'rules:\n  k8s/cpu-limit: off\n' });
    const linters = new FileLinters({ fs: new NodeFileSystem() });
    const b1 = linters.linterFor(path.join(dir, 'b/x.yaml'));
    assert.equal(linters.linterFor(path.join(dir, 'b/y/z.yaml')), b1);
    assert.notEqual(linters.linterFor(path.join(dir, 'other.yaml')), b1);
    assert.equal(linters.linterFor(path.join(dir, 'other.yaml'))?.index, b1?.index);
    assert.equal(linters.linterFor(path.join(dir, 'a/x.yaml')), undefined);
    assert.ok(linters.linterFor(path.join(dir, 'a/.harden.yaml')));
  });
});

describe('files.exclude', () => {
  it('applies enabled globs relative to each folder, to files and to everything inside an excluded folder', () => {
    const root = path.join(os.tmpdir(), 'ws');
    const exclude = new FilesExclude([[root, { '**/build': true, '**/*.tmp.yaml': true, 'off/**': false, '**/x': { when: '$(basename).ts' } }]]);
    assert.ok(exclude.excludes(path.join(root, 'build/a.yaml')));
    assert.ok(exclude.excludes(path.join(root, 'sub/build/deep/a.yaml')));
    assert.ok(exclude.excludes(path.join(root, 'sub/a.tmp.yaml')));
    assert.ok(!exclude.excludes(path.join(root, 'off/a.yaml')));
    assert.ok(!exclude.excludes(path.join(root, 'x/a.yaml')));
    assert.ok(!exclude.excludes(path.join(os.tmpdir(), 'elsewhere/build/a.yaml')));
    assert.notEqual(exclude.key, new FilesExclude([[root, {}]]).key);
  });
});
