// 10,000 documents in one file: linting completes (no time is asserted) and findings land on the right
// lines far down the file. Today this takes tens of seconds: see docs/robustness.md.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { POD } from '../fuzz/findingChecks';

const COUNT = 10_000;

it(`a file of ${COUNT.toLocaleString('en')} documents lints to the end`, { timeout: 900_000 }, () => {
  const configMaps = Array.from({ length: COUNT - 1 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n  key: value-${i}\n`);
  const last = POD.replace('      image: nginx:1.27\n', '      image: nginx:1.27\n      securityContext:\n        privileged: true\n');
  const text = [...configMaps, last].join('---\n');
  const { findings } = new Linter().lint({ path: '/w/many.yaml', text });
  const privileged = findings.filter((f) => f.ruleId === 'k8s/privileged');
  assert.equal(privileged.length, 1);
  const line = text.split('\n').lastIndexOf('        privileged: true');
  assert.ok(line > 60_000);
  assert.deepEqual(privileged[0].range, { start: { line, character: 20 }, end: { line, character: 24 } });
  assert.ok(
    findings.every((f) => f.range.start.line >= (COUNT - 1) * 7),
    'the ConfigMaps themselves are clean',
  );
});
