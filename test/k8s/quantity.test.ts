import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type Node } from 'yaml';
import { compareQuantities, compareQuantityText, parseQuantity, quantityOf } from '../../server/src/engine/testing';

describe('k8s quantities', () => {
  it('parses every suffix family', () => {
    for (const [a, b] of [
      ['1', '1000m'],
      ['0.5', '500m'],
      ['.5', '500m'],
      ['2.', '2'],
      ['1k', '1000'],
      ['1M', '1000k'],
      ['1G', '1000M'],
      ['1T', '1000G'],
      ['1P', '1000T'],
      ['1E', '1000P'],
      ['1Ki', '1024'],
      ['1Mi', '1024Ki'],
      ['1Gi', '1024Mi'],
      ['1Ti', '1024Gi'],
      ['1Pi', '1024Ti'],
      ['1Ei', '1024Pi'],
      ['1e3', '1k'],
      ['1E3', '1k'],
      ['5e-3', '5m'],
      ['+1', '1'],
      ['0.1', '100m'],
      ['1.5Gi', '1536Mi'],
    ]) {
      assert.equal(compareQuantityText(a, b), 0, `${a} = ${b}`);
    }
  });

  it('orders quantities exactly', () => {
    assert.equal(compareQuantityText('1Gi', '1G'), 1);
    assert.equal(compareQuantityText('999m', '1'), -1);
    assert.equal(compareQuantityText('129M', '128Mi'), -1); // 129e6 < 134217728
    assert.equal(compareQuantityText('-1', '0'), -1);
    assert.equal(compareQuantityText('100000000000000000001', '100000000000000000000'), 1);
    assert.equal(compareQuantityText('0.30000000000000001', '0.3'), 1);
  });

  it('rejects what Kubernetes rejects', () => {
    for (const bad of ['', 'm', '1mi', '1KI', '1 Gi', '0x10', '1e', '1.2.3', 'abc', '1Gb', '1e999']) {
      assert.equal(parseQuantity(bad), undefined, bad);
    }
  });

  it('reads YAML plain numbers from their source text and quoted strings', () => {
    const doc = parseDocument('a: 0.1\nb: "100m"\nc: 1e3\nd: 1k\ne: true\nf: 12345678901234567890\ng: 12345678901234567891\n');
    const at = (key: string) => doc.get(key, true) as Node;
    assert.equal(compareQuantities(quantityOf(at('a'))!, quantityOf(at('b'))!), 0);
    assert.equal(compareQuantities(quantityOf(at('c'))!, quantityOf(at('d'))!), 0);
    assert.equal(quantityOf(at('e')), undefined);
    assert.equal(compareQuantities(quantityOf(at('g'))!, quantityOf(at('f'))!), 1);
    assert.equal(quantityOf(undefined), undefined);
  });
});
