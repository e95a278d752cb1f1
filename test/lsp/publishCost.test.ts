// The cheap paths taken on every keystroke of a large file: the size check counts bytes natively where Node is,
// and a re-publish of the same version compares diagnostics by reference before serialising any.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countUtf8Bytes, utf8ByteLength } from '../../server/src/hosts/lsp/documentLinting';
import { sameDiagnostics } from '../../server/src/hosts/lsp/diagnostics';
import type { Diagnostic } from 'vscode-languageserver';

function randomText(seed: number, length: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  // ASCII, two- and three-byte characters, surrogate pairs and lone surrogates (each one counts as U+FFFD).
  const pool = ['a', ' ', '\n', 'é', 'ж', '中', '😀', '\ud83d', '\ude00', 'z'];
  let text = '';
  for (let i = 0; i < length; i++) text += pool[next() % pool.length];
  return text;
}

describe('document size in UTF-8 bytes', () => {
  it('the plain count equals Node’s on text with every kind of character, lone surrogates included', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const text = randomText(seed, 200);
      assert.equal(countUtf8Bytes(text), Buffer.byteLength(text, 'utf8'), `seed ${seed}`);
      assert.equal(utf8ByteLength(text), Buffer.byteLength(text, 'utf8'), `seed ${seed}`);
    }
    assert.equal(countUtf8Bytes('\ud83d'), 3);
    assert.equal(countUtf8Bytes('x\ude00'), 4);
  });
});

describe('sameDiagnostics', () => {
  const diagnostic = (message: string, line = 0): Diagnostic => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    message,
    source: 'harden',
  });
  const a = diagnostic('one');
  const b = diagnostic('two', 3);

  it('the same objects, or equal ones made again, are the same publish', () => {
    assert.equal(sameDiagnostics([a, b], [a, b]), true);
    assert.equal(sameDiagnostics([a, b], [diagnostic('one'), diagnostic('two', 3)]), true);
    assert.equal(sameDiagnostics([], []), true);
  });

  it('a changed message, range, order or count is a different publish', () => {
    assert.equal(sameDiagnostics([a, b], [a, diagnostic('two!', 3)]), false);
    assert.equal(sameDiagnostics([a, b], [a, diagnostic('two', 4)]), false);
    assert.equal(sameDiagnostics([a, b], [b, a]), false);
    assert.equal(sameDiagnostics([a, b], [a]), false);
  });
});
