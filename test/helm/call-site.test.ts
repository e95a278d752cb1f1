// A library template (Bitnami's common `_affinities.tpl`) prints a label its caller passed in a dict:
// `(dict "component" "customLabels" …)` at the call site becomes `printf "app.kubernetes.io/component: %s" $component`
// in the library. The finding belongs on the caller's literal, which the chart's owner edits, not on the library.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const LIBRARY = `{{- define "lib.antiAffinity" -}}
{{- $component := default "" .component -}}
preferredDuringSchedulingIgnoredDuringExecution:
  - weight: 1
    podAffinityTerm:
      labelSelector:
        matchLabels:
          app.kubernetes.io/name: web
          {{- if not (empty $component) }}
          {{ printf "app.kubernetes.io/component: %s" $component }}
          {{- end }}
      topologyKey: kubernetes.io/hostname
{{- end -}}
{{- define "lib.fallbackAccount" -}}
{{ default "default" .Values.accountName }}
{{- end -}}
`;

const deployment = (component: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
        app.kubernetes.io/component: server
    spec:
${extra}      affinity:
        podAntiAffinity: {{- include "lib.antiAffinity" (dict "component" "${component}" "context" $) | nindent 10 }}
      containers:
        - name: web
          image: web:1.0
`;

function lint(files: Record<string, string>, path: string): Finding[] {
  const linter = new Linter({}, chartFileSystem(files));
  return linter.lint({ path, text: files[path] }).findings;
}

const chart = (template: string, values = '{}\n') => ({
  '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  '/c/values.yaml': values,
  '/c/templates/_lib.tpl': LIBRARY,
  '/c/templates/deployment.yaml': template,
});

describe('Helm: a value a caller passes to a library template is reported at the call', () => {
  it('a wrong component in the dict: reported on the literal at the call site, naming the label', () => {
    const template = deployment('customLabels');
    const files = chart(template);
    const mismatches = lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/selector-mismatch');
    assert.equal(mismatches.length, 1, JSON.stringify(mismatches));
    const line = template.split('\n').findIndex((l) => l.includes('"customLabels"'));
    assert.equal(mismatches[0].range.start.line, line);
    assert.equal(mismatches[0].range.start.character, template.split('\n')[line].indexOf('"customLabels"') + 1);
    assert.match(mismatches[0].message, /requires app\.kubernetes\.io\/component=customLabels/);
    assert.deepEqual(
      lint(files, '/c/templates/_lib.tpl').filter((f) => f.ruleId === 'k8s/selector-mismatch'),
      [],
      'nothing on the library',
    );
  });

  it('the right component: silent', () => {
    const files = chart(deployment('server'));
    assert.deepEqual(
      lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/selector-mismatch'),
      [],
    );
  });

  it("a literal in a shared helper is the chart's fallback: the finding stays on the template that uses it", () => {
    const template = deployment('server', '      serviceAccountName: {{ include "lib.fallbackAccount" . }}\n');
    const files = chart(template);
    const defaults = lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/default-service-account');
    assert.equal(defaults.length, 1, JSON.stringify(defaults));
    assert.equal(
      defaults[0].range.start.line,
      template.split('\n').findIndex((l) => l.includes('serviceAccountName')),
    );
    assert.deepEqual(
      lint(files, '/c/templates/_lib.tpl').filter((f) => f.ruleId === 'k8s/default-service-account'),
      [],
    );
  });
});

describe('Helm: a chart is indexed as it renders, not as its masked template text', () => {
  it('a Service named {{ .Release.Name }} is "release-name" in what other templates say about it, not "?"', () => {
    const files: Record<string, string> = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      '/c/values.yaml': '{}\n',
      '/c/templates/_lib.tpl': LIBRARY,
      '/c/templates/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n    - port: 80\n  selector:\n    app.kubernetes.io/name: web\n',
      '/c/templates/deployment.yaml': deployment('server'),
    };
    const linter = new Linter({}, chartFileSystem(files));
    // As the CLI's first pass and the editor's workspace scan do: every file is indexed before any is linted.
    for (const path of ['/c/templates/service.yaml', '/c/templates/deployment.yaml']) linter.indexFile({ path, text: files[path] });
    const messages = linter
      .lint({ path: '/c/templates/deployment.yaml', text: files['/c/templates/deployment.yaml'] })
      .findings.filter((f) => f.ruleId === 'k8s/readiness-probe')
      .map((f) => f.message);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /Service "release-name"/);
  });
});
