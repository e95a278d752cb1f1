// The build fails when a registered rule lacks metadata, a test file or a docs page (ESLint-style).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CATEGORIES, allRules, offeredFixKinds } from '../server/src/engine';

const root = join(__dirname, '..');

describe('rule registry', () => {
  it('has unique, well-formed ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const id of ids) assert.match(id, /^(k8s|docker|compose|harden|kustomize|helm)\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of allRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has complete metadata', () => {
        assert.ok(['kubernetes', 'dockerfile', 'compose', 'any'].includes(meta.language));
        assert.ok(['off', 'info', 'warning', 'error'].includes(meta.defaultSeverity));
        assert.ok(meta.description.length > 10, 'description');
        assert.ok(meta.rationale.length > 40, 'rationale explains why');
        assert.equal(typeof meta.fixable, 'boolean');
        assert.ok(RULE_CATEGORIES.includes(meta.category), `category ${meta.category}`);
        // A fixable rule states the kinds of fix it offers, each with its reason (the docs page renders them).
        const kinds = offeredFixKinds(meta);
        assert.equal(kinds.length > 0, meta.fixable, 'fixKinds is given exactly when the rule is fixable');
        for (const kind of kinds) assert.ok((meta.fixKinds?.[kind] ?? '').length > 20, `the reason for ${kind} fixes`);
        // Engine checks (harden/*, the kustomize build's and the Helm render's own problems) come from no seed.
        if (!/^(harden|kustomize|helm)\//.test(meta.id)) assert.ok(meta.seeds.length > 0, 'names the seed it comes from');
        assert.equal(typeof rule.check, 'function');
      });
      it('has a docs page', () => {
        const page = join(root, 'docs', 'rules', `${meta.id}.md`);
        assert.ok(existsSync(page), `missing ${page}`);
        assert.ok(readFileSync(page, 'utf8').includes(meta.id), 'docs page names the rule id');
      });
      it('has a test file', () => {
        if (meta.id === 'harden/parse-error') return; // covered by test/yaml/parse-errors.test.ts
        if (meta.id === 'harden/unused-suppression') return; // covered by test/suppression/*.test.ts
        const test = join(root, 'test', 'rules', `${meta.id}.test.ts`);
        assert.ok(existsSync(test), `missing ${test}`);
        assert.ok(readFileSync(test, 'utf8').includes(`'${meta.id}'`), 'test file tests this rule id');
      });
    });
  }
});

describe('rule files and the registry agree', () => {
  const rulesDir = join(root, 'server', 'src', 'engine', 'rules');
  // The engine's own checks without a parser of their own share one module (rules/harden/index.ts).
  const SHARED_MODULE = join(rulesDir, 'harden', 'index.ts');
  const ruleFiles = readdirSync(rulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) => readdirSync(join(rulesDir, folder.name)).map((file) => join(rulesDir, folder.name, file)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('index.ts'));

  it('every file under rules/ is one rule, registered under the id its path names', () => {
    assert.ok(ruleFiles.length >= 60, `${ruleFiles.length} rule files`);
    const registered = new Set(allRules);
    for (const file of ruleFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the test reads every rule module by path
      const exported = Object.values(require(file) as Record<string, unknown>).filter((value) => registered.has(value as (typeof allRules)[number]));
      const id = file
        .slice(rulesDir.length + 1, -'.ts'.length)
        .split('\\')
        .join('/');
      assert.equal(
        exported.length,
        1,
        `${id}.ts exports ${exported.length} registered rules: register a new rule in rules/<language>/index.ts; helpers belong in the model (engine/k8s, engine/dockerfile)`,
      );
      assert.equal((exported[0] as (typeof allRules)[number]).meta.id, id, `${id}.ts registers another id`);
    }
  });

  it("every registered rule has its own file (the engine's config and suppression checks: rules/harden/index.ts)", () => {
    for (const { meta } of allRules) {
      const file = join(rulesDir, `${meta.id}.ts`);
      assert.ok(existsSync(file) || readFileSync(SHARED_MODULE, 'utf8').includes(`id: '${meta.id}'`), `no file for ${meta.id}`);
    }
  });
});

describe('public rule ids', () => {
  // Rule ids are public API (settings, suppressions, CI configs name them): the list of every id ever shipped
  // lives in test/fixtures/public-rule-ids.txt (it began as the catalog, RULES.md). An id never disappears, and a
  // new rule is added to the list on purpose.
  const listed = readFileSync(join(root, 'test', 'fixtures', 'public-rule-ids.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const registered = new Set(allRules.map((r) => r.meta.id));
  it('registers every public id', () => {
    assert.ok(listed.length >= 56, `${listed.length} ids listed`);
    for (const id of listed) assert.ok(registered.has(id), `${id} is public but not registered`);
  });
  it('lists every registered id', () => {
    for (const id of registered) assert.ok(listed.includes(id), `${id} is registered but not in test/fixtures/public-rule-ids.txt`);
  });
});
