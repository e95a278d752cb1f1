// Harden's in-memory kustomize build against goldens made by the real `kubectl kustomize` (kustomize 5.5):
// every case of test/fixtures/kustomize must build to the same objects (key order normalised), except the
// cases listed as unsupported, which must get their clear message instead.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { diskFileSystem, normaliseObjects, parseYamlStream } from './helpers';

const corpus = join(__dirname, '..', 'fixtures', 'kustomize');
const cases = readdirSync(corpus)
  .filter((name) => existsSync(join(corpus, name, 'entry')))
  .sort();

/** Cases using features Harden does not run, and the message the build gives for them. */
const UNSUPPORTED: Record<string, string> = {};

/**
 * Supported features where Harden's build still differs from kustomize's, with why. The test requires them
 * to differ, so that a fix removes the entry (and the ratio in the report stays honest).
 */
const KNOWN_DIFFERENCES: Record<string, string> = {};

function build(name: string) {
  const entry = readFileSync(join(corpus, name, 'entry'), 'utf8').trim();
  const dir = join(corpus, name, 'src', entry).replace(/\/\.?$/, '');
  return buildKustomization(diskFileSystem(), join(dir, 'kustomization.yaml'), { roots: [join(corpus, name, 'src')] });
}

describe('kustomize build equals kubectl kustomize', () => {
  it('has a corpus of 30+ cases, each with its golden', () => {
    assert.ok(cases.length >= 30, `only ${cases.length} cases`);
    for (const name of cases) assert.ok(existsSync(join(corpus, name, 'expected.yaml')), `${name}: expected.yaml missing (run scripts/kustomize-goldens.ts)`);
  });

  for (const name of cases) {
    it(name, () => {
      const result = build(name);
      if (UNSUPPORTED[name]) {
        assert.ok(
          result.problems.some((p) => p.message.includes(UNSUPPORTED[name])),
          `${name}: expected "${UNSUPPORTED[name]}", got ${JSON.stringify(result.problems)}`,
        );
        return;
      }
      const expected = normaliseObjects(parseYamlStream(readFileSync(join(corpus, name, 'expected.yaml'), 'utf8')));
      const actual = normaliseObjects(result.resources.map((r) => toJS(r.root)));
      if (KNOWN_DIFFERENCES[name]) {
        assert.notDeepEqual(actual, expected, `${name} now equals the golden: remove it from KNOWN_DIFFERENCES`);
        return;
      }
      assert.deepEqual(
        result.problems.filter((p) => p.severity === 'error'),
        [],
        `${name}: unexpected build errors`,
      );
      assert.deepEqual(actual, expected);
    });
  }
});
