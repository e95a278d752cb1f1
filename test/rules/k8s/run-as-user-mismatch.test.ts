// Across files: the Dockerfile side comes from the workspace index, so these cases drive a Linter directly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, ruleById, selectFix } from '../../../server/src/engine';
import { assertParses, commentsOf, ruleFixFilter } from '../../harness/ruleTester';

const RULE = 'k8s/run-as-user-mismatch';

const deployment = (podSecurity: string, containerSecurity = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
${podSecurity}      containers:
      - name: api
        image: api:2.0
${containerSecurity}`;

function linter(): Linter {
  const l = new Linter();
  l.index.setDockerfile({ path: '/work/api/Dockerfile', user: 'app', uid: 10001, gid: 10001 });
  return l;
}

function hits(l: Linter, text: string) {
  return l.lint({ path: '/work/deploy/api.yaml', text }).findings.filter((f) => f.ruleId === RULE);
}

function fixAllOfRule(l: Linter, text: string): string {
  let out = text;
  for (let i = 0; i < 5; i++) {
    // A suggestion (it changes the UID): applied as `--fix --fix-rule` would.
    const fix = hits(l, out)
      .map((f) => selectFix(f, ruleFixFilter(RULE)))
      .find((x) => x !== undefined);
    if (!fix) break;
    out = applyTextEdits(out, fix.edits);
  }
  return out;
}

describe(RULE, () => {
  it('is registered', () => assert.ok(ruleById(RULE)));

  it('reports runAsUser and fsGroup that differ from the Dockerfile UID/GID and fixes them in place', () => {
    const l = linter();
    const text = deployment('        runAsNonRoot: true\n        runAsUser: 1000  # old uid\n        fsGroup: 2000\n');
    const found = hits(l, text);
    assert.deepEqual(
      found.map((f) => f.range.start.line + 1),
      [10, 11],
    );
    assert.match(found[0].message, /runAsUser: 1000 .* differs from the UID 10001 .*\/work\/api\/Dockerfile/);
    assert.match(found[1].message, /fsGroup: 2000 .* GID 10001/);
    const fixed = fixAllOfRule(l, text);
    assert.equal(fixed, deployment('        runAsNonRoot: true\n        runAsUser: 10001  # old uid\n        fsGroup: 10001\n'));
    assertParses('/w.yaml', fixed);
    for (const c of commentsOf(text)) assert.ok(fixed.includes(c));
    assert.deepEqual(hits(l, fixed), []);
  });

  it('the container runAsUser wins over the pod one', () => {
    const l = linter();
    const text = deployment('        runAsUser: 10001\n', '        securityContext:\n          runAsUser: 0\n');
    const found = hits(l, text);
    assert.deepEqual(
      found.map((f) => f.range.start.line + 1),
      [14],
    );
  });

  it('matching values, or images without a Dockerfile, are fine', () => {
    const l = linter();
    assert.deepEqual(hits(l, deployment('        runAsUser: 10001\n        fsGroup: 10001\n')), []);
    assert.deepEqual(hits(l, deployment('        runAsUser: 1000\n').replace('api:2.0', 'postgres:16')), []);
  });
});
