// .helmignore: the files `helm template` leaves out are neither rendered as templates nor seen by .Files; the
// syntax is .gitignore's (one parser for both), read the way Helm's ignore package reads it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadChart } from '../../server/src/engine/testing';
import { chartFileSystem } from './memoryChart';

const CHART = {
  '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  '/c/values.yaml': 'replicas: 1\n',
  '/c/templates/deploy.yaml': 'kind: Deployment\n',
  '/c/templates/deploy.yaml.bak': 'kind: Deployment\n',
  '/c/templates/tests/test-connection.yaml': 'kind: Pod\n',
  '/c/templates/NOTES.txt': 'Hello\n',
  '/c/files/app.conf': 'a=1\n',
  '/c/files/secret.key': 'k\n',
  '/c/files/keep.key': 'k\n',
  '/c/docs/README.md': '# web\n',
};

function loaded(helmignore: string) {
  const chart = loadChart(chartFileSystem({ ...CHART, '/c/.helmignore': helmignore }), '/c');
  assert.ok(chart);
  return { templates: [...chart.templates.keys()].sort(), files: [...chart.files.keys()].sort() };
}

describe('.helmignore', () => {
  it('leaves out names at any depth, anchored paths, folders, and re-includes with !', () => {
    const { templates, files } = loaded('# editor backups\n*.bak\ntemplates/tests/\ndocs/\n*.key\n!keep.key\n');
    assert.deepEqual(templates, ['templates/NOTES.txt', 'templates/deploy.yaml']);
    assert.deepEqual(files, ['.helmignore', 'files/app.conf', 'files/keep.key']);
  });

  it('without a .helmignore every file is read', () => {
    const chart = loadChart(chartFileSystem(CHART), '/c');
    assert.equal(chart?.templates.size, 4);
    assert.equal(chart?.files.size, 4);
  });
});
