// One service call reads each file once (issue 16: twenty overlays of a base read it 1,700 times an edit), and
// the next call sees what changed in between (an editor buffer).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, KustomizeService } from '../../server/src/engine';
import { CallSnapshot } from '../../server/src/engine/testing';
import { HARDENED_DEPLOYMENT, repo } from './fixtures';

const OVERLAYS = ['/w/overlays/prod/kustomization.yaml', '/w/overlays/dev/kustomization.yaml'];
const BASE = '/w/base/deployment.yaml';
const ROFS = 'k8s/read-only-root-filesystem';

function countingService(files: Record<string, string>) {
  const reads = new Map<string, number>();
  const fs = {
    exists: (p: string) => p in files,
    readFile: (p: string) => (reads.set(p, (reads.get(p) ?? 0) + 1), files[p]),
  };
  const service = new KustomizeService(fs, () => ({ roots: ['/w'] }));
  service.setKustomizations(['/w/base/kustomization.yaml', ...OVERLAYS]);
  return { service, reads };
}

describe('kustomize call snapshot', () => {
  it('reads each file once per call, and the next call sees a changed buffer', () => {
    const files = repo({});
    const { service, reads } = countingService(files);
    const findings = () => service.findingsFor(BASE, () => DEFAULT_SETTINGS) ?? [];
    assert.ok(!findings().some((f) => f.ruleId === ROFS), 'hardened base: no finding');
    assert.ok(reads.size > 3, 'the overlays, their patches and the base were read');
    for (const [file, count] of reads) assert.equal(count, 1, `${file} read once`);

    reads.clear();
    files[BASE] = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
    assert.ok(
      findings().some((f) => f.ruleId === ROFS),
      'the edit is seen by the next call',
    );
    for (const [file, count] of reads) assert.equal(count, 1, `${file} read once`);
    assert.equal(reads.get(BASE), 1);
  });

  it('after its call, a snapshot reads through (what a call keeps, like lazy fixes, sees the files as they are then)', () => {
    const files: Record<string, string> = { '/a': 'one' };
    let kept: CallSnapshot | undefined;
    const text = CallSnapshot.within({ exists: (p) => p in files, readFile: (p) => files[p] }, (snapshot) => {
      kept = snapshot;
      const first = snapshot.readFile('/a');
      files['/a'] = 'two';
      return [first, snapshot.readFile('/a')];
    });
    assert.deepEqual(text, ['one', 'one'], 'one text within the call');
    assert.equal(kept!.readFile('/a'), 'two', 'read through after it');
  });
});
