// Suppression comments: exactly the named rule, exactly the next code line (or the whole file); stale ones reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits } from '../../server/src/engine';

const POD = (containerPrelude = '', filePrelude = '') => `${filePrelude}apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${containerPrelude}  - name: a
    image: a:1
    securityContext:
      privileged: true
`;

function lint(text: string, path = '/w/p.yaml') {
  return new Linter().lint({ path, text });
}

function ids(text: string, path?: string): string[] {
  return lint(text, path).findings.map((f) => f.ruleId);
}

describe('suppression comments', () => {
  it('next-line: suppresses only the named rule, only on the next code line', () => {
    const base = ids(POD());
    assert.ok(base.includes('k8s/privileged') && base.includes('k8s/run-as-non-root'));
    const text = POD().replace('      privileged: true', '      # harden-disable-next-line k8s/privileged -- debug pod\n      privileged: true');
    const result = lint(text);
    const after = result.findings.map((f) => f.ruleId);
    assert.ok(!after.includes('k8s/privileged'));
    assert.ok(after.includes('k8s/run-as-non-root'), 'other rules still report');
    assert.equal(result.suppressed, 1);
    assert.ok(!after.includes('harden/unused-suppression'));
  });

  it('next-line with several ids and stacked directives', () => {
    const text = POD('  # harden-disable-next-line k8s/run-as-non-root,k8s/seccomp-profile\n  # harden-disable-next-line k8s/allow-privilege-escalation\n');
    const after = ids(text);
    for (const id of ['k8s/run-as-non-root', 'k8s/seccomp-profile', 'k8s/allow-privilege-escalation']) assert.ok(!after.includes(id), id);
    assert.ok(after.includes('k8s/privileged'));
  });

  it('a bare directive suppresses every rule on that line only', () => {
    const after = ids(POD('  # harden-disable-next-line\n'));
    assert.ok(!after.includes('k8s/run-as-non-root'));
    assert.ok(after.includes('k8s/privileged'), 'line 11 is not the next line');
  });

  it('file directive suppresses the named rule everywhere in the file', () => {
    const text = `# harden-disable-file k8s/run-as-non-root\n${POD()}---\n${POD()}`;
    const after = ids(text);
    assert.ok(!after.includes('k8s/run-as-non-root'));
    assert.equal(after.filter((id) => id === 'k8s/privileged').length, 2);
  });

  it('reports a directive that suppresses nothing, and an unknown id, with a fix that removes it', () => {
    const text = POD('  # harden-disable-next-line k8s/host-path\n');
    const result = lint(text);
    const unused = result.findings.filter((f) => f.ruleId === 'harden/unused-suppression');
    assert.equal(unused.length, 1);
    assert.match(unused[0].message, /k8s\/host-path suppresses nothing/);
    assert.equal(unused[0].severity, 'info');
    const fixed = applyTextEdits(text, unused[0].fixes[0].edits);
    assert.equal(fixed, POD());
    const typo = lint(POD('  # harden-disable-next-line k8s/run-as-nonroot\n')).findings.filter((f) => f.ruleId === 'harden/unused-suppression');
    assert.match(typo[0].message, /unknown rule "k8s\/run-as-nonroot"/);
  });

  it('drops only the stale id from a directive that is partly used', () => {
    const text = POD('  # harden-disable-next-line k8s/run-as-non-root,k8s/host-path -- reviewed\n');
    const unused = lint(text).findings.filter((f) => f.ruleId === 'harden/unused-suppression');
    assert.equal(unused.length, 1);
    const fixed = applyTextEdits(text, unused[0].fixes[0].edits);
    assert.ok(fixed.includes('  # harden-disable-next-line k8s/run-as-non-root -- reviewed\n'));
  });

  it('a directive for a rule switched off is not stale', () => {
    const linter = new Linter({ rules: { 'k8s/host-path': 'off' } });
    const result = linter.lint({ path: '/w/p.yaml', text: POD('  # harden-disable-next-line k8s/host-path\n') });
    assert.ok(!result.findings.some((f) => f.ruleId === 'harden/unused-suppression'));
  });

  it('every finding offers "Suppress <rule> for this line", and applying it silences exactly that finding', () => {
    const text = POD();
    const before = lint(text).findings;
    const privileged = before.find((f) => f.ruleId === 'k8s/privileged')!;
    const suppress = privileged.fixes.find((f) => f.title === 'Suppress k8s/privileged for this line')!;
    assert.equal(suppress.isPreferred, false);
    const after = applyTextEdits(text, suppress.edits);
    assert.ok(after.includes('      # harden-disable-next-line k8s/privileged\n      privileged: true'));
    const afterIds = lint(after).findings.map((f) => f.ruleId);
    assert.deepEqual(
      afterIds.sort(),
      before
        .map((f) => f.ruleId)
        .filter((id) => id !== 'k8s/privileged')
        .sort(),
    );
  });

  it('hadolint pragmas map through the aliases (Dockerfile)', () => {
    const docker = 'FROM alpine:3.19\n# hadolint ignore=DL3002\nUSER root\n';
    const without = ids('FROM alpine:3.19\nUSER root\n', '/w/Dockerfile');
    if (!without.includes('docker/user-root')) return; // the Dockerfile rules are not registered in this build
    assert.ok(!ids(docker, '/w/Dockerfile').includes('docker/user-root'));
    assert.ok(!ids('# hadolint global ignore=DL3002\nFROM alpine:3.19\nUSER root\n', '/w/Dockerfile').includes('docker/user-root'));
  });
});
