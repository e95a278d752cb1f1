// SegmentedText must always be what the editor's own text model and a fresh split say: after every edit, the
// same text, the same `---` documents as splitDocuments of that text, the same line count, and the same
// offsets for any position (clamped the same way). Checked on real multi-document manifests and on texts made
// to break it (CRLF and lone CR line ends, `%` directives, markers at the start, `----`, empty documents),
// under random edits that favour the characters that make and unmake markers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SegmentedText, splitDocuments } from '../../server/src/engine';

const CORPUS = path.join(__dirname, '../fixtures/corpus/k8s');
const MANIFESTS = ['k8sex-guestbook-all-in-one.yaml', 'msdemo-frontend.yaml', 'calico-etcd.yaml'];

const CRAFTED = [
  '',
  '---\n',
  '---\na: 1\n---\nb: 2\n',
  'a: 1\r\n---\r\nb: 2\r\n--- # c\r\nc: 3',
  'a: 1\r---\rb: 2\n---\n',
  '%YAML 1.2\n---\na: 1\n---\n%TAG ! tag:x,2000:\n---\nb: 2\n',
  'a: |\n  ---x\n----\n--- \n---\t\n---\n...\n---',
];

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['-', '---', '\n', '\n---\n', '\r', '\r\n', '%', 'a', ' ', '#', 'key: v\n', ''];

function check(model: SegmentedText, reference: TextDocument, context: string): void {
  const text = reference.getText();
  assert.deepEqual(model.segments(), splitDocuments(text), `${context}: segments`);
  assert.equal(model.length, text.length, `${context}: length`);
  assert.equal(model.lineCount, reference.lineCount, `${context}: line count`);
  assert.equal(model.text(), text, `${context}: text`);
}

function run(initial: string, seed: number, edits: number): void {
  const next = random(seed);
  const model = new SegmentedText(initial);
  let reference = TextDocument.create('file:///x.yaml', 'yaml', 0, initial);
  check(model, reference, 'initial');
  for (let n = 1; n <= edits; n++) {
    const position = () => ({ line: Math.floor(next() * (reference.lineCount + 2)) - 1, character: Math.floor(next() * 12) - 1 });
    for (let k = 0; k < 4; k++) {
      const at = position();
      assert.equal(model.offsetAt(at.line, at.character), reference.offsetAt(at), `seed ${seed}, edit ${n}: offset of ${JSON.stringify(at)}`);
    }
    let start = position();
    let end = next() < 0.6 ? start : position();
    if (reference.offsetAt(end) < reference.offsetAt(start)) [start, end] = [end, start];
    const inserted = Array.from({ length: Math.floor(next() * 3) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
    const startOffset = model.offsetAt(start.line, start.character);
    const endOffset = model.offsetAt(end.line, end.character);
    model.replace(startOffset, endOffset, inserted);
    reference = TextDocument.update(reference, [{ range: { start, end }, text: inserted }], n);
    check(model, reference, `seed ${seed}, edit ${n} (${JSON.stringify(inserted)} at ${startOffset}-${endOffset})`);
  }
}

describe('SegmentedText', () => {
  it('matches the text model and splitDocuments under random edits of crafted texts', () => {
    CRAFTED.forEach((text, i) => {
      for (let seed = 1; seed <= 25; seed++) run(text, i * 100 + seed, 60);
    });
  });

  it('matches them under random edits of real manifests', () => {
    for (const name of MANIFESTS) {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      assert.ok(splitDocuments(text).length > 2, `${name} has several documents`);
      for (let seed = 1; seed <= 10; seed++) run(text, seed, 40);
    }
  });

  it('joins the text only when asked, and an edit inside a document keeps the other documents', () => {
    const text = Array.from({ length: 50 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('---\n');
    const model = new SegmentedText(text);
    const before = model.segments();
    const offset = text.indexOf('name: c25') + 'name: c25'.length;
    model.replace(offset, offset, 'x');
    const after = model.segments();
    assert.equal(after.length, 50);
    after.forEach((segment, i) => {
      if (i !== 25) assert.equal(segment.text, before[i].text, `document ${i} unchanged`);
    });
    assert.match(after[25].text, /name: c25x\n/);
    assert.equal(after[26].start, before[26].start + 1);
    assert.equal(model.text(), text.slice(0, offset) + 'x' + text.slice(offset));
  });
});
