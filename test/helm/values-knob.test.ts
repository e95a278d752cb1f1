// A chart's knobs live in values.yaml: `securityContext: {}` printed by `{{ toYaml .Values.securityContext | nindent 12
// }}` (helm create's layout). A finding whose fix fills such a node is reported on that values line, and its fix edits
// values.yaml: applied, the chart renders without the finding, the template is untouched, a second run changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Linter, applyTextEdits, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const CHART = 'apiVersion: v2\nname: web\nversion: 1.0.0\n';
const VALUES = '/c/values.yaml';
const DEPLOYMENT = '/c/templates/deployment.yaml';

// helm create's values and deployment, cut to what the rules read.
const HELM_CREATE_VALUES = `replicaCount: 1
podSecurityContext: {}
  # fsGroup: 2000

securityContext: {}
  # capabilities:
  #   drop:
  #   - ALL

resources: {}
  # limits:
  #   cpu: 100m
  #   memory: 128Mi
`;

const deployment = (containerExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: web
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: nginx:1.27.3
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
${containerExtra}`;

function chart(values: string, template = deployment(), extra: Record<string, string> = {}): Record<string, string> {
  return { '/c/Chart.yaml': CHART, [VALUES]: values, [DEPLOYMENT]: template, ...extra };
}

function lint(files: Record<string, string>, path: string): Finding[] {
  return new Linter({}, chartFileSystem(files)).lint({ path, text: files[path] }).findings;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));
const only = (findings: Finding[], ruleId: string) => {
  const found = findings.filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `one ${ruleId}: ${JSON.stringify(findings.map((f) => f.ruleId))}`);
  return found[0];
};
const fixOf = (finding: Finding) => {
  const fix = finding.fixes.find((f) => !f.suppression);
  assert.ok(fix, `${finding.ruleId} has a fix`);
  return fix;
};

describe('Helm: a fix that fills a values node goes to values.yaml', () => {
  it("helm create's `securityContext: {}`: reported on that line, a safe fix written there as a block, comments kept", () => {
    const files = chart(HELM_CREATE_VALUES);
    const finding = only(lint(files, VALUES), 'k8s/allow-privilege-escalation');
    assert.equal(finding.range.start.line, lineOf(HELM_CREATE_VALUES, 'securityContext: {}') + 0);
    assert.ok(finding.message.includes('templates/deployment.yaml'), finding.message);
    assert.ok(
      lint(files, DEPLOYMENT).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'),
      'not also on the template',
    );
    const fix = fixOf(finding);
    assert.equal(fix.kind, 'safe');
    assert.equal(fix.isPreferred, true);
    const fixed = applyTextEdits(HELM_CREATE_VALUES, fix.edits);
    assert.equal(fixed, HELM_CREATE_VALUES.replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false'));
    assert.deepEqual(parseDocument(fixed).errors, []);
    const after = chart(fixed);
    assert.ok(
      lint(after, VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'),
      'the rendered container sets it',
    );
    assert.ok(lint(after, DEPLOYMENT).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
  });

  it('the pod-level fixes fill podSecurityContext, the resource fixes resources', () => {
    const findings = lint(chart(HELM_CREATE_VALUES), VALUES);
    assert.equal(only(findings, 'k8s/seccomp-profile').range.start.line, lineOf(HELM_CREATE_VALUES, 'podSecurityContext: {}'));
    assert.equal(only(findings, 'k8s/memory-limit').range.start.line, lineOf(HELM_CREATE_VALUES, 'resources: {}'));
    // The suppression comment still goes in the template, named in the title.
    const suppression = only(findings, 'k8s/memory-limit').fixes.find((f) => f.suppression)!;
    assert.deepEqual(suppression.edits, []);
    assert.equal(suppression.otherFiles?.[0].path, DEPLOYMENT);
    assert.match(suppression.title, /in templates\/deployment\.yaml:18$/);
  });

  it('a filled map gets the missing key beside the ones it has, as the file writes them', () => {
    const values = 'resources:\n  requests:\n    cpu: 100m\n    memory: 256Mi  # measured\n';
    const finding = only(lint(chart(values), VALUES), 'k8s/memory-limit');
    assert.equal(finding.range.start.line, 0);
    const fixed = applyTextEdits(values, fixOf(finding).edits);
    assert.equal(fixed, `${values}  limits:\n    memory: 256Mi\n`);
    assert.ok(lint(chart(fixed), VALUES).every((f) => f.ruleId !== 'k8s/memory-limit'));
  });

  it("the fix's comment on a line it writes (the placeholder limit to tune) is written in values.yaml too", () => {
    const values = 'resources:\n  requests:\n    cpu: 100m\n';
    const finding = only(lint(chart(values), VALUES), 'k8s/memory-limit');
    const fixed = applyTextEdits(values, fixOf(finding).edits);
    assert.equal(fixed, `${values}  limits:\n    memory: 128Mi  # placeholder: tune to measured usage\n`);
    assert.ok(lint(chart(fixed), VALUES).every((f) => f.ruleId !== 'k8s/memory-limit'));
  });

  it('fix-all on values.yaml: every safe fix lands there, the template is untouched, a second run changes nothing', () => {
    const files = chart(HELM_CREATE_VALUES);
    const linter = new Linter({}, chartFileSystem(files));
    const first = linter.fixAll({ path: VALUES, text: HELM_CREATE_VALUES });
    assert.notEqual(first.text, HELM_CREATE_VALUES);
    assert.deepEqual(parseDocument(first.text).errors, []);
    assert.ok(first.text.includes('  # capabilities:\n  #   drop:'), 'the commented example stays');
    const again = new Linter({}, chartFileSystem(chart(first.text))).fixAll({ path: VALUES, text: first.text });
    assert.equal(again.text, first.text);
  });

  it('a values node two templates print: the fix is a suggestion (it changes both workloads)', () => {
    const job = deployment().replace('kind: Deployment', 'kind: StatefulSet').replace('{{ .Release.Name }}', 'db');
    const files = chart(HELM_CREATE_VALUES, deployment(), { '/c/templates/statefulset.yaml': job });
    const findings = lint(files, VALUES).filter((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.equal(findings.length, 2, 'one per workload');
    for (const finding of findings) {
      const fix = fixOf(finding);
      assert.equal(fix.kind, 'suggestion');
      assert.equal(fix.isPreferred, false);
    }
  });

  it('a values node a template also tests in a condition: the fix is a suggestion (filling it flips the branch)', () => {
    // opentelemetry-collector's _pod.tpl: with storeCheckpoints and no securityContext, the agent runs as root.
    const tested = deployment().replace(
      '            {{- toYaml .Values.securityContext | nindent 12 }}\n',
      '            {{- if and (not .Values.securityContext) .Values.storeCheckpoints }}\n            runAsUser: 0\n            {{- else }}\n            {{- toYaml .Values.securityContext | nindent 12 }}\n            {{- end }}\n',
    );
    const fix = fixOf(only(lint(chart(HELM_CREATE_VALUES, tested), VALUES), 'k8s/allow-privilege-escalation'));
    assert.deepEqual(
      [fix.kind, fix.isPreferred, fix.title],
      ['suggestion', false, 'Set allowPrivilegeEscalation: false in values.yaml (a template also tests it in a condition)'],
    );
    // Printed alone (helm create), the same fix is safe.
    assert.equal(fixOf(only(lint(chart(HELM_CREATE_VALUES), VALUES), 'k8s/allow-privilege-escalation')).kind, 'safe');
  });

  it('`{{- with .Values.securityContext }}` that rendered nothing: the fix fills the values node the block prints', () => {
    const template = deployment().replace(
      '          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n',
      '          {{- with .Values.securityContext }}\n          securityContext:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    );
    assert.ok(template.includes('with .Values.securityContext'));
    const files = chart(HELM_CREATE_VALUES, template);
    const finding = only(lint(files, VALUES), 'k8s/allow-privilege-escalation');
    assert.equal(finding.range.start.line, lineOf(HELM_CREATE_VALUES, 'securityContext: {}'));
    const fix = fixOf(finding);
    assert.equal(fix.kind, 'safe');
    const fixed = applyTextEdits(HELM_CREATE_VALUES, fix.edits);
    assert.equal(fixed, HELM_CREATE_VALUES.replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false'));
    const after = chart(fixed, template);
    assert.ok(lint(after, VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
    assert.ok(lint(after, DEPLOYMENT).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
  });

  for (const [form, block] of [
    [
      '`{{- if .Values.securityContext }}` with the key printing its value on its line',
      '          {{- if .Values.securityContext }}\n          securityContext: {{ toYaml .Values.securityContext | nindent 12 }}\n          {{- end }}\n',
    ],
    [
      '`{{- with .Values.securityContext }}` with `securityContext: {{- toYaml . | nindent 12 }}`',
      '          {{- with .Values.securityContext }}\n          securityContext: {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    ],
  ]) {
    it(`${form} (ingress-nginx's jobs): the fix fills the values node`, () => {
      const template = deployment().replace('          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n', block);
      assert.ok(template.includes('.Values.securityContext }}\n'));
      const finding = only(lint(chart(HELM_CREATE_VALUES, template), VALUES), 'k8s/allow-privilege-escalation');
      assert.equal(finding.range.start.line, lineOf(HELM_CREATE_VALUES, 'securityContext: {}'));
      const fixed = applyTextEdits(HELM_CREATE_VALUES, fixOf(finding).edits);
      assert.equal(fixed, HELM_CREATE_VALUES.replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false'));
      const after = chart(fixed, template);
      assert.ok(lint(after, VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
      assert.ok(lint(after, DEPLOYMENT).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation' && f.ruleId !== 'harden/parse-error'));
    });
  }

  it('a container written by a helper (`define` in _helpers.tpl): its finding moves to values.yaml, safe while one template includes it', () => {
    const helper = `{{- define "web.podSpec" -}}
containers:
  - name: web
    image: nginx:1.27.3
    {{- with .Values.securityContext }}
    securityContext:
      {{- toYaml . | nindent 6 }}
    {{- end }}
{{- end }}
`;
    const values = 'securityContext: {}\n';
    const workload = (kind: string, extra = '') => `${extra}apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      {{- include "web.podSpec" . | nindent 6 }}
${extra ? '{{- end }}\n' : ''}`;
    const helperFiles = (more: Record<string, string> = {}) => chart(values, workload('Deployment'), { '/c/templates/_helpers.tpl': helper, ...more });
    const finding = only(lint(helperFiles(), VALUES), 'k8s/allow-privilege-escalation');
    const fix = fixOf(finding);
    assert.equal(fix.kind, 'safe');
    const fixed = applyTextEdits(values, fix.edits);
    assert.equal(fixed, 'securityContext:\n  allowPrivilegeEscalation: false\n');
    assert.ok(
      lint(chart(fixed, workload('Deployment'), { '/c/templates/_helpers.tpl': helper }), VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'),
    );
    // A StatefulSet that includes the same define under other values: the fix changes it too.
    const shared = helperFiles({ '/c/templates/statefulset.yaml': workload('StatefulSet', '{{- if .Values.statefulSet }}\n') });
    assert.equal(fixOf(only(lint(shared, VALUES), 'k8s/allow-privilege-escalation')).kind, 'suggestion');
  });

  it('no fix writes into the template a key that a `with` block there writes once its value is set (twice then)', () => {
    const template = deployment().replace(
      '          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n',
      '          {{- with .Values.containerSecurity }}\n          securityContext:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    );
    const files = chart('resources: {}\n', template); // containerSecurity is not in values.yaml: nothing to fill
    const finding = only(lint(files, DEPLOYMENT), 'k8s/allow-privilege-escalation');
    assert.deepEqual(
      finding.fixes.filter((f) => !f.suppression).map((f) => f.title),
      [],
    );
  });

  it('a block that writes more than the values node: the finding stays on the template (the re-render differs)', () => {
    const template = deployment().replace(
      '          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n',
      '          {{- with .Values.securityContext }}\n          securityContext:\n            privileged: false\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    );
    const files = chart(HELM_CREATE_VALUES, template);
    assert.ok(lint(files, VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
    assert.equal(only(lint(files, DEPLOYMENT), 'k8s/allow-privilege-escalation').range.start.line, lineOf(template, '- name: web'));
  });

  it('a template that writes keys beside the printed node keeps the finding: values.yaml alone is not the container', () => {
    const template = deployment().replace(
      '{{- toYaml .Values.securityContext | nindent 12 }}',
      '{{- toYaml .Values.securityContext | nindent 12 }}\n            readOnlyRootFilesystem: true',
    );
    const values = 'securityContext:\n  runAsNonRoot: true\n';
    const files = chart(values, template);
    const finding = only(lint(files, DEPLOYMENT), 'k8s/allow-privilege-escalation');
    assert.equal(finding.range.start.line, lineOf(template, '- name: web'));
    assert.ok(lint(files, VALUES).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
  });

  it('a filled node, keys not in the order toYaml sorts them: the missing key goes into it, not after the template action', () => {
    const values = 'securityContext:\n  runAsUser: 1000\n  capabilities:\n    drop: [ALL]\n';
    const files = chart(values);
    const finding = only(lint(files, VALUES), 'k8s/allow-privilege-escalation');
    assert.equal(finding.range.start.line, 0);
    const fixed = applyTextEdits(values, fixOf(finding).edits);
    assert.equal(fixed, `${values}  allowPrivilegeEscalation: false\n`);
    assert.ok(lint(files, DEPLOYMENT).every((f) => f.ruleId !== 'k8s/allow-privilege-escalation'));
  });

  it('a trailing comment on `key: {}` stays on the key line', () => {
    const values = 'resources: {}  # see the README\n';
    const finding = only(lint(chart(values), VALUES), 'k8s/memory-limit');
    const fixed = applyTextEdits(values, fixOf(finding).edits);
    assert.equal(fixed, 'resources:  # see the README\n  limits:\n    memory: 128Mi\n');
  });

  it('a `with` block two templates hold: the values fix is a suggestion (it changes both workloads)', () => {
    const template = deployment().replace(
      '          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n',
      '          {{- with .Values.securityContext }}\n          securityContext:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    );
    const worker = template.replace('{{ .Release.Name }}', 'worker');
    const findings = lint(chart(HELM_CREATE_VALUES, template, { '/c/templates/worker.yaml': worker }), VALUES).filter(
      (f) => f.ruleId === 'k8s/allow-privilege-escalation',
    );
    assert.equal(findings.length, 2);
    for (const finding of findings) assert.equal(fixOf(finding).kind, 'suggestion');
  });
});

describe('Helm: a template fix never lands where it renders only sometimes', () => {
  it('after the last lines of an `{{ if }}` block: no fix (it would render only while the block does)', () => {
    const template = deployment()
      .replace(/ {10}securityContext:\n.*\n/, '')
      .replace(
        / {10}resources:\n.*\n/,
        '          {{- if .Values.ports.enabled }}\n          ports:\n            - containerPort: 80\n          {{- end }}\n      {{- include "empty" . | nindent 6 }}\n',
      );
    const files = chart('podSecurityContext: {}\nports:\n  enabled: true\n', template, { '/c/templates/_helpers.tpl': '{{- define "empty" }}{{- end }}\n' });
    const finding = only(lint(files, DEPLOYMENT), 'k8s/allow-privilege-escalation');
    assert.deepEqual(
      finding.fixes.filter((f) => !f.suppression).map((f) => f.title),
      [],
    );
  });

  it('between a key and the actions that print its value (`env:` then `{{- if .Values.env }}…`): no fix', () => {
    const template = deployment()
      .replace(/ {10}securityContext:\n.*\n/, '')
      .replace(
        / {10}resources:\n.*\n/,
        '          env:\n            {{- if .Values.env }}\n              {{- toYaml .Values.env | nindent 12 }}\n            {{- end -}}\n',
      );
    const finding = only(lint(chart('podSecurityContext: {}\n', template), DEPLOYMENT), 'k8s/allow-privilege-escalation');
    assert.deepEqual(
      finding.fixes.filter((f) => !f.suppression).map((f) => f.title),
      [],
    );
  });

  it('into a map a values file from outside the chart printed (`--values prod.yaml`): no template fix', () => {
    const files = chart(HELM_CREATE_VALUES, deployment(), { '/prod.yaml': 'securityContext:\n  runAsUser: 1000\n' });
    const findings = new Linter({ helm: { valuesFiles: ['/prod.yaml'] } }, chartFileSystem(files)).lint({ path: DEPLOYMENT, text: files[DEPLOYMENT] }).findings;
    const finding = only(findings, 'k8s/allow-privilege-escalation');
    assert.deepEqual(
      finding.fixes.filter((f) => !f.suppression).map((f) => f.title),
      [],
    );
  });
});
