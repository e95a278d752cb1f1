// The first look at a large file (Linter.previewLint): what it shows is final — the full lint reports each of
// those findings too — and complete for the rules that read one document, in the documents it covers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, Linter, type Finding } from '../../server/src/engine';

const crossRuleIds = new Set(allRules.filter((rule) => (rule as { crossDocument?: boolean }).crossDocument).map((rule) => rule.meta.id));
const key = (f: Finding) =>
  `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`;

function deployment(name: string, annotations = '', comment = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:${comment}
  name: ${name}${annotations}
spec:
  replicas: 3
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
`;
}

// Cross-document findings silenced in the first documents (by annotation and by comment), one suppression that
// silences nothing, a broken document, then many plain ones.
const docs = [
  deployment('annotated', `\n  annotations:\n    harden.dev/ignore: "k8s/pdb-missing"`),
  deployment('commented', '', '\n  # harden-disable-next-line k8s/pdb-missing'),
  deployment('stale', '', '\n  # harden-disable-next-line k8s/host-network'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\ndata: {}\n',
  ...Array.from({ length: 60 }, (_, i) => deployment(`web-${i}`)),
];
const TEXT = docs.join('---\n');
const PATH = '/work/apps/all.yaml';
const LINES = 200;

describe('previewLint', () => {
  const full = new Linter().lint({ path: PATH, text: TEXT }).findings;
  const preview = new Linter().previewLint({ path: PATH, text: TEXT }, LINES)!;
  // The line where the first document starting at or after LINES begins: the preview stops before it.
  const starts = docs.reduce<number[]>((acc, doc, i) => [...acc, i === 0 ? 0 : acc[i - 1] + docs[i - 1].split('\n').length], []);
  const end = starts.find((line) => line >= LINES)!;

  it('reports nothing the full lint does not (so nothing it shows is withdrawn)', () => {
    assert.ok(preview.length > 10, `a first look has findings (${preview.length})`);
    const all = new Set(full.map(key));
    for (const finding of preview) assert.ok(all.has(key(finding)), `also in the full lint: ${key(finding)}`);
  });

  it('covers the documents that start before the line asked, with every finding of the one-document rules', () => {
    const expected = full.filter((f) => f.range.start.line < end && !crossRuleIds.has(f.ruleId) && f.ruleId !== 'harden/unused-suppression');
    assert.deepEqual(preview.map(key), expected.map(key));
    assert.ok(
      preview.some((f) => f.ruleId === 'harden/parse-error'),
      'the broken document is reported',
    );
    assert.ok(
      full.some((f) => f.range.start.line >= end),
      'the full lint reports further down',
    );
  });

  it('leaves out what depends on other documents: cross-document findings and unused suppressions', () => {
    assert.ok(
      full.some((f) => crossRuleIds.has(f.ruleId) && f.range.start.line < end),
      'the full lint has cross-document findings up top',
    );
    assert.ok(
      full.some((f) => f.ruleId === 'harden/unused-suppression'),
      'the full lint reports the stale suppression',
    );
    assert.ok(!preview.some((f) => crossRuleIds.has(f.ruleId) || f.ruleId === 'harden/unused-suppression'));
    assert.ok(!full.some((f) => f.ruleId === 'k8s/pdb-missing' && f.range.start.line < starts[2]), 'both suppressions of pdb-missing hold');
  });

  it('the full lint after a first look gives the same findings as one without', () => {
    const linter = new Linter();
    linter.previewLint({ path: PATH, text: TEXT }, LINES);
    assert.deepEqual(linter.lint({ path: PATH, text: TEXT }).findings.map(key), full.map(key));
  });

  it('gives no first look at other languages or at a Helm chart’s files', () => {
    assert.equal(new Linter().previewLint({ path: '/work/Dockerfile', text: 'FROM alpine\n' }, LINES), undefined);
    const chart: Record<string, string> = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/templates/all.yaml': TEXT };
    const fs = { exists: (p: string) => p in chart, readFile: (p: string) => chart[p], listDirectory: () => [] };
    assert.equal(new Linter({}, fs).previewLint({ path: '/c/templates/all.yaml', text: TEXT }, LINES), undefined);
  });
});
