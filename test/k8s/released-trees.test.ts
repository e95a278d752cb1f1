// An editor lets the engine drop most parse trees of an open manifest once its findings are out
// (Linter.releaseParses): the trees are most of what a large file keeps in memory. What is dropped must
// change nothing a later lint reports: a document whose cross-document rules must run again is parsed again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { heapUsedAfterGc, MB } from '../harness/heap';
import { teamHpa } from '../harness/manifests';

const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: team
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web-0
`;

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: team
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.${i}
        ports:
        - containerPort: 8080
`;

const documents = [teamHpa('web-0'), pdb, ...Array.from({ length: 400 }, (_, i) => deployment(i))];
/** How much YAML keeps its trees: far less than the file (~170 KB), so the first documents (the HPA, the PDB) lose theirs. */
const KEEP = 20_000;
const path = '/w/all.yaml';
const text = documents.join('---\n');
const everything = (findings: unknown) => JSON.stringify(findings);

describe('Linter.releaseParses', () => {
  it('drops the trees of the documents checked first and keeps the last ones', () => {
    const linter = new Linter();
    linter.lint({ path, text });
    const first = documents[0];
    const last = `---\n${documents[documents.length - 1]}`;
    assert.ok(linter.parsedDocument(path, first), 'parsed before the release');
    const before = heapUsedAfterGc();
    linter.releaseParses(path, KEEP);
    const freed = before - heapUsedAfterGc();
    assert.equal(linter.parsedDocument(path, first), undefined);
    assert.ok(linter.parsedDocument(path, last), 'the documents checked last keep their trees');
    assert.ok(freed > 1.5 * MB, `freed ${(freed / MB).toFixed(1)} MB`);
  });

  it('a release within the limit drops nothing; past it, one goes down to 3/4 of the limit (not once per keystroke)', () => {
    const linter = new Linter();
    linter.lint({ path, text });
    linter.releaseParses(path, KEEP);
    const segment = (i: number, docs = documents) => (i === 0 ? docs[0] : `---\n${docs[i]}`);
    const keptOf = (docs: string[]) => docs.map((_, i) => i).filter((i) => linter.parsedDocument(path, segment(i, docs)));
    const kept = keptOf(documents);
    const keptCharacters = kept.reduce((sum, i) => sum + segment(i).length, 0);
    assert.ok(kept.length > 0 && keptCharacters <= 0.75 * KEEP, `${keptCharacters} characters kept`);
    assert.ok(keptCharacters > 0.6 * KEEP, `${keptCharacters} characters kept: close to 3/4 of the limit`);
    // A keystroke in one document that was released: its new tree joins the kept ones, and none is dropped.
    assert.ok(!kept.includes(5));
    const edited = documents.map((doc, i) => (i === 5 ? doc.replace(/image: (\S+)/, 'image: $1-edited') : doc));
    linter.lint({ path, text: edited.join('---\n') });
    linter.releaseParses(path, KEEP);
    assert.deepEqual(
      keptOf(edited),
      [5, ...kept].sort((a, b) => a - b),
    );
  });

  it('after a release, edits that change what other documents read give what a fresh lint gives, fixes included', () => {
    const linter = new Linter();
    linter.lint({ path, text });
    linter.releaseParses(path, KEEP);
    assert.equal(everything(linter.lint({ path, text }).findings), everything(new Linter().lint({ path, text }).findings), 'unchanged text');
    const edits = [
      text.replace('name: web-0\n  namespace', 'name: web-zero\n  namespace'), // the HPA's target is gone
      text.replace(/app: web-0\n/g, 'app: web-nil\n'), // the PDB selects nothing
      text.replace('minAvailable: 1', 'minAvailable: 5'),
    ];
    for (const edited of edits) {
      const found = linter.lint({ path, text: edited }).findings;
      assert.equal(everything(found), everything(new Linter().lint({ path, text: edited }).findings));
      linter.releaseParses(path, KEEP);
    }
    const hpaTarget = linter.lint({ path, text: edits[0] }).findings.filter((f) => f.ruleId === 'k8s/hpa-target');
    assert.equal(hpaTarget.length, 1, 'the HPA, released, was checked again against the renamed Deployment');
  });
});
