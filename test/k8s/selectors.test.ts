// Label selectors with the Kubernetes API's semantics (metav1.LabelSelector): matchLabels AND matchExpressions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { isEmptySelector, matches, readLabels, readLabelSelector, selectorFromLabels } from '../../server/src/engine/testing';

function selector(yaml: string) {
  return readLabelSelector(parseDocument(yaml).contents);
}

const POD = { app: 'web', version: 'v3', tier: 'front' };

describe('label selectors', () => {
  it('matchLabels: every pair must be present with the same value', () => {
    assert.equal(matches(selector('matchLabels: {app: web}')!, POD), true);
    assert.equal(matches(selector('matchLabels: {app: web, version: v3}')!, POD), true);
    assert.equal(matches(selector('matchLabels: {app: web, version: v2}')!, POD), false);
    assert.equal(matches(selector('matchLabels: {app: web, zone: a}')!, POD), false);
  });

  it('In / NotIn / Exists / DoesNotExist', () => {
    assert.equal(matches(selector('matchExpressions: [{key: version, operator: In, values: [v2, v3]}]')!, POD), true);
    assert.equal(matches(selector('matchExpressions: [{key: version, operator: In, values: [v2]}]')!, POD), false);
    assert.equal(matches(selector('matchExpressions: [{key: missing, operator: In, values: [x]}]')!, POD), false, 'In needs the key');
    assert.equal(matches(selector('matchExpressions: [{key: version, operator: NotIn, values: [v1, v2]}]')!, POD), true);
    assert.equal(matches(selector('matchExpressions: [{key: version, operator: NotIn, values: [v3]}]')!, POD), false);
    assert.equal(matches(selector('matchExpressions: [{key: missing, operator: NotIn, values: [x]}]')!, POD), true, 'NotIn matches an absent key');
    assert.equal(matches(selector('matchExpressions: [{key: tier, operator: Exists}]')!, POD), true);
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: Exists}]')!, POD), false);
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: DoesNotExist}]')!, POD), true);
    assert.equal(matches(selector('matchExpressions: [{key: app, operator: DoesNotExist}]')!, POD), false);
  });

  it('matchLabels AND matchExpressions, all expressions ANDed', () => {
    const s = selector(`matchLabels:
  app: web
matchExpressions:
- key: version
  operator: In
  values: [v3]
- key: canary
  operator: DoesNotExist
`)!;
    assert.equal(matches(s, POD), true);
    assert.equal(matches(s, { ...POD, canary: 'true' }), false);
    assert.equal(matches(s, { ...POD, app: 'api' }), false);
  });

  it('an empty selector matches everything; callers decide what that means for their kind', () => {
    const empty = selector('{}')!;
    assert.equal(isEmptySelector(empty), true);
    assert.equal(matches(empty, POD), true);
    assert.equal(matches(empty, {}), true);
  });

  it('values are compared as strings (numbers and booleans in YAML)', () => {
    assert.equal(matches(selector('matchLabels: {version: 3}')!, { version: '3' }), true);
    assert.equal(matches(selector('matchExpressions: [{key: enabled, operator: In, values: [true]}]')!, { enabled: 'true' }), true);
  });

  it('unreadable selectors are undefined (callers then say nothing)', () => {
    assert.equal(selector('matchExpressions: [{key: a, operator: Gt, values: ["1"]}]'), undefined, 'unknown operator');
    assert.equal(selector('matchExpressions: [{operator: Exists}]'), undefined, 'no key');
    assert.equal(selector('matchLabels: {app: {nested: x}}'), undefined, 'non-scalar value');
    assert.equal(readLabelSelector(undefined), undefined, 'absent');
  });

  // selectors.ts (engine) reads a matchLabels that is not a map, or a matchExpressions that is not a sequence,
  // as absent: the selector then looks empty and matches every pod. Reported to the lead; see the TODO.
  it('malformed matchLabels / matchExpressions are unreadable, not empty', () => {
    assert.equal(selector('matchLabels: [a, b]'), undefined);
    assert.equal(selector('matchExpressions: {key: a}'), undefined);
  });

  it('readLabels and selectorFromLabels (Service / ReplicationController selectors)', () => {
    const labels = readLabels(parseDocument('app: web\nversion: 3\n').contents)!;
    assert.deepEqual(labels, { app: 'web', version: '3' });
    assert.equal(matches(selectorFromLabels(labels), { app: 'web', version: '3', extra: 'x' }), true);
    assert.equal(matches(selectorFromLabels({ app: 'web' }), { app: 'api' }), false);
  });
});
