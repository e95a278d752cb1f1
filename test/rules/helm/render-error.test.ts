// helm/render-error: a template that fails to render (fail, required, parse error) is one diagnostic on the
// failing action; the other templates still render and are linted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { NodeFileSystem } from '../../../server/src/hosts/node/nodeFileSystem';

const chart = join(__dirname, '..', '..', 'fixtures', 'helm', 'charts', 'harden-features');
const errorsValues = join(__dirname, '..', '..', 'fixtures', 'helm', 'scenarios', 'harden-features', 'errors.yaml');

function lint(path: string, valuesFiles: string[] = []) {
  const linter = new Linter({ helm: { valuesFiles } }, new NodeFileSystem());
  return linter.lint({ path, text: readFileSync(path, 'utf8') }).findings;
}

describe('helm/render-error', () => {
  it('reports `fail` on the action that failed, with its message', () => {
    const findings = lint(join(chart, 'templates', 'errors.yaml'), [errorsValues]).filter((f) => f.ruleId === 'helm/render-error');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /failHere was set/);
    assert.equal(findings[0].range.start.line, 0);
    assert.equal(findings[0].severity, 'error');
    assert.deepEqual(findings[0].fixes, []);
  });

  it('is silent when the template renders', () => {
    assert.deepEqual(
      lint(join(chart, 'templates', 'errors.yaml')).filter((f) => f.ruleId === 'helm/render-error'),
      [],
    );
  });

  it('a nil value dereferenced in a partial is reported in the partial', () => {
    const findings = lint(join(chart, 'templates', '_helpers.tpl'), [errorsValues]);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'helm/render-error'),
      [],
    );
    const deployment = lint(join(chart, 'templates', 'deployment.yaml'), [errorsValues]);
    assert.ok(!deployment.some((f) => f.ruleId === 'helm/render-error'), 'securityContext: null renders as an empty value');
  });
});
