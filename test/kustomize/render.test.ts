// The built objects' rendering parses back to exactly the same data (every golden object, and awkward scalars).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { renderDocument, renderText, renderYaml } from '../../server/src/engine/testing';
import { fromJS } from '../../server/src/engine/testing';
import { detectStyle } from '../../server/src/engine/testing';

function roundTrip(value: unknown): void {
  const text = renderYaml(fromJS(value));
  const [doc] = parseAllDocuments(text);
  assert.deepEqual(doc.errors, [], text);
  assert.deepEqual(doc.toJS(), value, text);
}

describe('renderYaml', () => {
  it('round-trips every object of the golden corpus', () => {
    const corpus = join(__dirname, '..', 'fixtures', 'kustomize');
    let objects = 0;
    for (const name of readdirSync(corpus)) {
      const file = join(corpus, name, 'expected.yaml');
      if (!existsSync(file)) continue;
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = doc.toJS();
        if (value === null || value === undefined) continue;
        roundTrip(value);
        objects++;
      }
    }
    assert.ok(objects > 100, `${objects} objects`);
  });

  it('quotes what would otherwise change type or meaning', () => {
    roundTrip({
      a: 'true',
      b: 'no',
      c: '1.0',
      d: '0x1F',
      e: '',
      f: '- x',
      g: 'a: b',
      h: 'x #y',
      i: 'line\nbreak',
      j: '~',
      k: ' lead',
      l: 'null',
      'key: colon': 1,
      '': 'empty key',
      list: [[], {}, [1, [2]], { x: [{ y: null }] }],
      n: -1.5,
      t: true,
      z: null,
      u: 'ünïcode',
      q: '"quoted"',
    });
  });
});

describe('renderDocument', () => {
  // The linter uses the built parse instead of parsing the text: it must be the parse, node for node.
  const shape = (node: unknown): unknown => {
    const n = node as { items?: unknown[]; key?: unknown; value?: unknown; range?: number[]; type?: string; flow?: boolean };
    if (n === null || n === undefined) return n;
    if ('key' in n && 'value' in n && !('range' in n)) return { key: shape(n.key), value: shape(n.value) };
    if (Array.isArray(n.items)) return { range: n.range, flow: !!n.flow, items: n.items.map(shape) };
    return { range: n.range, type: n.type, value: n.value };
  };

  it('builds exactly the parse of its text for every golden object', () => {
    const corpus = join(__dirname, '..', 'fixtures', 'kustomize');
    let objects = 0;
    for (const name of readdirSync(corpus)) {
      const file = join(corpus, name, 'expected.yaml');
      if (!existsSync(file)) continue;
      for (const parsed of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = parsed.toJS();
        if (value === null || value === undefined) continue;
        for (const prefix of ['', '---\n']) {
          const { text, doc } = renderDocument(fromJS(value), prefix);
          assert.equal(renderText(fromJS(value), prefix), text, 'renderText writes the same text');
          const [reparsed] = parseAllDocuments(text);
          assert.deepEqual(shape(doc.contents), shape(reparsed.contents), text);
          assert.deepEqual(doc.range, reparsed.range);
          // The style it records is the one detectStyle finds in its text.
          assert.deepEqual(detectStyle(text, doc), detectStyle(text, reparsed as Parameters<typeof detectStyle>[1]), text);
        }
        objects++;
      }
    }
    assert.ok(objects > 100);
  });
});
