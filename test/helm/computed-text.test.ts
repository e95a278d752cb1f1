// Rendered text a template function computed whole (`tpl`, `fromYaml`, `toYaml` of a dict) has no source of its own:
// its findings go to the template text written just before it, never nowhere. A values file given from outside the
// chart (`--values prod.yaml`) is not linted, so the template says what its values broke. And a fix's inserted lines
// land in a template only where the rendered order of lines is the template's whatever the values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type EngineSettings, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const CHART = 'apiVersion: v2\nname: web\nversion: 1.0.0\n';

function lint(files: Record<string, string>, path: string, settings: Partial<EngineSettings> = {}): Finding[] {
  return new Linter(settings, chartFileSystem(files)).lint({ path, text: files[path] }).findings;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

const deployment = (securityContext: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
${securityContext}`;

describe('Helm: findings in computed text', () => {
  it('a privileged container merged through tpl | fromYaml (Bitnami common.tplvalues.merge) is reported on the line before', () => {
    const template = deployment('            {{- include "merge" (dict "values" (list .Values.sc .Values.extra) "context" $) | nindent 12 }}\n');
    const files = {
      '/c/Chart.yaml': CHART,
      '/c/values.yaml': 'sc:\n  privileged: true\nextra: {}\n',
      '/c/templates/_merge.tpl':
        '{{- define "merge" -}}\n{{- $dst := dict -}}\n{{- range .values -}}\n{{- $dst = tpl (toYaml .) $.context | fromYaml | merge $dst -}}\n{{- end -}}\n{{ $dst | toYaml }}\n{{- end -}}\n',
      '/c/templates/deployment.yaml': template,
    };
    const privileged = lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/privileged');
    assert.equal(privileged.length, 1, 'reported, not dropped');
    assert.equal(privileged[0].range.start.line, lineOf(template, 'securityContext:'));
  });

  it('a dict rendered by toYaml: the same', () => {
    const template = deployment('            {{- dict "privileged" true | toYaml | nindent 12 }}\n');
    const files = { '/c/Chart.yaml': CHART, '/c/values.yaml': '{}\n', '/c/templates/deployment.yaml': template };
    const privileged = lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/privileged');
    assert.deepEqual(
      privileged.map((f) => f.range.start.line),
      [lineOf(template, 'securityContext:')],
    );
  });

  it('a values file from outside the chart that breaks the YAML: the parse error is on the template, naming the value', () => {
    const template = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
  {{- with .Values.ns }}
  nodeSelector:
{{ toYaml . | indent 4 }}
  {{- end }}
      stdin: true
`;
    const files = {
      '/c/Chart.yaml': CHART,
      '/c/values.yaml': 'ns: {}\n',
      '/c/templates/pod.yaml': template,
      '/elsewhere/prod.yaml': 'ns:\n  disktype: ssd\n',
    };
    assert.deepEqual(
      lint(files, '/c/templates/pod.yaml').filter((f) => f.ruleId === 'harden/parse-error'),
      [],
      'fine with the chart values',
    );
    const errors = lint(files, '/c/templates/pod.yaml', { helm: { valuesFiles: ['/elsewhere/prod.yaml'] } }).filter((f) => f.ruleId === 'harden/parse-error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].range.start.line, lineOf(template, 'nodeSelector:'));
    // Named relative to the chart when the host gives no name (the CLI names it as given): never by its absolute path.
    assert.match(errors[0].message, /\(the value comes from \.\.\/elsewhere\/prod\.yaml:2\)$/);
  });
});

describe('Helm: inserted lines go where the template keeps their order', () => {
  const fixTitles = (files: Record<string, string>, path: string) =>
    lint(files, path)
      .filter((f) => f.ruleId === 'k8s/allow-privilege-escalation')
      .flatMap((f) => f.fixes.filter((x) => !x.title.startsWith('Suppress ')));

  it('after a node selector block that renders nothing by default: no fix (it would land in the pod spec once one is set)', () => {
    const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: demo
  template:
    metadata:
      labels:
        app: demo
    spec:
      containers:
        - name: app
          image: "nginx:1.27"
          resources:
{{ toYaml .Values.resources | indent 12 }}
    {{- with .Values.nodeSelector }}
      nodeSelector:
{{ toYaml . | indent 8 }}
            {{- end }}
`;
    const files = { '/c/Chart.yaml': CHART, '/c/values.yaml': 'resources: {}\nnodeSelector: {}\n', '/c/templates/deployment.yaml': template };
    assert.equal(lint(files, '/c/templates/deployment.yaml').filter((f) => f.ruleId === 'k8s/allow-privilege-escalation').length, 1, 'reported');
    assert.deepEqual(fixTitles(files, '/c/templates/deployment.yaml'), []);
  });

  it('after a line whose end one action printed (a templated image): the fix is offered, and it re-renders clean', () => {
    const template = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: {{ .Values.image }}
  restartPolicy: Always
`;
    const files = { '/c/Chart.yaml': CHART, '/c/values.yaml': 'image: nginx:1.27\n', '/c/templates/pod.yaml': template };
    const [fix] = fixTitles(files, '/c/templates/pod.yaml');
    assert.ok(fix, 'offered');
    assert.equal(fix.edits.length, 1);
    const lines = template.split('\n');
    const { start, end } = fix.edits[0].range;
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const fixed = template.slice(0, offset(start)) + fix.edits[0].newText + template.slice(offset(end));
    assert.match(fixed, /image: \{\{ \.Values\.image \}\}\n {6}securityContext:\n {8}allowPrivilegeEscalation: false\n {2}restartPolicy: Always\n/);
    assert.deepEqual(
      lint({ ...files, '/c/templates/pod.yaml': fixed }, '/c/templates/pod.yaml').filter((f) => f.ruleId === 'k8s/allow-privilege-escalation'),
      [],
    );
  });
});
