// Which chart a file belongs to (findChartRoot): the nearest Chart.yaml in its folder or above, and a subchart
// vendored under charts/ belongs to its parent. It is asked for every linted file, so it must not probe the file
// itself as a folder (on disk, a failed stat per file: ~140 ms of a 5,000-file CLI run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findChartRoot } from '../../server/src/engine/testing';

const FILES = new Set([
  '/w/app/Chart.yaml',
  '/w/app/templates/deploy.yaml',
  '/w/app/charts/db/Chart.yaml',
  '/w/app/charts/db/templates/sts.yaml',
  '/w/lib/charts/cache/Chart.yaml',
  '/w/lib/charts/cache/templates/cm.yaml',
  '/w/plain/pod.yaml',
]);

function lookup(file: string): { root: string | undefined; asked: string[] } {
  const asked: string[] = [];
  const fs = { exists: (path: string) => (asked.push(path), FILES.has(path)), readFile: () => undefined };
  return { root: findChartRoot(fs, file), asked };
}

describe('findChartRoot', () => {
  it('finds the chart of a template, of the chart file itself, and none for a plain manifest', () => {
    assert.equal(lookup('/w/app/templates/deploy.yaml').root, '/w/app');
    assert.equal(lookup('/w/app/Chart.yaml').root, '/w/app');
    assert.equal(lookup('/w/plain/pod.yaml').root, undefined);
  });

  it('a subchart vendored under charts/ renders with its parent; without a parent chart it is a chart of its own', () => {
    assert.equal(lookup('/w/app/charts/db/templates/sts.yaml').root, '/w/app');
    assert.equal(lookup('/w/lib/charts/cache/templates/cm.yaml').root, '/w/lib/charts/cache');
  });

  it('never asks for a Chart.yaml inside the file itself', () => {
    for (const file of ['/w/app/templates/deploy.yaml', '/w/plain/pod.yaml', '/w/app/charts/db/templates/sts.yaml']) {
      const { asked } = lookup(file);
      assert.ok(asked.length > 0);
      assert.ok(!asked.includes(`${file}/Chart.yaml`), `${file}: ${asked.join(', ')}`);
    }
  });
});
