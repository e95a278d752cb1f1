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
const lint = (path: string, text = readFileSync(path, 'utf8'), settings: ConstructorParameters<typeof Linter>[0] = {}) =>
  new Linter(settings, new NodeFileSystem()).lint({ path, text }).findings;

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

  it('a v1 chart lists its dependencies in requirements.yaml (loki-stack): they are missing dependencies too', () => {
    const template = join(fixtures, 'v1-requirements', 'templates', 'datasource.yaml');
    assert.deepEqual(
      lint(template).filter((f) => f.ruleId === 'helm/render-error'),
      [],
    );
  });

  it("a template that reads the dependency's values (nil without its values.yaml) is no render error either", () => {
    for (const template of ['role.yaml', 'secret-ref.yaml']) {
      assert.deepEqual(
        lint(join(fixtures, 'missing-dep', 'templates', template)).filter((f) => f.ruleId === 'helm/render-error'),
        [],
        template,
      );
    }
  });
});

describe('Helm charts whose dependencies are not vendored: what they cannot explain', () => {
  it("a nil value read from the chart's own values (a typo) is a render error, missing dependency or not", () => {
    const errors = lint(join(fixtures, 'missing-dep', 'templates', 'own-typo.yaml')).filter((f) => f.ruleId === 'helm/render-error');
    assert.deepEqual(
      errors.map((f) => [f.range.start.line, f.message]),
      [[6, 'Helm cannot render missing-dep/templates/own-typo.yaml: nil pointer evaluating interface {}.limits']],
    );
  });
});

describe('Helm charts that require values their values.yaml leaves out', () => {
  const secret = join(fixtures, 'needs-values', 'templates', 'secret.yaml');
  it('with the default values only, the failed required is an info that says to lint with the deployed values', () => {
    const errors = lint(secret).filter((f) => f.ruleId === 'helm/render-error');
    assert.deepEqual(
      errors.map((f) => [f.severity, f.range.start.line, f.message]),
      [
        [
          'info',
          6,
          "Helm cannot render needs-values/templates/secret.yaml with the chart's default values (error calling required: database.password is required): lint it with the values you deploy with (--values, or helm.valuesFiles in .harden.yaml).",
        ],
      ],
    );
  });
  it('a fail for want of values is the same (grafana pdc-agent: "Either tokenSecretName or insecureTokenValue must be provided")', () => {
    const template = join(fixtures, 'needs-values', 'templates', 'token.yaml');
    assert.deepEqual(
      lint(template)
        .filter((f) => f.ruleId === 'helm/render-error')
        .map((f) => f.severity),
      ['info'],
    );
  });
  it('with values files given that still leave it out, it is an error', () => {
    const errors = lint(secret, undefined, { helm: { valuesFiles: [join(fixtures, 'needs-values', 'other-values.yaml')] } }).filter(
      (f) => f.ruleId === 'helm/render-error',
    );
    assert.deepEqual(
      errors.map((f) => [f.severity, f.message]),
      [['error', 'Helm cannot render needs-values/templates/secret.yaml: error calling required: database.password is required']],
    );
  });
});

describe('Helm charts and cross-file rules', () => {
  it("a PodDisruptionBudget of a workload written inside range (tempo-distributed's ingester) is not 'protects nothing'", () => {
    const pdb = join(fixtures, 'ranged-workload', 'templates', 'pdb.yaml');
    const linter = new Linter({}, new NodeFileSystem());
    // The workspace pass first, as the CLI and the editor index every file before linting.
    for (const name of ['statefulset.yaml', 'deployment.yaml', 'pdb.yaml']) {
      const path = join(fixtures, 'ranged-workload', 'templates', name);
      linter.indexFile({ path, text: readFileSync(path, 'utf8') });
    }
    const findings = linter.lint({ path: pdb, text: readFileSync(pdb, 'utf8') }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/pdb-selector').map((f) => f.message),
      [],
    );
  });
});
