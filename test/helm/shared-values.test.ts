// Values many rendered objects read, and values files the lint is given. A default a `range` prints into every
// component's Deployment (opentelemetry-demo's `default.replicas`) is one finding whose fix says it changes them all; a
// component's own `replicas: 1` over that default was written on purpose. A tag defaulted to Chart.yaml's `appVersion`
// is reported there, once. A `--values` file is named as given, and `--fix` does not edit it (a chart-testing ci/ file).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, type EngineSettings, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const CHART = 'apiVersion: v2\nname: c\nversion: 1.0.0\n';

const COMPONENTS = `{{- range $name, $c := .Values.components }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
spec:
  replicas: {{ $c.replicas | default $.Values.default.replicas }}
  selector:
    matchLabels:
      app: {{ $name }}
  template:
    metadata:
      labels:
        app: {{ $name }}
    spec:
      containers:
        - name: {{ $name }}
          image: ghcr.io/example/{{ $name }}:1.0.0
{{- end }}
`;

function lint(files: Record<string, string>, path: string, settings: Partial<EngineSettings> = {}): Finding[] {
  return new Linter(settings, chartFileSystem(files)).lint({ path, text: files[path] }).findings;
}

describe('Helm: a values scalar several workloads read', () => {
  const values = 'default:\n  replicas: 1\ncomponents:\n  cart: {}\n  search: {}\n  queue:\n    replicas: 1\n';
  const files = { '/c/Chart.yaml': CHART, '/c/values.yaml': values, '/c/templates/components.yaml': COMPONENTS };

  it('is one finding naming the workloads, whose fix says it changes every workload that reads it', () => {
    const found = lint(files, '/c/values.yaml').filter((f) => f.ruleId === 'k8s/replicas');
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0].range.start.line, 1, 'on default.replicas');
    assert.match(found[0].message, /Deployment "cart".*Deployment "search"/);
    const fix = found[0].fixes.find((f) => !f.suppression);
    assert.ok(fix);
    assert.equal(fix.title, 'Set replicas: 3 in values.yaml (every workload that reads it)');
    assert.equal(fix.kind, 'suggestion');
    assert.equal(applyTextEdits(values, fix.edits), values.replace('replicas: 1\ncomponents', 'replicas: 3\ncomponents'));
  });

  it("a component's own count over the default is its author's choice: not reported", () => {
    const found = lint(files, '/c/values.yaml').filter((f) => f.ruleId === 'k8s/replicas');
    assert.ok(!found.some((f) => f.range.start.line === 6), JSON.stringify(found.map((f) => f.range.start.line)));
  });

  it('a value one workload reads keeps its plain title', () => {
    const one = 'default:\n  replicas: 2\ncomponents:\n  cart: {}\n  queue:\n    replicas: 1\n';
    const found = lint(
      { ...files, '/c/values.yaml': one, '/c/templates/components.yaml': COMPONENTS.replace('$.Values.default.replicas', '2') },
      '/c/values.yaml',
    );
    const replicas = found.filter((f) => f.ruleId === 'k8s/replicas');
    assert.equal(replicas.length, 1);
    assert.equal(replicas[0].range.start.line, 5);
    assert.equal(replicas[0].fixes.find((f) => !f.suppression)?.title, 'Set replicas: 3');
  });
});

describe("Helm: an image tag that defaults to Chart.yaml's appVersion", () => {
  const template = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`;
  const chart = 'apiVersion: v2\nname: c\nversion: 1.0.0\nappVersion: latest\n';
  const files = {
    '/c/Chart.yaml': chart,
    '/c/values.yaml': 'image:\n  repository: ghcr.io/example/engine\n  tag: ~\n',
    '/c/templates/a.yaml': template('a'),
    '/c/templates/b.yaml': template('b'),
  };

  it('is reported once, on the appVersion line', () => {
    const found = lint(files, '/c/Chart.yaml').filter((f) => f.ruleId === 'k8s/image-tag');
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0].range.start.line, 3);
    assert.match(found[0].message, /appVersion.*Deployment "b"|Deployment "a".*appVersion/);
    for (const path of ['/c/templates/a.yaml', '/c/templates/b.yaml'])
      assert.deepEqual(
        lint(files, path).filter((f) => f.ruleId === 'k8s/image-tag'),
        [],
      );
  });
});

describe('Helm: values files given to the lint', () => {
  const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: {{ .Values.minReplicas }}
  maxReplicas: 5
`;
  const files = {
    '/w/chart/Chart.yaml': CHART,
    '/w/chart/values.yaml': 'minReplicas: 2\n',
    '/w/chart/templates/hpa.yaml': hpa,
    '/w/chart/ci/hpa-values.yaml': 'minReplicas: 1\n',
    '/w/prod.yaml': 'minReplicas: 1\n',
  };

  it('a file from outside the chart is named as the host names it, never by its absolute path', () => {
    const named = lint(files, '/w/chart/templates/hpa.yaml', { helm: { valuesFiles: ['/w/prod.yaml'], valuesFileNames: { '/w/prod.yaml': 'prod.yaml' } } });
    assert.match(named.find((f) => f.ruleId === 'k8s/hpa-min-replicas')!.message, /\(the value comes from prod\.yaml:1\)/);
    const unnamed = lint(files, '/w/chart/templates/hpa.yaml', { helm: { valuesFiles: ['/w/prod.yaml'] } });
    assert.match(unnamed.find((f) => f.ruleId === 'k8s/hpa-min-replicas')!.message, /\(the value comes from \.\.\/prod\.yaml:1\)/);
  });

  it("a file in the chart's ci/ folder is where the finding is, but no fix edits it", () => {
    const found = lint(files, '/w/chart/ci/hpa-values.yaml', { helm: { valuesFiles: ['/w/chart/ci/hpa-values.yaml'] } });
    const hpaFinding = found.find((f) => f.ruleId === 'k8s/hpa-min-replicas');
    assert.ok(hpaFinding, JSON.stringify(found.map((f) => f.ruleId)));
    assert.deepEqual(hpaFinding.fixes, []);
  });
});
