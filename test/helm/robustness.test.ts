// Bad charts never crash the linter or lose text: endless include recursion and a value that contains itself
// end in a diagnostic or the masked fallback; a template that does not parse is one helm/render-error on the
// parse position, for every template of the chart (Helm fails the whole chart), each still linted masked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, setRuleErrorHandler } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';

const fixtures = join(__dirname, '..', 'fixtures', 'helm', 'lint');
const lint = (path: string) => new Linter({}, new NodeFileSystem()).lint({ path, text: readFileSync(path, 'utf8') }).findings;

describe('Helm robustness', () => {
  it('an include that recurses forever is a render error at the include, in the partial', () => {
    const findings = lint(join(fixtures, 'hostile', 'templates', '_helpers.tpl'));
    const errors = findings.filter((f) => f.ruleId === 'helm/render-error');
    assert.equal(errors.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.match(errors[0].message, /exceeded max depth|nested reference/);
  });

  it('a value that contains itself does not crash: toYaml gives up like an unmarshalable value', () => {
    const errors: unknown[] = [];
    setRuleErrorHandler((_id, e) => errors.push(e));
    try {
      const findings = lint(join(fixtures, 'hostile', 'templates', 'cycle.yaml'));
      assert.ok(Array.isArray(findings));
    } finally {
      setRuleErrorHandler((id, e) => console.error(id, e));
    }
  });

  it('a template that does not parse fails every template of the chart at the parse position', () => {
    const unclosed = join(fixtures, 'broken', 'templates', 'unclosed.yaml');
    const own = lint(unclosed).filter((f) => f.ruleId === 'helm/render-error');
    assert.equal(own.length, 1);
    assert.equal(own[0].range.start.line, 3);
    const other = lint(join(fixtures, 'broken', 'templates', 'configmap.yaml'));
    assert.deepEqual(
      other.filter((f) => f.ruleId === 'helm/render-error'),
      [],
      'reported once, where the syntax error is',
    );
  });
});

describe('Helm charts whose dependencies are not vendored', () => {
  it('a template that includes a define of a missing dependency is linted masked, without a render error', () => {
    const findings = lint(join(fixtures, 'missing-dep', 'templates', 'pod.yaml'));
    const ids = findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('helm/render-error'), ids.join(', '));
    assert.ok(ids.includes('k8s/privileged'), 'the literal is still reported');
  });
});
