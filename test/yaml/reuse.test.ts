// Per-document caches carry entries across versions of a file: unchanged documents keep their entry,
// changed ones get a new one, and no entry keeps an old version's text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryOf, reuseByText, type TextEntry } from '../../server/src/engine';

function versionOf(texts: string[], previous: TextEntry<{ made: string }>[] = []) {
  const made: string[] = [];
  const entries = reuseByText(previous, texts, (text) => {
    made.push(text);
    return { made: text };
  });
  return { entries, made };
}

test('an edit inside one document re-creates that entry only', () => {
  const first = versionOf(['a: 1\n', 'b: 2\n', 'c: 3\n']);
  assert.deepEqual(first.made, ['a: 1\n', 'b: 2\n', 'c: 3\n']);
  const second = versionOf(['a: 1\n', 'b: 22\n', 'c: 3\n'], first.entries);
  assert.deepEqual(second.made, ['b: 22\n']);
  assert.equal(second.entries[0].value, first.entries[0].value);
  assert.equal(second.entries[2].value, first.entries[2].value);
  assert.deepEqual(
    second.entries.map((e) => e.value.made),
    ['a: 1\n', 'b: 22\n', 'c: 3\n'],
  );
});

test('inserted, removed and reordered documents keep the entries of unchanged texts', () => {
  const first = versionOf(['a\n', 'b\n', 'c\n', 'd\n']);
  const inserted = versionOf(['a\n', 'new\n', 'b\n', 'c\n', 'd\n'], first.entries);
  assert.deepEqual(inserted.made, ['new\n']);
  const removed = versionOf(['a\n', 'c\n', 'd\n'], inserted.entries);
  assert.deepEqual(removed.made, []);
  const reordered = versionOf(['d\n', 'c\n', 'a\n'], removed.entries);
  assert.deepEqual(reordered.made, []);
  assert.deepEqual(
    reordered.entries.map((e) => e.value),
    [first.entries[3].value, first.entries[2].value, first.entries[0].value],
  );
});

test('duplicate documents in the changed part share one new entry; every entry holds the new text', () => {
  const first = versionOf(['x\n']);
  const second = versionOf(['y\n', 'y\n', 'x\n'], first.entries);
  assert.deepEqual(second.made, ['y\n']);
  const texts = ['y\n', 'y\n', 'x\n'].map((t) => t.slice(0));
  const third = reuseByText(second.entries, texts, () => assert.fail('nothing changed'));
  third.forEach((entry, i) => assert.equal(entry.text, texts[i]));
});

test('entryOf finds documents asked in order, out of order, and repeated; none for an unknown text', () => {
  const entries = versionOf(['a\n', 'b\n', 'c\n', 'b\n']).entries;
  const found = ['a\n', 'b\n', 'c\n', 'a\n', 'c\n', 'c\n', 'b\n'].map((text) => entryOf(entries, text)?.made);
  assert.deepEqual(found, ['a\n', 'b\n', 'c\n', 'a\n', 'c\n', 'c\n', 'b\n']);
  assert.equal(entryOf(entries, 'd\n'), undefined);
  assert.equal(entryOf(undefined, 'a\n'), undefined);
});
