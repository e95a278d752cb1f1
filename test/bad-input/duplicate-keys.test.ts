// Duplicate keys: Kubernetes (sigs.k8s.io/yaml, strict decoding) rejects them; the engine reports one
// harden/parse-error on the duplicate and skips the other rules for that document.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD } from '../fuzz/findingChecks';

it('a duplicate key gives exactly one harden/parse-error, on the second occurrence', () => {
  const text = POD.replace('      image: nginx:1.27\n', '      image: nginx:1.27\n      image: nginx:1.28\n');
  const { findings } = new Linter().lint({ path: '/w/pod.yaml', text });
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['harden/parse-error'],
  );
  assert.match(findings[0].message, /Map keys must be unique/);
  assert.equal(findings[0].range.start.line, 8);
  assertFindingsInside(text, findings);
});
