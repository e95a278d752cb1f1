// Billion laughs: nine anchors, each a list of nine aliases of the previous one (9^9 = 387 million
// leaves if expanded). The engine works on the YAML tree and never expands aliases: linting and fix-all
// complete quickly with a small heap, and the Pod is judged like the same Pod without the bomb.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD, ruleIds } from '../fuzz/findingChecks';
import { EVERY_FIX } from '../harness/ruleTester';

function bomb(indent: string, prefix = ''): string {
  const names = 'abcdefghi'.split('').map((c) => prefix + c);
  const lines = [`${indent}${names[0]}: &${names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${indent}${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

it('an alias bomb (9 levels x 9) in annotations, labels, env and securityContext is not expanded', () => {
  const text = POD.replace('  name: web\n', `  name: web\n  annotations:\n${bomb('    ')}  labels:\n${bomb('    ', 'l')}`).replace(
    '      image: nginx:1.27\n',
    '      image: nginx:1.27\n      env: *i\n      securityContext: *h\n',
  );
  const heapBefore = process.memoryUsage().heapUsed;
  const linter = new Linter();
  const { findings } = linter.lint({ path: '/w/pod.yaml', text });
  const fixed = linter.fixAll({ path: '/w/pod.yaml', text }, EVERY_FIX);
  const grown = process.memoryUsage().heapUsed - heapBefore;
  assert.ok(grown < 200 * 1024 * 1024, `heap grew by ${Math.round(grown / 1024 / 1024)} MB`);
  assert.ok(!findings.some((f) => f.ruleId === 'harden/parse-error'), 'the bomb is valid YAML');
  // The container's own checks still run: the aliases are not a securityContext the rules can use.
  const plain = new Linter().lint({ path: '/w/pod.yaml', text: POD }).findings;
  assert.deepEqual(ruleIds(findings), ruleIds(plain));
  assertFindingsInside(text, findings);
  assert.ok(fixed.applied > 0);
  assert.ok(fixed.text.includes('&i ['), 'fix-all keeps the anchors as written');
});

it("an alias bomb as a ConfigMap's data, or a bare file, lints in a blink with no findings", () => {
  const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n${bomb('  ')}`;
  assert.deepEqual(new Linter().lint({ path: '/w/cm.yaml', text: configMap }).findings, []);
  assert.deepEqual(new Linter().lint({ path: '/w/bare.yaml', text: bomb('') }).findings, []);
});
