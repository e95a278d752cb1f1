// A chart folder's files that its .helmignore leaves out of the chart (opentelemetry-collector's rendered examples:
// 289 of its 290 findings, 23 files rewritten by --fix) repeat what the templates render, where that is reported and
// fixed: they are not linted. A file the chart keeps, and the same file outside any chart, still are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: nginx:1.27.3
`;

function findingsOf(path: string, helmignore: string): number {
  const files = {
    '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    '/c/values.yaml': '',
    '/c/.helmignore': helmignore,
    [path]: DEPLOYMENT,
  };
  return new Linter({}, chartFileSystem(files)).lint({ path, text: DEPLOYMENT }).findings.length;
}

describe('Helm: files a chart leaves out', () => {
  it('a rendered example under a folder .helmignore names: no findings', () => {
    assert.equal(findingsOf('/c/examples/basic/rendered/deployment.yaml', '# packaging\nexamples/\n'), 0);
  });

  it('a file .helmignore names by pattern: no findings', () => {
    assert.equal(findingsOf('/c/docs/deployment.yaml', 'docs/*.yaml\n'), 0);
  });

  it('the same file when the chart keeps it: linted as a manifest', () => {
    assert.ok(findingsOf('/c/examples/basic/rendered/deployment.yaml', '.git/\n') > 5);
  });
});
