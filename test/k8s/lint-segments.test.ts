// YamlLinter.lintSegments (the kustomize lint's built objects, document by document) finds what lint finds in
// the documents' concatenation, in the same lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { WorkspaceIndex, YamlLinter } from '../../server/src/engine/testing';

const fs = { exists: () => false, readFile: () => undefined };
const DOCUMENTS = [
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx\n',
  '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n',
  '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox:latest\n',
];

describe('YamlLinter.lintSegments', () => {
  it('gives the findings of lint on the joined text, at the same lines', () => {
    const joined = new YamlLinter().lint('/w/a.yaml', DOCUMENTS.join(''), DEFAULT_SETTINGS, fs, new WorkspaceIndex());
    const segments = new YamlLinter().lintSegments(
      '/w/a.yaml',
      DOCUMENTS.map((text) => ({ text })),
      DEFAULT_SETTINGS,
      fs,
      new WorkspaceIndex(),
    );
    assert.ok(
      joined.findings.some((f) => f.range.start.line > 20),
      'findings in the last document',
    );
    const view = (fs: typeof joined.findings) => fs.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character} ${f.message}`);
    assert.deepEqual(view(segments.findings), view(joined.findings));
  });
});
