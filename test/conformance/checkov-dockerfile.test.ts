// Checkov's own Dockerfile test data (bridgecrewio/checkov tests/dockerfile/checks/example_<name>/**/Dockerfile, with
// the result its test_<name>.py expects for each), against the Harden rule that names the check among its aliases.
// Each file is linted alone as /work/Dockerfile: a file Checkov fails must get the rule's finding, a file it passes
// must not, except the differences below, each on purpose and explained. A difference that no longer holds fails too,
// so the list stays true; every alias has its folder and rows, and every folder an alias.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'checkov-dockerfile');

/** Why Harden says otherwise than Checkov on a file: the reasons, then the files (none when vendored: all agree). */
const REASONS = {} as const;

const DIFFERENCES: Record<string, keyof typeof REASONS> = {};

interface Case {
  check: string;
  file: string;
  ruleId: string;
  checkovFails: boolean;
}

/** Files under a folder, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix))
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(join(dir, rel)).isDirectory() ? filesUnder(dir, rel) : [rel];
    });
}

function cases(): Case[] {
  const ruleOf = new Map<string, string>();
  for (const rule of allRules) for (const check of rule.meta.aliases?.checkov ?? []) ruleOf.set(check, rule.meta.id);
  // Harden's Dockerfile rules only: the Kubernetes rules' Checkov aliases (CKV_K8S_*) have their own data.
  for (const check of [...ruleOf.keys()]) if (!ruleOf.get(check)!.startsWith('docker/')) ruleOf.delete(check);
  const folders = readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(folders, [...ruleOf.keys()].sort(), 'a folder for every Checkov alias of a Dockerfile rule, and an alias for every folder');
  const rows = readTsv(join(ROOT, 'expectations.tsv')).map(([check, file, result]) => {
    assert.ok(result === 'failed' || result === 'passed', `${check}/${file}: ${result}`);
    return { check, file, ruleId: ruleOf.get(check)!, checkovFails: result === 'failed' };
  });
  // Every vendored file has its expected result, and every row its file.
  assert.deepEqual(
    rows.map((r) => `${r.check}/${r.file}`).sort(),
    folders.flatMap((check) => filesUnder(join(ROOT, check)).map((file) => `${check}/${file}`)).sort(),
    'a row for every vendored file, and a file for every row',
  );
  return rows;
}

describe("Checkov's Dockerfile test data", () => {
  const all = cases();
  it('has failing and passing files for the checks (a missing fixture fails)', () => {
    assert.ok(all.length >= 13, `${all.length} files`);
    for (const check of new Set(all.map((c) => c.check)))
      assert.ok(
        all.some((c) => c.check === check && c.checkovFails),
        `${check} has a failing file`,
      );
  });

  for (const c of all) {
    const key = `${c.check}/${c.file}`;
    const difference = DIFFERENCES[key];
    it(`${key}: ${difference ? `differs on purpose (${difference})` : c.checkovFails ? `${c.ruleId} reports it` : `${c.ruleId} is silent`}`, () => {
      const findings = lintCase(c.ruleId, { code: readFileSync(join(ROOT, key), 'utf8'), path: '/work/Dockerfile' });
      const reported = findings.some((f) => f.ruleId === c.ruleId);
      assert.equal(
        reported,
        difference ? !c.checkovFails : c.checkovFails,
        difference ? REASONS[difference] : findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
      );
    });
  }

  it('every listed difference is a vendored file', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((c) => `${c.check}/${c.file}` === key),
        key,
      );
  });
});
