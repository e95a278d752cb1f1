// `harden lint --fix` on a Helm chart whose partial is named without a leading underscore (falco's
// templates/pod-template.tpl): the fix is written once, at the right place (it was written ten times at stale offsets:
// `privileged: falseeeeeeeeee`, and no "Fixed" line), and a second run changes nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { hardenInProcess, removeTempDirs, tempDir } from './helpers/run';

const POD_TEMPLATE = `{{- define "agent.pod" -}}
metadata:
  labels: {app: agent}
spec:
  initContainers:
    {{- include "agent.loader" . | nindent 4 }}
  containers:
    - name: agent
      image: ghcr.io/example/agent:1.0.0
{{- end -}}

{{- define "agent.loader" -}}
- name: loader
  image: ghcr.io/example/loader:1.0.0
  securityContext:
  {{- if eq .Values.driver.kind "kmod" }}
    privileged: true
  {{- end }}
{{- end -}}
`;

const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n',
  'chart/values.yaml': 'driver:\n  kind: kmod\n',
  'chart/templates/daemonset.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    {{- include "agent.pod" . | nindent 4 }}
`,
  'chart/templates/pod-template.tpl': POD_TEMPLATE,
};

describe('harden lint --fix on a chart', () => {
  after(removeTempDirs);

  it('a partial without a leading underscore gets its fix once, and a second run changes nothing', async () => {
    const dir = tempDir(CHART);
    const partial = path.join(dir, 'chart/templates/pod-template.tpl');
    const run = await hardenInProcess(dir, ['lint', '--fix', '--fix-rule', 'k8s/privileged', 'chart']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.equal(fs.readFileSync(partial, 'utf8'), POD_TEMPLATE.replace('privileged: true', 'privileged: false'));
    assert.match(run.stdout, /Fixed 1 problem in 1 file/);
    assert.doesNotMatch(run.stdout, /k8s\/privileged/, 'no privileged container is left');
    assert.equal(fs.readFileSync(path.join(dir, 'chart/templates/daemonset.yaml'), 'utf8'), CHART['chart/templates/daemonset.yaml']);

    const second = await hardenInProcess(dir, ['lint', '--fix', '--fix-rule', 'k8s/privileged', 'chart']);
    assert.equal(fs.readFileSync(partial, 'utf8'), POD_TEMPLATE.replace('privileged: true', 'privileged: false'));
    assert.doesNotMatch(second.stdout, /Fixed/);
  });
});

const HPA_CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'minReplicas: 2\n',
  'chart/templates/hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: {{ .Values.minReplicas }}
  maxReplicas: 5
`,
  'chart/ci/hpa-values.yaml': '# chart-testing: HPA allowed to go to one pod\nminReplicas: 1\n',
  'prod.yaml': 'minReplicas: 1\n',
};

describe('harden lint --values on a chart', () => {
  after(removeTempDirs);

  it('names a values file relative to the current folder, in text and JSON', async () => {
    const dir = tempDir(HPA_CHART);
    for (const format of ['text', 'json']) {
      const run = await hardenInProcess(dir, ['lint', '--format', format, '--values', 'prod.yaml', 'chart']);
      assert.match(run.stdout, /the value comes from prod\.yaml:1/, run.stdout);
      assert.ok(!run.stdout.includes(dir), 'no absolute path');
    }
  });

  it('--fix does not edit a values file it is given (a chart-testing ci/ file)', async () => {
    const dir = tempDir(HPA_CHART);
    const ci = path.join(dir, 'chart/ci/hpa-values.yaml');
    const run = await hardenInProcess(dir, ['lint', '--fix', '--fix-type', 'suggestion', '--values', 'chart/ci/hpa-values.yaml', 'chart']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.match(run.stdout, /chart\/ci\/hpa-values\.yaml:2:\d+ .*k8s\/hpa-min-replicas/);
    assert.equal(fs.readFileSync(ci, 'utf8'), HPA_CHART['chart/ci/hpa-values.yaml']);
  });
});
