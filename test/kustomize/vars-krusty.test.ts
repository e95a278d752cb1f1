// Kustomize's own tests of `vars` (test/fixtures/kustomize-vars-krusty/SOURCES.md): Harden's build gives the
// objects each test expects, or an error where kustomize's build fails.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { diskFileSystem, normaliseObjects, parseYamlStream } from './helpers';

const corpus = join(__dirname, '..', 'fixtures', 'kustomize-vars-krusty');
const cases = readdirSync(corpus)
  .filter((name) => existsSync(join(corpus, name, 'entry')))
  .sort();

/** kustomize's error text, and Harden's message for the same refusal. */
const ERRORS: Record<string, RegExp> = {
  "var 'POD_NAME' already encountered": /var "POD_NAME" is (already declared|declared twice)/,
  'unable to disambiguate': /var "[^"]+" matches 2 objects/,
};

/** Cases where Harden's build differs, with why; the test requires them to differ, so that a fix removes them. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  TestVariableRefIngressOverlay: 'kustomize reads kustomization fields in any case (`nameprefix:`), Harden as written',
};

describe("kustomize's vars tests", () => {
  it('has its cases', () => assert.ok(cases.length >= 20, `only ${cases.length} cases`));

  for (const name of cases) {
    it(name, () => {
      const dir = join(corpus, name, 'src', readFileSync(join(corpus, name, 'entry'), 'utf8').trim()).replace(/\/\.?$/, '');
      const result = buildKustomization(diskFileSystem(), join(dir, 'kustomization.yaml'), { roots: [join(corpus, name, 'src')] });
      const errors = result.problems.filter((p) => p.severity === 'error').map((p) => p.message);
      const errorFile = join(corpus, name, 'error');
      if (existsSync(errorFile)) {
        const expected = ERRORS[readFileSync(errorFile, 'utf8').trim()];
        assert.ok(expected, `${name}: no Harden message known for kustomize's error`);
        assert.ok(
          errors.some((m) => expected.test(m)),
          errors.join('\n'),
        );
        return;
      }
      const expected = normaliseObjects(parseYamlStream(readFileSync(join(corpus, name, 'expected.yaml'), 'utf8')));
      const actual = normaliseObjects(result.resources.map((r) => toJS(r.root)));
      if (KNOWN_DIFFERENCES[name]) {
        assert.notDeepEqual(actual, expected, `${name} now equals kustomize's: remove it from KNOWN_DIFFERENCES`);
        return;
      }
      assert.deepEqual(errors, [], `${name}: unexpected build errors`);
      assert.deepEqual(actual, expected);
    });
  }
});
