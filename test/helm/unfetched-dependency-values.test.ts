// A dependency that is not fetched (no charts/<name>/) and that only the user's values file enables: its condition is
// read on the values Helm uses (values.yaml under the --values files), and the templates that need its defines are
// not rendered, so the chart's objects are not all known: rules that conclude an object is missing stay silent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type EngineSettings, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const HA_VALUES = '/c/ci/ha-values.yaml';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-server
spec:
  selector:
    matchLabels:
      app: server
  template:
    metadata:
      labels:
        app: server
    spec:
      containers:
        - name: server
          image: nginx:1.27
          env:
            - name: REDIS_HOST
              value: {{ include "app.redisHost" . | quote }}
`;

const PLAIN_DEPLOYMENT = DEPLOYMENT.replace(/ {10}env:\n[\s\S]*$/, '');

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-init
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: init
          image: busybox:1.36
`;

const HELPERS = `{{- define "app.redisHost" -}}
{{- if index .Values "redis-ha" "enabled" -}}
{{- include "redis-ha.fullname" (dict "Values" (index .Values "redis-ha")) -}}-haproxy
{{- else -}}
{{ .Release.Name }}-redis
{{- end -}}
{{- end -}}
`;

const HPA = `{{- if .Values.server.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .Release.Name }}-server
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .Release.Name }}-server
  minReplicas: 2
  maxReplicas: 5
{{- end }}
`;

const PDB = `{{- if .Values.server.pdb }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}-server
  annotations:
    redis: {{ include "app.redisHost" . | quote }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: server
{{- end }}
`;

function chart(extra: Record<string, string> = {}): Record<string, string> {
  return {
    '/c/Chart.yaml': `apiVersion: v2
name: app
version: 0.1.0
dependencies:
  - name: redis-ha
    version: 4.38.0
    repository: https://dandydeveloper.github.io/charts/
    condition: redis-ha.enabled
`,
    '/c/values.yaml': 'redis-ha:\n  enabled: false\nserver:\n  autoscaling:\n    enabled: false\n  pdb: false\n',
    [HA_VALUES]: 'redis-ha:\n  enabled: true\nserver:\n  autoscaling:\n    enabled: true\n',
    '/c/templates/_helpers.tpl': HELPERS,
    '/c/templates/deployment.yaml': DEPLOYMENT,
    '/c/templates/hpa.yaml': HPA,
    ...extra,
  };
}

function lint(files: Record<string, string>, path: string, settings: Partial<EngineSettings> = { helm: { valuesFiles: [HA_VALUES] } }): Finding[] {
  return new Linter(settings, chartFileSystem(files)).lint({ path, text: files[path] }).findings;
}

describe('Helm: a dependency that is not fetched, enabled by a values file', () => {
  it('gets the info on its Chart.yaml line: its condition is read on the values the render uses', () => {
    const notes = lint(chart(), '/c/Chart.yaml').filter((f) => f.ruleId === 'helm/render-error');
    assert.deepEqual(
      notes.map((f) => [f.severity, f.range.start.line, f.message]),
      [
        [
          'info',
          4,
          'Dependency "redis-ha" is not in charts/ (helm dependency build fetches it): the templates that use it are linted as written, not as rendered.',
        ],
      ],
    );
  });

  it('no info when neither values.yaml nor the values files enable it', () => {
    assert.deepEqual(
      lint(chart(), '/c/Chart.yaml', {}).filter((f) => f.ruleId === 'helm/render-error'),
      [],
    );
  });

  it('an HPA whose Deployment is in a template that did not render: its target is not called missing', () => {
    // A workload of the namespace that renders: without one, the rule takes the target for managed elsewhere.
    const files = chart({ '/c/templates/job.yaml': JOB });
    const findings = lint(files, '/c/templates/hpa.yaml');
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/hpa-target').map((f) => f.message),
      [],
    );
  });

  it('a Deployment whose HPA is in a template that did not render: not called unscaled', () => {
    const files = chart({
      '/c/templates/hpa.yaml': HPA.replace('  minReplicas: 2', '  minReplicas: 2\n  # {{ include "app.redisHost" . }}'),
      '/c/templates/deployment.yaml': PLAIN_DEPLOYMENT,
    });
    const findings = lint(files, '/c/templates/deployment.yaml');
    assert.ok(
      findings.some((f) => f.ruleId === 'k8s/run-as-non-root'),
      'the Deployment is linted',
    );
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/replicas').map((f) => f.message),
      [],
    );
  });

  it('a Deployment whose PodDisruptionBudget is in a template that did not render: not called unprotected', () => {
    const files = chart({
      '/c/templates/deployment.yaml': PLAIN_DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: 3\n  selector'),
      '/c/templates/pdb.yaml': PDB,
      [HA_VALUES]: 'redis-ha:\n  enabled: true\nserver:\n  autoscaling:\n    enabled: false\n  pdb: true\n',
    });
    const findings = lint(files, '/c/templates/deployment.yaml');
    assert.ok(
      findings.some((f) => f.ruleId === 'k8s/run-as-non-root'),
      'the Deployment is linted',
    );
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/pdb-missing').map((f) => f.message),
      [],
    );
  });

  it('the chart rendered whole still has its HPA target checked', () => {
    const files = chart({
      '/c/templates/hpa.yaml': HPA.replace('name: {{ .Release.Name }}-server\n  minReplicas', 'name: {{ .Release.Name }}-api\n  minReplicas'),
    });
    const findings = lint(files, '/c/templates/hpa.yaml', { helm: { valuesFiles: ['/c/ci/autoscaling.yaml'] } });
    assert.equal(findings.filter((f) => f.ruleId === 'k8s/hpa-target').length, 0, 'autoscaling off: no HPA rendered');
    const on = { ...files, '/c/ci/autoscaling.yaml': 'server:\n  autoscaling:\n    enabled: true\n' };
    const hpa = lint(on, '/c/templates/hpa.yaml', { helm: { valuesFiles: ['/c/ci/autoscaling.yaml'] } }).filter((f) => f.ruleId === 'k8s/hpa-target');
    assert.equal(hpa.length, 1, 'every template rendered: the Deployment is known not to exist');
    assert.match(hpa[0].message, /targets Deployment "release-name-api", which is not in namespace "default"/);
  });
});
