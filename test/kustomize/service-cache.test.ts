// The long-lived KustomizeService's caches (issue 16's edit budget): fixes are worked out only when read, and
// what it reuses between edits never hides a change of one overlay's findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits, DEFAULT_SETTINGS, KustomizeService, type KustomizeFinding } from '../../server/src/engine';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { HARDENED_DEPLOYMENT, repo } from './fixtures';

const OVERLAYS = ['/w/overlays/prod/kustomization.yaml', '/w/overlays/dev/kustomization.yaml'];
const ALL = ['/w/base/kustomization.yaml', ...OVERLAYS];
const BASE = '/w/base/deployment.yaml';
const options = { roots: ['/w'] };
const ROFS = 'k8s/read-only-root-filesystem';
const NO_ROFS = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');

function serviceOver(files: Record<string, string>): KustomizeService {
  const service = new KustomizeService({ exists: (p) => p in files, readFile: (p) => files[p] }, () => options);
  service.setKustomizations(ALL);
  return service;
}

const findingsOf = (service: KustomizeService, file = BASE): KustomizeFinding[] => service.findingsFor(file, () => DEFAULT_SETTINGS) ?? [];

describe('kustomize service caches', () => {
  it('a quick fix is still offered (fixes are computed when asked), and it fixes the base', () => {
    const files = repo({ [BASE]: NO_ROFS });
    const service = serviceOver(files);
    const finding = findingsOf(service).find((f) => f.ruleId === ROFS);
    assert.ok(finding, 'reported');
    assert.deepEqual(
      finding.fixes.map((f) => f.title),
      ['Set readOnlyRootFilesystem: true', 'Set readOnlyRootFilesystem: true and mount a writable emptyDir at /tmp', `Suppress ${ROFS} for this line`],
    );
    const fix = finding.fixes[0];
    assert.ok(fix.edits.length > 0, 'a fix editing the base');
    files[BASE] = applyTextEdits(NO_ROFS, fix.edits);
    assert.ok(!findingsOf(service).some((f) => f.ruleId === ROFS), 'clean after the fix');
  });

  it('fixes read after a later edit are those of the text the finding was reported on', () => {
    const files = repo({ [BASE]: NO_ROFS });
    const service = serviceOver(files);
    const finding = findingsOf(service).find((f) => f.ruleId === ROFS)!;
    // The file changes (lines moved down) before the code action asks for the old finding's fixes.
    files[BASE] = `# a comment\n${NO_ROFS}`;
    const moved = findingsOf(service).find((f) => f.ruleId === ROFS)!;
    assert.equal(moved.range.start.line, finding.range.start.line + 1);
    assert.equal(applyTextEdits(NO_ROFS, finding.fixes[0].edits), applyTextEdits(files[BASE], moved.fixes[0].edits).replace('# a comment\n', ''));
  });

  it('findings serialise (JSON, structured clone, spread) with their fixes, like any other finding', () => {
    const service = serviceOver(repo({ [BASE]: NO_ROFS }));
    const finding = findingsOf(service).find((f) => f.ruleId === ROFS)!;
    const json = JSON.parse(JSON.stringify(finding)) as KustomizeFinding;
    assert.ok(json.fixes.length > 0);
    assert.deepEqual(json, structuredClone(finding));
    assert.deepEqual({ ...finding }.fixes, finding.fixes);
    assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'range', 'fixes', 'file', 'overlays']);
    finding.fixes = [];
    assert.deepEqual(finding.fixes, [], 'assignable');
  });

  it('an object built with the same keys and values is not rendered again, yet a changed value deep inside is seen', () => {
    const files = repo();
    const service = serviceOver(files);
    assert.ok(!findingsOf(service).some((f) => f.ruleId === ROFS));
    // Same shape, one value flipped: the built objects have the same keys, one scalar differs.
    files[BASE] = HARDENED_DEPLOYMENT.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    const flipped = findingsOf(service).filter((f) => f.ruleId === ROFS);
    const line = HARDENED_DEPLOYMENT.slice(0, HARDENED_DEPLOYMENT.indexOf('readOnlyRootFilesystem')).split('\n').length - 1;
    assert.deepEqual(
      flipped.map((f) => [f.range.start.line, f.overlays]),
      [[line, OVERLAYS.slice().sort()]],
    );
    // Only the positions change (a line added above): same objects, findings on the new lines.
    files[BASE] = `# moved\n${files[BASE]}`;
    assert.deepEqual(
      findingsOf(service)
        .filter((f) => f.ruleId === ROFS)
        .map((f) => f.range.start.line),
      [line + 1],
    );
    files[BASE] = HARDENED_DEPLOYMENT;
    assert.ok(!findingsOf(service).some((f) => f.ruleId === ROFS));
  });

  it("a generated ConfigMap's hash suffix follows its content from build to build (hashes are remembered)", () => {
    const nameWith = (literal: string): unknown => {
      const files: Record<string, string> = { '/w/k/kustomization.yaml': `configMapGenerator:\n- name: settings\n  literals: [${literal}]\n` };
      const build = buildKustomization({ exists: (p) => p in files, readFile: (p) => files[p] }, '/w/k/kustomization.yaml', options);
      return (toJS(build.resources[0].root) as { metadata: { name: string } }).metadata.name;
    };
    const first = nameWith('A=1');
    assert.match(String(first), /^settings-[a-z0-9]{10}$/);
    assert.notEqual(nameWith('A=2'), first);
    assert.equal(nameWith('A=1'), first);
    assert.equal(nameWith('A=2'), nameWith('A=2'));
  });

  it("an edit that changes one overlay's build changes that overlay's findings, and only those", () => {
    const files = repo();
    const service = serviceOver(files);
    assert.ok(!findingsOf(service).some((f) => f.ruleId === ROFS));
    // The dev overlay now drops readOnlyRootFilesystem with a patch: the base shows it, naming dev only.
    files['/w/overlays/dev/kustomization.yaml'] = 'resources:\n- ../../base\nnamePrefix: dev-\npatches:\n- path: patch.yaml\n';
    files['/w/overlays/dev/patch.yaml'] =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext:\n          readOnlyRootFilesystem: false\n';
    service.setKustomizations(ALL);
    const dev = findingsOf(service, '/w/overlays/dev/patch.yaml').filter((f) => f.ruleId === ROFS);
    assert.deepEqual(
      dev.map((f) => [f.file, f.overlays]),
      [['/w/overlays/dev/patch.yaml', ['/w/overlays/dev/kustomization.yaml']]],
    );
    // Each edit of the base is seen through both overlays, as a fresh service sees it.
    for (const text of [NO_ROFS, HARDENED_DEPLOYMENT.replace('name: web\nspec:', 'name: web\n  annotations: {a: b}\nspec:'), HARDENED_DEPLOYMENT]) {
      files[BASE] = text;
      const shape = (list: KustomizeFinding[]) => list.map((f) => [f.ruleId, f.range.start.line, f.message, f.overlays, f.fixes.length]);
      assert.deepEqual(shape(findingsOf(service)), shape(findingsOf(serviceOver(files))));
      assert.deepEqual(shape(findingsOf(service, '/w/overlays/dev/patch.yaml')), shape(findingsOf(serviceOver(files), '/w/overlays/dev/patch.yaml')));
    }
  });
});
