// The file system of a CLI run caches what it read (every file of a chart loads the chart, which lists its folders),
// and forgets a file, and its folder's listing, once a fix wrote it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-nodefs-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('NodeFileSystem', () => {
  it('a run lists a folder once; a written file is listed and read anew after invalidate', () => {
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    const run = new NodeFileSystem({ cacheReads: true });
    assert.deepEqual(run.listDirectory(dir)?.sort(), ['a.yaml', 'templates/']);
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'b: 1\n');
    assert.deepEqual(run.listDirectory(dir)?.sort(), ['a.yaml', 'templates/'], 'cached for the run');
    run.invalidate(path.join(dir, 'b.yaml'));
    assert.deepEqual(run.listDirectory(dir)?.sort(), ['a.yaml', 'b.yaml', 'templates/']);
    assert.equal(run.readFile(path.join(dir, 'b.yaml')), 'b: 1\n');
    // Without cacheReads (the language server), every call asks the disk.
    const live = new NodeFileSystem();
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'c: 1\n');
    assert.ok(live.listDirectory(dir)?.includes('c.yaml'));
    assert.equal(run.listDirectory(path.join(dir, 'missing')), undefined);
  });
});
