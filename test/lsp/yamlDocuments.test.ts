// The server's YAML text model: it must behave as vscode-languageserver-textdocument does for every edit an
// editor sends, and a keystroke must be linted and size-checked from its `---` documents without the whole
// text being joined (that string is what the model exists to avoid).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Linter } from '../../server/src/engine';
import { lintDocument, sizeSkipReason } from '../../server/src/hosts/lsp/documentLinting';
import { DEFAULT_SERVER_SETTINGS } from '../../server/src/hosts/lsp/settings';
import { SERVER_TEXT_DOCUMENTS, YamlTextDocument, segmentsOf } from '../../server/src/hosts/lsp/yamlDocuments';

const MANIFEST = fs.readFileSync(path.join(__dirname, '../fixtures/corpus/k8s/k8sex-guestbook-all-in-one.yaml'), 'utf8');
const URI = 'file:///work/guestbook.yaml';

function pair(text: string): { model: TextDocument; reference: TextDocument } {
  return { model: SERVER_TEXT_DOCUMENTS.create(URI, 'yaml', 1, text), reference: TextDocument.create(URI, 'yaml', 1, text) };
}

function update(documents: { model: TextDocument; reference: TextDocument }, changes: TextDocumentContentChangeEvent[], version: number) {
  return {
    model: SERVER_TEXT_DOCUMENTS.update(documents.model, changes, version),
    reference: TextDocument.update(documents.reference, changes, version),
  };
}

function assertSame(model: TextDocument, reference: TextDocument, context: string): void {
  assert.equal(model.version, reference.version, `${context}: version`);
  assert.equal(model.lineCount, reference.lineCount, `${context}: line count`);
  assert.equal(model.getText(), reference.getText(), `${context}: text`);
  for (const line of [0, 1, Math.floor(reference.lineCount / 2), reference.lineCount - 1, reference.lineCount + 3]) {
    const position = { line, character: 5 };
    assert.equal(model.offsetAt(position), reference.offsetAt(position), `${context}: offset at line ${line}`);
    assert.deepEqual(model.getLineRange(Math.min(line, reference.lineCount - 1)), reference.getLineRange(Math.min(line, reference.lineCount - 1)));
  }
  const middle = Math.floor(reference.getText().length / 2);
  assert.deepEqual(model.positionAt(middle), reference.positionAt(middle), `${context}: position of ${middle}`);
  const range = { start: { line: 2, character: 1 }, end: { line: 9, character: 4 } };
  assert.equal(model.getText(range), reference.getText(range), `${context}: text of a range`);
}

/** Counts the calls of the document's getText (the joins of its whole text). */
function countJoins(document: TextDocument): { count: number } {
  const calls = { count: 0 };
  const original = document.getText.bind(document);
  document.getText = (range) => {
    calls.count++;
    return original(range);
  };
  return calls;
}

describe('the YAML text model', () => {
  it('YAML documents get the segmented model; other languages the usual one', () => {
    assert.ok(SERVER_TEXT_DOCUMENTS.create(URI, 'yaml', 1, MANIFEST) instanceof YamlTextDocument);
    const dockerfile = SERVER_TEXT_DOCUMENTS.create('file:///work/Dockerfile', 'dockerfile', 1, 'FROM alpine\n');
    assert.ok(!(dockerfile instanceof YamlTextDocument));
    assert.equal(segmentsOf(dockerfile), undefined);
  });

  it('applies incremental, reversed, multi-change and whole-text changes as the usual model does', () => {
    let documents = pair(MANIFEST);
    assertSame(documents.model, documents.reference, 'opened');
    const steps: TextDocumentContentChangeEvent[][] = [
      [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }],
      [{ range: { start: { line: 12, character: 0 }, end: { line: 10, character: 2 } }, text: '' }],
      [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '---\n' },
        { range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, text: '---\nkind: ConfigMap\r\n' },
      ],
      [{ range: { start: { line: 5, character: 100 }, end: { line: 400, character: 0 } }, text: 'name: y\n---\n' }],
      [{ text: 'apiVersion: v1\nkind: Pod\n---\nkind: Service\n' }],
      [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } }, text: '' }],
    ];
    steps.forEach((changes, i) => {
      documents = update(documents, changes, i + 2);
      assertSame(documents.model, documents.reference, `step ${i + 1}`);
    });
  });

  it('a keystroke is linted and size-checked from the documents, without joining the text, with the same findings', () => {
    const linter = new Linter();
    const reference = new Linter();
    let documents = pair(MANIFEST);
    const first = lintDocument(linter, documents.model, DEFAULT_SERVER_SETTINGS);
    assert.deepEqual(first, lintDocument(reference, documents.reference, DEFAULT_SERVER_SETTINGS));
    assert.equal(first.kind, 'linted');
    const line = documents.reference
      .getText()
      .split('\n')
      .findIndex((l) => /^\s+image:/.test(l));
    assert.ok(line > 0, 'the manifest has an image line');
    for (let version = 2; version < 6; version++) {
      const at = { line, character: documents.reference.getText().split('\n')[line].length };
      documents = update(documents, [{ range: { start: at, end: at }, text: version % 2 ? 'b' : 'a' }], version);
      const joins = countJoins(documents.model);
      const linted = lintDocument(linter, documents.model, DEFAULT_SERVER_SETTINGS);
      assert.equal(sizeSkipReason(documents.model, DEFAULT_SERVER_SETTINGS), undefined);
      assert.equal(joins.count, 0, `version ${version}: the whole text was not joined`);
      const expected = lintDocument(reference, documents.reference, DEFAULT_SERVER_SETTINGS);
      assert.equal(linted.kind, 'linted');
      assert.deepEqual(linted, expected, `version ${version}: the same findings`);
    }
  });

  it('the size limit counts the documents’ UTF-8 bytes as it counts the whole text’s', () => {
    const text = `kind: ConfigMap\ndata:\n  a: "${'é'.repeat(700)}"\n---\nkind: ConfigMap\ndata:\n  b: "${'中'.repeat(400)}"\n`;
    const settings = { ...DEFAULT_SERVER_SETTINGS, maxFileSizeKB: 2 };
    const documents = pair(text);
    const expected = sizeSkipReason(documents.reference, settings);
    assert.match(expected ?? '', /it is 3 KB, above the limit of 2 KB/);
    assert.equal(sizeSkipReason(documents.model, settings), expected);
    assert.equal(sizeSkipReason(pair(text).model, { ...settings, maxFileSizeKB: 3 }), undefined);
  });

  it('a suppression comment is applied as in the whole text', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx # harden-disable-next-line\n---\nkind: Service\n';
    const documents = pair(text);
    assert.deepEqual(
      lintDocument(new Linter(), documents.model, DEFAULT_SERVER_SETTINGS),
      lintDocument(new Linter(), documents.reference, DEFAULT_SERVER_SETTINGS),
    );
  });
});
