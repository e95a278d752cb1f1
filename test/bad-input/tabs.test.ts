// Tabs as indentation are not YAML: one harden/parse-error with a message that says so, on that line.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD } from '../fuzz/findingChecks';

it('a tab-indented line gives one parse error saying tabs are not allowed as indentation', () => {
  const text = POD.replace('  name: web\n', '\tname: web\n');
  const { findings } = new Linter().lint({ path: '/w/pod.yaml', text });
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['harden/parse-error'],
  );
  assert.match(findings[0].message, /Tabs are not allowed as indentation/);
  assert.equal(findings[0].range.start.line, 3);
  assertFindingsInside(text, findings);
  // A tab inside a value is fine.
  const inValue = POD.replace('  name: web\n', '  name: web\n  annotations: {note: "a\tb"}\n');
  assert.ok(!new Linter().lint({ path: '/w/pod.yaml', text: inValue }).findings.some((f) => f.ruleId === 'harden/parse-error'));
});
