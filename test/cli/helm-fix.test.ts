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
