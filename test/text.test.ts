import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, applyTextEdits, minimalEdit } from '../server/src/engine';

describe('LineIndex', () => {
  it('maps offsets and positions both ways, with LF, CRLF and a lone CR as line breaks (as LSP and YAML do)', () => {
    const text = 'a\nbb\r\nccc\rdddd';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(text.indexOf('ccc')), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(text.indexOf('dddd') + 2), { line: 3, character: 2 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), text.indexOf('bb') + 1);
    assert.equal(text.slice(index.lineStart(1), index.lineEnd(1)), 'bb');
    assert.equal(text.slice(index.lineStart(2), index.lineEnd(2)), 'ccc');
    assert.equal(text.slice(index.lineStart(3), index.lineEnd(3)), 'dddd');
    assert.equal(index.eol, '\n');
  });

  it('clamps positions past the end of a line or the file', () => {
    const index = new LineIndex('ab\ncd');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 5);
  });

  it('applies LSP text edits and computes a minimal edit', () => {
    const before = 'a: 1\nb: 2\n';
    const after = applyTextEdits(before, [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: '3' }]);
    assert.equal(after, 'a: 1\nb: 3\n');
    assert.deepEqual(minimalEdit(before, after), { start: 8, end: 9, newText: '3' });
    assert.equal(minimalEdit(before, before), undefined);
  });
});
