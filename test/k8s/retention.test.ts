// What the engine caches must not keep old versions of an edited file alive. A document's text is a slice of
// the file's text, and V8 keeps a slice as a pointer into its parent: caching the slice, or anything parsed out
// of it, would hold every version of the file a keystroke produced (the parse cache alone keeps 16).
// Measured on the heap after a forced GC, so the test needs no timing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { heapUsedAfterGc, MB } from '../harness/heap';

const VERSIONS = 24;

/** Lints `VERSIONS` edits of a ~1 MB file (a new string each time, as an editor sends) and returns the heap growth. */
function growthOverEdits(path: string, documents: string[], separator: string, edited: number): number {
  const linter = new Linter();
  const version = (n: number) => documents.map((d, i) => (i === edited ? d.replace('EDIT', `EDIT${n}`) : d)).join(separator);
  linter.lint({ path, text: version(0) });
  const before = heapUsedAfterGc();
  for (let n = 1; n <= VERSIONS; n++) linter.lint({ path, text: version(n) });
  return heapUsedAfterGc() - before;
}

describe('edits do not keep old versions of the file alive', () => {
  it('Kubernetes YAML: 24 versions of a 1 MB file grow the heap by far less than one version each', () => {
    const doc = (i: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  annotations:\n    note: "EDIT ${'x'.repeat(1800)}"\nspec:\n  selector:\n    matchLabels: {app: web-${i}}\n  template:\n    metadata:\n      labels: {app: web-${i}}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.0.0\n`;
    const documents = Array.from({ length: 520 }, (_, i) => doc(i));
    assert.ok(documents.join('---\n').length > MB);
    const growth = growthOverEdits('/work/all.yaml', documents, '---\n', 260);
    assert.ok(growth < 6 * MB, `heap grew ${(growth / MB).toFixed(1)} MB over ${VERSIONS} versions of a 1 MB file`);
  });

  it('Dockerfile: the same for a file of 320 stages', () => {
    const stage = (i: number) =>
      `FROM registry.example.com/base:1.0 AS s${i}\nRUN echo EDIT ${'y'.repeat(3300)} && apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n`;
    const documents = Array.from({ length: 320 }, (_, i) => stage(i));
    assert.ok(documents.join('').length > MB);
    const growth = growthOverEdits('/work/Dockerfile', documents, '', 160);
    assert.ok(growth < 6 * MB, `heap grew ${(growth / MB).toFixed(1)} MB over ${VERSIONS} versions of a 1 MB file`);
  });
});

describe('indexing a file the editor has not open keeps none of its parse', () => {
  // Few stages of many instructions: the index parses all of them (a file of many stages is summarised from the
  // stages it reads, test/dockerfile/summary-stages.test.ts).
  const run = (i: number) => `RUN echo ${i} ${'z'.repeat(1500)}\n`;
  const stage = (i: number) =>
    `FROM registry.example.com/base:1.0 AS s${i}\nRUN useradd -u 1000${i} app${i}\n${Array.from({ length: 110 }, (_, k) => run(k)).join('')}USER app${i}\n`;
  const text = Array.from({ length: 6 }, (_, i) => stage(i)).join('');

  it('a transient index of a 1 MB Dockerfile leaves the parse caches as they were', () => {
    const linter = new Linter();
    const before = heapUsedAfterGc();
    linter.indexFile({ path: '/work/transient/Dockerfile', text }, { transient: true });
    const growth = heapUsedAfterGc() - before;
    assert.ok(growth < MB, `heap grew ${(growth / MB).toFixed(1)} MB`);
  });

  it('an index for linting next (the CLI) keeps it, so the test above can fail', () => {
    const linter = new Linter();
    const before = heapUsedAfterGc();
    linter.indexFile({ path: '/work/cached/Dockerfile', text: text.replace(/z/g, 'w') });
    const growth = heapUsedAfterGc() - before;
    assert.ok(growth > 2 * MB, `heap grew ${(growth / MB).toFixed(1)} MB`);
  });
});
