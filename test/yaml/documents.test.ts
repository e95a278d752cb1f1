import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { splitDocuments, type YamlSegment } from '../../server/src/engine';

/** Every split must cover the text exactly: offsets add up and the pieces join back into the original. */
function split(text: string): readonly YamlSegment[] {
  const segments = splitDocuments(text);
  let offset = 0;
  for (const segment of segments) {
    assert.equal(segment.start, offset, `segment starts where the previous one ended: ${JSON.stringify(segments)}`);
    offset += segment.text.length;
  }
  assert.equal(offset, text.length);
  assert.equal(segments.map((s) => s.text).join(''), text);
  return segments;
}

const texts = (text: string) => split(text).map((s) => s.text);

describe('splitDocuments', () => {
  it('keeps a single document whole', () => {
    assert.deepEqual(split('a: 1\nb: 2\n'), [{ start: 0, text: 'a: 1\nb: 2\n' }]);
    assert.deepEqual(split(''), [{ start: 0, text: '' }]);
  });

  it('splits at `---` lines; each document keeps its own marker', () => {
    assert.deepEqual(split('a: 1\n---\nb: 2\n---\nc: 3\n'), [
      { start: 0, text: 'a: 1\n' },
      { start: 5, text: '---\nb: 2\n' },
      { start: 14, text: '---\nc: 3\n' },
    ]);
  });

  it('does not make an empty document of a leading `---`', () => {
    assert.deepEqual(texts('---\na: 1\n---\nb: 2\n'), ['---\na: 1\n', '---\nb: 2\n']);
  });

  it('`--- # comment` and `--- !tag`/`--- value` are markers; `---x` and ` ---` are not', () => {
    assert.deepEqual(texts('a: 1\n--- # second\nb: 2\n'), ['a: 1\n', '--- # second\nb: 2\n']);
    assert.deepEqual(texts('a: 1\n--- |\n  text\n'), ['a: 1\n', '--- |\n  text\n']);
    assert.deepEqual(texts('a: 1\n---x: 2\n'), ['a: 1\n---x: 2\n']);
    assert.deepEqual(texts('a: |\n  ---\nb: 1\n'), ['a: |\n  ---\nb: 1\n']);
    assert.deepEqual(texts('a: 1\n---\t\nb: 2\n'), ['a: 1\n', '---\t\nb: 2\n']);
  });

  it('a `---` inside a quoted string, not at column 0, is content', () => {
    const text = 'a: "one\n  --- two"\nb: \'x\n --- y\'\n';
    assert.deepEqual(texts(text), [text]);
    assert.equal(parseAllDocuments(text).length, 1);
  });

  it('keeps a leading `%YAML` directive with the document it belongs to', () => {
    assert.deepEqual(texts('%YAML 1.2\n---\na: 1\n'), ['%YAML 1.2\n---\na: 1\n']);
    assert.deepEqual(texts('# header\n%YAML 1.2\n%TAG ! tag:example.com,2000:\n---\na: 1\n---\nb: 2\n'), [
      '# header\n%YAML 1.2\n%TAG ! tag:example.com,2000:\n---\na: 1\n',
      '---\nb: 2\n',
    ]);
  });

  it('handles CRLF, a last line without line break and a trailing marker', () => {
    assert.deepEqual(split('a: 1\r\n---\r\nb: 2'), [
      { start: 0, text: 'a: 1\r\n' },
      { start: 6, text: '---\r\nb: 2' },
    ]);
    assert.deepEqual(texts('a: 1\n---'), ['a: 1\n', '---']);
    assert.deepEqual(texts('a: 1\n---\n'), ['a: 1\n', '---\n']);
  });

  it('agrees with a full parse on the number of documents', () => {
    const text = '%YAML 1.2\n---\nkind: A\n--- # b\nkind: B\nlist:\n- "x\n  --- y"\n---\nkind: C\n';
    const segments = split(text);
    assert.equal(segments.length, parseAllDocuments(text).length);
    assert.deepEqual(
      segments.map((s) => s.start),
      [0, text.indexOf('--- # b'), text.lastIndexOf('---\nkind: C')],
    );
  });
});
