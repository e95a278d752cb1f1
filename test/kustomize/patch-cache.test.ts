// Parsed patches are kept by their text (an edit of a base rebuilds every overlay, whose patches are unchanged),
// at most MAX_PATCHES of them, and a patch whose text changed is parsed again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization, cachedPatch, cachedPatchCount, MAX_PATCHES, toJS } from '../../server/src/engine/testing';
import { PROD_PATCH, repo } from './fixtures';

const PROD = '/w/overlays/prod/kustomization.yaml';
const PATCH = '/w/overlays/prod/patch.yaml';

const memoryOf = (files: Record<string, string>) => {
  const build = buildKustomization({ exists: (p) => p in files, readFile: (p) => files[p] }, PROD, { roots: ['/w'] });
  const deployment = toJS(build.resources[0].root) as { spec: { template: { spec: { containers: Array<{ resources: { limits: { memory: string } } }> } } } };
  return deployment.spec.template.spec.containers[0].resources.limits.memory;
};

describe('kustomize patch cache', () => {
  it(`keeps at most ${MAX_PATCHES} patches, dropping the oldest`, () => {
    let parses = 0;
    const parse = () => ++parses;
    for (let i = 0; i <= MAX_PATCHES + 10; i++) cachedPatch(`bound-test-${i}`, parse);
    assert.ok(cachedPatchCount() <= MAX_PATCHES, `${cachedPatchCount()} kept`);
    const before = parses;
    cachedPatch(`bound-test-${MAX_PATCHES + 10}`, parse);
    assert.equal(parses, before, 'the newest is kept');
    cachedPatch('bound-test-0', parse);
    assert.equal(parses, before + 1, 'the oldest was dropped');
  });

  it('a changed patch file is applied as changed, the same one again as before', () => {
    const files = repo();
    assert.equal(memoryOf(files), '256Mi');
    files[PATCH] = PROD_PATCH.replace('256Mi', '512Mi');
    assert.equal(memoryOf(files), '512Mi');
    files[PATCH] = PROD_PATCH;
    assert.equal(memoryOf(files), '256Mi');
  });
});
