// The Node server collects garbage when the editor is quiet (server/src/hosts/node/idleCollector.ts): after a
// publish, once nothing else happened for QUIET_MS, and right after the startup scan; only if the heap grew enough
// since the last collection.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import v8 from 'node:v8';
import { fullCollection, IdleCollector } from '../../server/src/hosts/node/idleCollector';

const MB = 1024 * 1024;

describe('IdleCollector', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  function collector(heap: { used: number }) {
    const collections: number[] = [];
    const idle = new IdleCollector({
      collect: () => {
        collections.push(heap.used);
        heap.used = 40 * MB; // what survives
      },
      heapUsed: () => heap.used,
      quietMs: 1000,
      growthBytes: 16 * MB,
    });
    return { idle, collections };
  }

  it('collects once the server has been quiet for a moment, not while publishes keep coming', () => {
    const heap = { used: 100 * MB };
    const { idle, collections } = collector(heap);
    for (let i = 0; i < 5; i++) {
      idle.published();
      mock.timers.tick(600);
    }
    assert.deepEqual(collections, [], 'a publish every 600 ms: never quiet');
    mock.timers.tick(400);
    assert.deepEqual(collections, [100 * MB]);
    mock.timers.tick(10_000);
    assert.equal(collections.length, 1, 'one collection per quiet moment');
  });

  it('does not collect again until the heap has grown by the threshold since the last collection', () => {
    const heap = { used: 100 * MB };
    const { idle, collections } = collector(heap);
    idle.published();
    mock.timers.tick(1000);
    heap.used = 55 * MB; // +15 MB since the collection left 40
    idle.published();
    mock.timers.tick(1000);
    assert.equal(collections.length, 1);
    heap.used = 57 * MB;
    idle.published();
    mock.timers.tick(1000);
    assert.deepEqual(collections, [100 * MB, 57 * MB]);
  });

  it('after the startup scan, collects at once if the heap grew enough', () => {
    const heap = { used: 100 * MB };
    const { idle, collections } = collector(heap);
    idle.scanned();
    assert.deepEqual(collections, [100 * MB]);
    heap.used = 50 * MB;
    idle.scanned();
    assert.equal(collections.length, 1, 'grown by 10 MB only');
  });

  it('dispose cancels a pending collection', () => {
    const { idle, collections } = collector({ used: 100 * MB });
    idle.published();
    idle.dispose();
    mock.timers.tick(5000);
    assert.deepEqual(collections, []);
  });
});

describe('fullCollection', () => {
  it('is V8 full collection, whatever flags the process started with', () => {
    const collect = fullCollection();
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 5000 }, (_, i) => i));
    const before = v8.getHeapStatistics().used_heap_size;
    assert.ok(garbage.length > 0);
    garbage = undefined;
    collect();
    const after = v8.getHeapStatistics().used_heap_size;
    assert.ok(before - after > 4 * MB, `freed ${((before - after) / MB).toFixed(1)} MB`);
  });
});
