// The suites' split over processes loses no file and runs none twice.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { STRESS_FILES, allTestFiles, shardFiles, unitTestFiles } from './harness/unitSuite';
import { TEST_WEIGHTS } from './harness/testWeights';

it('the unit shards and the stress suite hold every test file exactly once', () => {
  const unit = unitTestFiles();
  const shards = [shardFiles(unit, 0, 2), shardFiles(unit, 1, 2)];
  const all = [...shards[0], ...shards[1], ...STRESS_FILES];
  assert.deepEqual([...all].sort(), allTestFiles());
  assert.equal(new Set(all).size, all.length);
  assert.ok(shards.every((shard) => shard.length > 10));
  // The packaging tests both rebuild and pack dist/npm: never side by side.
  const packaging = unit.filter((file) => file.startsWith('package/'));
  assert.ok(packaging.length >= 2);
  assert.ok(shards.some((shard) => packaging.every((file) => shard.includes(file))));
});

it('every weighted file exists (a renamed heavy test would silently unbalance the shards)', () => {
  const files = new Set(allTestFiles());
  assert.deepEqual(
    Object.keys(TEST_WEIGHTS).filter((file) => !files.has(file)),
    [],
  );
});
