// The build fails when a registered rule lacks metadata, a test file or a docs page (ESLint-style).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CATEGORIES, allRules, offeredFixKinds } from '../server/src/engine';

const root = join(__dirname, '..');

describe('rule registry', () => {
  it('has unique, well-formed ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const id of ids) assert.match(id, /^(k8s|docker|harden)\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of allRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has complete metadata', () => {
        assert.ok(['kubernetes', 'dockerfile', 'any'].includes(meta.language));
        assert.ok(['off', 'info', 'warning', 'error'].includes(meta.defaultSeverity));
        assert.ok(meta.description.length > 10, 'description');
        assert.ok(meta.rationale.length > 40, 'rationale explains why');
        assert.equal(typeof meta.fixable, 'boolean');
        assert.ok(RULE_CATEGORIES.includes(meta.category), `category ${meta.category}`);
        // A fixable rule states the kinds of fix it offers, each with its reason (the docs page renders them).
        const kinds = offeredFixKinds(meta);
        assert.equal(kinds.length > 0, meta.fixable, 'fixKinds is given exactly when the rule is fixable');
        for (const kind of kinds) assert.ok((meta.fixKinds?.[kind] ?? '').length > 20, `the reason for ${kind} fixes`);
        if (!meta.id.startsWith('harden/')) assert.ok(meta.seeds.length > 0, 'names the seed it comes from');
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

describe('public rule ids', () => {
  // Rule ids are public API (settings, suppressions, CI configs name them): the list of every id ever shipped
  // lives in test/fixtures/public-rule-ids.txt (it began as the catalog, RULES.md). An id never disappears, and a
  // new rule is added to the list on purpose.
  const listed = readFileSync(join(root, 'test', 'fixtures', 'public-rule-ids.txt'), 'utf8').split('\n').filter(Boolean);
  const registered = new Set(allRules.map((r) => r.meta.id));
  it('registers every public id', () => {
    assert.ok(listed.length >= 56, `${listed.length} ids listed`);
    for (const id of listed) assert.ok(registered.has(id), `${id} is public but not registered`);
  });
  it('lists every registered id', () => {
    for (const id of registered) assert.ok(listed.includes(id), `${id} is registered but not in test/fixtures/public-rule-ids.txt`);
  });
});
