// A real chart (the `helm create` scaffold, test/fixtures/helm/mychart): every template lints without a
// crash, without parse noise and without "missing field" findings; what is literally wrong is still reported.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits } from '../../server/src/engine';

const chart = join(__dirname, '..', 'fixtures', 'helm', 'mychart', 'templates');

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

// Findings about something being absent: in a template, a template action may produce it.
const ABSENCE = /has no |does not |without|no runAsNonRoot|not set|uses the namespace's default|gets a Kubernetes API token/;

describe('Helm chart templates', () => {
  for (const path of templates(chart)) {
    const name = path.slice(chart.length + 1);
    it(`${name}: no parse errors and no "missing" findings`, () => {
      const text = readFileSync(path, 'utf8');
      const { findings } = new Linter().lint({ path, text });
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'harden/parse-error'),
        [],
      );
      // An image written without a tag is present and wrong, not absent (the scaffold's test pod uses `busybox`).
      const absent = findings.filter((f) => ABSENCE.test(f.message) && f.ruleId !== 'k8s/image-tag');
      assert.deepEqual(
        absent.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        'no findings about absent fields',
      );
    });
  }

  it('still reports what is plainly written and wrong, and fixes it without touching template text', () => {
    const path = join(chart, 'privileged-debug.yaml');
    const text = readFileSync(path, 'utf8');
    const { findings } = new Linter().lint({ path, text });
    const ids = findings.map((f) => f.ruleId);
    for (const id of ['k8s/privileged', 'k8s/host-namespaces', 'k8s/dangerous-capabilities']) assert.ok(ids.includes(id), id);
    const privileged = findings.find((f) => f.ruleId === 'k8s/privileged')!;
    const fixed = applyTextEdits(text, privileged.fixes[0].edits);
    assert.ok(fixed.includes('privileged: false'));
    assert.equal(fixed.replace('privileged: false', 'privileged: true'), text);
  });

  it("reports the literal untagged image of the scaffold's test pod", () => {
    const path = join(chart, 'tests', 'test-connection.yaml');
    const { findings } = new Linter().lint({ path, text: readFileSync(path, 'utf8') });
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['k8s/image-tag'],
    );
  });

  it('inline template values are unknown: no finding, no fix that copies them', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: "{{ .Values.image }}"
    securityContext:
      privileged: {{ .Values.privileged }}
      runAsNonRoot: {{ .Values.nonRoot }}
`;
    const { findings } = new Linter().lint({ path: '/w/templates/pod.yaml', text });
    const ids = findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('k8s/privileged'));
    assert.ok(!ids.includes('k8s/run-as-non-root'));
    assert.ok(!ids.includes('k8s/image-tag'));
    for (const f of findings) for (const fix of f.fixes) for (const e of fix.edits) assert.ok(!e.newText.includes('\u2060'));
  });

  it('a template without key-producing actions still gets "missing" findings (they are knowable)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ .Release.Name }}"\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n';
    const ids = new Linter().lint({ path: '/w/templates/pod.yaml', text }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('k8s/run-as-non-root'));
  });

  it('if/else branches that write the same key are not a duplicate-key error', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  {{- if .Values.ha }}\n  replicas: 3\n  {{- else }}\n  replicas: 1\n  {{- end }}\n';
    const { findings } = new Linter().lint({ path: '/w/templates/d.yaml', text });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'harden/parse-error'),
      [],
    );
  });
});
