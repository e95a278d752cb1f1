// kube-linter's own test data (stackrox/kube-linter tests/checks/<check>.yml, with the number of reports its e2e test
// expects), against the Harden rule that names the check among its aliases. Each file is linted alone and Harden's
// findings of that rule are counted: the same number, except the differences below, each on purpose and explained.
// A difference that no longer holds fails too; every alias has its row and every row an alias.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'kube-linter');

/** Why Harden's count differs, and what it reports instead. */
const DIFFERENCES: Record<string, { harden: number; why: string }> = {
  'no-readiness-probe': { harden: 0, why: 'no Service sends the pods traffic, and they declare no ports: nothing to be ready for' },
  'minimum-three-replicas': { harden: 0, why: 'two replicas survive the loss of one pod: k8s/replicas asks for 2, not 3' },
  'hpa-minimum-three-replicas': { harden: 0, why: 'an HPA floor of 2 survives the loss of one pod: k8s/hpa-min-replicas asks for 2, not 3' },
  'pdb-min-available': {
    harden: 0,
    why: 'the Deployments have no containers (the API refuses them), so they create no pods for the budgets to count',
  },
  'dangling-service': { harden: 0, why: 'the Deployments have no containers (the API refuses them): no pod template of the namespace is known' },
  'dangling-networkpolicy': { harden: 0, why: 'the file holds no pod template: the pods the policy selects are deployed from elsewhere' },
  'dangling-networkpolicypeer-podselector': {
    harden: 0,
    why: 'the Deployments have no containers (the API refuses them): no pod template of the namespace is known',
  },
};

/** `metadata.name` of the `---` document holding the line. */
function objectNameAt(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line;
  while (start > 0 && !lines[start].startsWith('---')) start--;
  let end = line + 1;
  while (end < lines.length && !lines[end].startsWith('---')) end++;
  return /^ {2}name: *['"]?([^'"\s]+)/m.exec(lines.slice(start, end).join('\n'))?.[1] ?? '';
}

/** Checks whose passing objects (`dont-fire…`) Harden reports, on purpose. */
const STRICTER: Record<string, string> = {
  'drop-net-raw-capability':
    'kube-linter forbids adding NET_RAW; Pod Security "restricted" requires drop: [ALL], which these objects leave out (the count is the same by chance: the other two are the containers that add NET_RAW)',
};

interface Expectation {
  check: string;
  file: string;
  reports: number;
}

function expectations(): Expectation[] {
  return readTsv(join(ROOT, 'expectations.tsv')).map(([check, file, reports]) => ({ check, file, reports: Number(reports) }));
}

describe("kube-linter's test data", () => {
  const ruleOf = new Map<string, string>();
  for (const rule of allRules) for (const check of rule.meta.aliases?.kubeLinter ?? []) ruleOf.set(check, rule.meta.id);
  const all = expectations();
  it('has a row for every kube-linter alias of a rule, and an alias for every row', () => {
    assert.deepEqual(all.map((e) => e.check).sort(), [...ruleOf.keys()].sort());
  });
  for (const e of all) {
    const ruleId = ruleOf.get(e.check)!;
    const difference = DIFFERENCES[e.check];
    it(`${e.check} (${ruleId}): ${difference ? `${difference.harden} findings, not ${e.reports}, on purpose` : `${e.reports} findings`}`, () => {
      const text = readFileSync(join(ROOT, 'checks', e.file), 'utf8');
      const findings = lintCase(ruleId, { code: text, path: `/work/${e.file}` }).filter((f) => f.ruleId === ruleId);
      // kube-linter names the objects its check must pass `dont-fire…`.
      const onPassing = findings.filter((f) => /^dont-fire/.test(objectNameAt(text, f.range.start.line)));
      if (e.check in STRICTER) assert.ok(onPassing.length > 0, 'Harden passes them now: remove the entry');
      else
        assert.deepEqual(
          onPassing.map((f) => f.message),
          [],
        );
      assert.equal(findings.length, difference ? difference.harden : e.reports, difference?.why ?? findings.map((f) => f.message).join('\n'));
      if (difference) assert.notEqual(difference.harden, e.reports, 'a difference that is none');
    });
  }
  it('every listed difference is a row', () => {
    for (const check of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((e) => e.check === check),
        check,
      );
  });
});
