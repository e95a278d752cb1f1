import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Linter } from '../../server/src/engine';
import { withoutStackTraces } from '../../server/src/engine/testing';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      privileged: true
`;

describe('harden/parse-error', () => {
  it('reports one clear diagnostic for a broken document and still lints the others', () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata:\n  a: b\n';
    const text = `${POD}---\n${broken}---\n${POD}`;
    const { findings } = new Linter().lint({ path: '/w/a.yaml', text });
    const parse = findings.filter((f) => f.ruleId === 'harden/parse-error');
    assert.equal(parse.length, 1);
    assert.equal(parse[0].severity, 'error');
    assert.match(parse[0].message, /^YAML syntax error: .+/);
    const brokenStart = POD.split('\n').length; // line of the `---` before the broken document (0-based)
    assert.ok(parse[0].range.start.line >= brokenStart && parse[0].range.start.line < brokenStart + 7, 'points into the broken document');
    assert.equal(findings.filter((f) => f.ruleId === 'k8s/privileged').length, 2, 'both healthy documents are linted');
  });

  it('says nothing about YAML that is not Kubernetes, broken or not', () => {
    const { findings } = new Linter().lint({ path: '/w/ci.yaml', text: 'on: [push\njobs:\n  build: {}\n' });
    assert.deepEqual(findings, []);
  });

  it('reports duplicate keys, which the API server would reject', () => {
    const { findings } = new Linter().lint({ path: '/w/a.yaml', text: 'apiVersion: v1\nkind: Pod\nkind: Pod\n' });
    assert.equal(findings.filter((f) => f.ruleId === 'harden/parse-error').length, 1);
  });

  it('survives half-typed documents at every prefix of a manifest', () => {
    const linter = new Linter();
    for (let i = 0; i <= POD.length; i++) {
      const { findings } = linter.lint({ path: '/w/typing.yaml', text: POD.slice(0, i) });
      for (const f of findings) assert.ok(f.range.start.line <= POD.slice(0, i).split('\n').length);
    }
  });
});

describe('syntax errors without stack traces', () => {
  it('the parser builds its errors without stacks (nobody reads them; a masked chart has dozens), and the limit comes back', () => {
    const limit = Error.stackTraceLimit;
    const doc = withoutStackTraces(() => {
      assert.equal(Error.stackTraceLimit, 0);
      return parseDocument('a: [1\nb: }\n');
    });
    assert.ok(doc.errors.length > 0);
    assert.match(doc.errors[0].message, /\S/);
    assert.equal(Error.stackTraceLimit, limit);
    assert.throws(() => withoutStackTraces(() => JSON.parse('{')));
    assert.equal(Error.stackTraceLimit, limit, 'restored after a throw too');
    // The findings users see are unchanged: a parse error still has its message and place.
    const findings = new Linter().lint({ path: '/w/broken.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: [\n' }).findings;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['harden/parse-error'],
    );
  });
});
