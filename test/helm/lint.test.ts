// Linting a chart as it renders (issue 17): a finding on a value printed from values.yaml is reported on that
// values line with a fix that edits values.yaml; a finding on literal template text is reported (and fixed)
// in the template; a missing field is reported on the template's container; a template that does not render
// is one helm/render-error and is still linted as masked text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, parseConfig, type EngineSettings, type Finding } from '../../server/src/engine';
import { ChartParses } from '../../server/src/engine/testing';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';

const chart = join(__dirname, '..', 'fixtures', 'helm', 'lint', 'webapp');
const valuesPath = join(chart, 'values.yaml');
const deploymentPath = join(chart, 'templates', 'deployment.yaml');
const read = (p: string) => readFileSync(p, 'utf8');

function lint(path: string, text = read(path), settings: Partial<EngineSettings> = {}, linter = new Linter(settings, new NodeFileSystem())): Finding[] {
  return linter.lint({ path, text }).findings;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('Helm charts are linted as they render', () => {
  it('a privileged securityContext from values.yaml is reported on its values line, fixed in values.yaml', () => {
    const text = read(valuesPath);
    const findings = lint(valuesPath, text);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['k8s/privileged'],
    );
    assert.equal(findings[0].range.start.line, lineOf(text, 'privileged: true'));
    const fixed = applyTextEdits(text, findings[0].fixes.find((f) => !f.suppression)!.edits);
    assert.equal(fixed, text.replace('privileged: true', 'privileged: false'));
    assert.deepEqual(lint(valuesPath, fixed), [], 'the fixed values render a clean container');
  });

  it('the template gets what is literally written there, with fixes that edit the template', () => {
    const text = read(deploymentPath);
    const findings = lint(deploymentPath, text);
    const host = findings.find((f) => f.ruleId === 'k8s/host-namespaces')!;
    assert.equal(host.range.start.line, lineOf(text, 'hostNetwork: true'));
    const fixed = applyTextEdits(text, host.fixes.find((f) => !f.suppression)!.edits);
    assert.ok(!fixed.includes('hostNetwork'), 'hostNetwork removed from the template');
    assert.ok(fixed.includes('{{- toYaml .Values.securityContext | nindent 12 }}'), 'template actions untouched');
    assert.ok(!findings.some((f) => f.ruleId === 'k8s/privileged'), 'the values finding is not repeated on the template');
  });

  it('a missing field is reported on the template container where it would go', () => {
    const text = read(deploymentPath);
    const probe = lint(deploymentPath, text).find((f) => f.ruleId === 'k8s/liveness-probe')!;
    assert.equal(probe.range.start.line, lineOf(text, '- name: web'));
  });

  it('re-renders with unsaved values: the finding follows the edit', () => {
    const linter = new Linter({}, new NodeFileSystem());
    const text = read(valuesPath);
    assert.equal(lint(valuesPath, text, {}, linter).length, 1);
    assert.deepEqual(lint(valuesPath, text.replace('privileged: true', 'privileged: false'), {}, linter), []);
    assert.equal(lint(valuesPath, text, {}, linter).length, 1);
  });

  it('a template that does not render is one helm/render-error, and its text is still linted masked', () => {
    const secret = join(chart, 'templates', 'secret.yaml');
    const text = read(secret);
    const findings = lint(secret, text, { helm: { valuesFiles: [join(chart, '..', 'auth-values.yaml')] } });
    const errors = findings.filter((f) => f.ruleId === 'helm/render-error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /auth.password is required/);
    assert.equal(errors[0].range.start.line, lineOf(text, 'required'));
  });

  it('.harden.yaml helm settings are read and checked', () => {
    const ok = parseConfig('helm:\n  valuesFiles: [prod.yaml]\n  releaseName: web\n  namespace: shop\n  kubeVersion: "1.30"\n');
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.config.settings.helm, { valuesFiles: ['prod.yaml'], releaseName: 'web', namespace: 'shop', kubeVersion: '1.30' });
    assert.match(parseConfig('helm:\n  valuesFile: x.yaml\n').problems[0].message, /Unknown setting "helm.valuesFile"/);
  });

  it('release settings reach the templates', () => {
    const text = read(deploymentPath);
    const findings = lint(deploymentPath, text, { helm: { releaseName: 'shop' } });
    assert.match(findings.find((f) => f.ruleId === 'k8s/pdb-missing')!.message, /"shop-webapp"/);
  });

  it('one Linter across edits of values.yaml and a template reports what a fresh Linter reports each time', () => {
    const values = read(valuesPath);
    const template = read(deploymentPath);
    const edits: Array<[string, string]> = [
      [valuesPath, values.replace('privileged: true', 'privileged: false')],
      [deploymentPath, template],
      [valuesPath, values],
      [deploymentPath, `${template}# edited\n`],
      [valuesPath, values.replace('privileged: true', 'privileged: false')],
      [valuesPath, values],
    ];
    const kept = new Linter({}, new NodeFileSystem());
    for (const [path, text] of edits) {
      // The other file is read from disk: give the kept Linter the edited text only for the file being edited.
      assert.deepEqual(lint(path, text, {}, kept), lint(path, text), `after editing ${path}`);
    }
  });
});

describe('ChartParses', () => {
  it('an unchanged file is parsed once; what the last load did not use is dropped at the next', () => {
    const parses = new ChartParses();
    const a = parses.parse('replicas: 1\n', 'values.yaml');
    parses.settle();
    assert.equal(parses.parse('replicas: 1\n', 'values.yaml'), a, 'the same text, the same parse');
    assert.notEqual(parses.parse('replicas: 1\n', 'charts/db/values.yaml'), a, 'names are part of the key (origins name the file)');
    parses.settle();
    parses.parse('replicas: 2\n', 'values.yaml');
    parses.settle();
    parses.settle();
    assert.notEqual(parses.parse('replicas: 1\n', 'values.yaml'), a, 'a text no load used for two loads is parsed again');
  });
});
