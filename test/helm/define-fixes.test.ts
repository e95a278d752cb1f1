// Fixes written into a `define`. (a) A partial named without a leading underscore (falco's
// templates/pod-template.tpl) is a template too: an edit of it must re-render the templates that include its defines,
// or their findings keep the offsets of its older text (`--fix` wrote `privileged: falseeeeeeeeee`). (b) Lines
// inserted into a define that a template includes with `nindent 4` go in at the define's own indentation, not the
// rendered one (`automountServiceAccountToken: false` at 6 spaces where its siblings sit at 2 broke the chart).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding, type FixFilter } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const CHART = { '/c/Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n' };

const POD_TEMPLATE = `{{- define "agent.pod" -}}
metadata:
  labels: {app: agent}
spec:
  initContainers:
    {{- include "agent.loader" . | nindent 4 }}
  containers:
    - name: agent
      image: ghcr.io/example/agent:1.0.0
      securityContext:
        {{- include "agent.securityContext" . | nindent 8 }}
{{- end -}}

{{- define "agent.loader" -}}
- name: loader
  image: ghcr.io/example/loader:1.0.0
  securityContext:
  {{- if eq .Values.driver.kind "kmod" }}
    privileged: true
  {{- end }}
{{- end -}}

{{- define "agent.securityContext" -}}
{{- $sc := dict -}}
{{- if eq .Values.driver.kind "kmod" -}}
{{- $_ := set $sc "privileged" true -}}
{{- end -}}
{{- toYaml $sc -}}
{{- end -}}
`;

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    {{- include "agent.pod" . | nindent 4 }}
`;

const PARTIAL = '/c/templates/pod-template.tpl';

function agentChart(partial: string, partialPath = PARTIAL): Record<string, string> {
  return { ...CHART, '/c/values.yaml': 'driver:\n  kind: kmod\n', '/c/templates/daemonset.yaml': DAEMONSET, [partialPath]: partial };
}

const WEB_POD = `{{- define "web.pod" -}}
metadata:
  labels: {app: web}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: web
      image: ghcr.io/example/web:1.0.0
      securityContext:
        readOnlyRootFilesystem: true
      resources:
        limits: {memory: 128Mi}
{{- end -}}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    {{- include "web.pod" . | nindent 4 }}
`;

const HELPER = '/c/templates/_pod-template.tpl';

function webChart(pod: string, deployment = DEPLOYMENT): Record<string, string> {
  return { ...CHART, '/c/values.yaml': '{}\n', '/c/templates/deployment.yaml': deployment, [HELPER]: pod };
}

/** Every file's findings, linted by a fresh linter (no cache from an earlier text). */
function chartFindings(files: Record<string, string>): Finding[] {
  const linter = new Linter({}, chartFileSystem(files));
  return Object.keys(files)
    .filter((path) => path.includes('/templates/'))
    .flatMap((path) => linter.lint({ path, text: files[path] }).findings.map((f) => ({ ...f, message: `${path}: ${f.message}` })));
}

const onlyRule = (ruleId: string): FixFilter => ({ kinds: ['safe', 'suggestion'], rules: [ruleId] });

/** Applies `ruleId`'s fixes to `path` with fixAll; checks that a second run changes nothing. */
function fixWith(files: Record<string, string>, path: string, ruleId: string): string {
  const fixed = new Linter({}, chartFileSystem(files)).fixAll({ path, text: files[path] }, onlyRule(ruleId));
  const again = new Linter({}, chartFileSystem({ ...files, [path]: fixed.text })).fixAll({ path, text: fixed.text }, onlyRule(ruleId));
  assert.equal(again.text, fixed.text, 'applying the fixes twice changes nothing');
  return fixed.text;
}

/** The lines of `after` that are not in `before` (an insert-only diff: `before`'s lines are all kept, in order). */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i++;
    else added.push(line);
  }
  assert.equal(i, old.length, 'every line of the template is kept');
  return added;
}

const summary = (f: Finding) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character} ${f.message}`;

describe('Helm: a partial without a leading underscore (templates/pod-template.tpl)', () => {
  it('fixAll of k8s/privileged writes `privileged: false` once, and the finding goes', () => {
    const files = agentChart(POD_TEMPLATE);
    const fixed = fixWith(files, PARTIAL, 'k8s/privileged');
    assert.equal(fixed, POD_TEMPLATE.replace('    privileged: true', '    privileged: false'));
    const after = chartFindings({ ...files, [PARTIAL]: fixed });
    assert.deepEqual(
      after.filter((f) => f.ruleId === 'k8s/privileged').map((f) => f.message),
      ['/c/templates/daemonset.yaml: The container "agent" is privileged: it has full access to the node.'],
      'the init container is fixed; the container whose securityContext toYaml computes is not',
    );
    assert.ok(!after.some((f) => f.ruleId === 'helm/render-error' || f.ruleId === 'harden/parse-error'));
  });

  it('named with a leading underscore, the same fix gives the same text', () => {
    const path = '/c/templates/_pod.tpl';
    assert.equal(fixWith(agentChart(POD_TEMPLATE, path), path, 'k8s/privileged'), POD_TEMPLATE.replace('privileged: true', 'privileged: false'));
  });

  it('after an edit of it, every file has the findings a fresh linter gives (the templates that include it render again)', () => {
    const files = agentChart(POD_TEMPLATE);
    const linter = new Linter({}, chartFileSystem(files));
    for (const path of [PARTIAL, '/c/templates/daemonset.yaml']) linter.lint({ path, text: files[path] });
    const edited = `{{/* moved down by a comment */}}\n${POD_TEMPLATE}`;
    const cached = linter.lint({ path: PARTIAL, text: edited }).findings.map(summary);
    const fresh = new Linter({}, chartFileSystem({ ...files, [PARTIAL]: edited })).lint({ path: PARTIAL, text: edited }).findings.map(summary);
    assert.ok(
      fresh.some((f) => f.startsWith('k8s/privileged 19:')),
      'the init container is reported on the line it moved to',
    );
    assert.deepEqual(cached, fresh);
  });
});

describe('Helm: lines inserted into a define included with `nindent 4`', () => {
  const cases: Array<[string, string, string, string[]]> = [
    [
      'automountServiceAccountToken goes beside the spec keys (column 2)',
      'k8s/automount-service-account-token',
      WEB_POD,
      ['  automountServiceAccountToken: false'],
    ],
    [
      'requests go beside limits (column 8)',
      'k8s/resource-requests',
      WEB_POD,
      ['        requests:', '          cpu: 100m  # placeholder: tune to measured usage'],
    ],
    ['seccompProfile goes into the pod securityContext (column 4)', 'k8s/seccomp-profile', WEB_POD, ['    seccompProfile:', '      type: RuntimeDefault']],
    [
      'allowPrivilegeEscalation goes beside readOnlyRootFilesystem (column 8)',
      'k8s/allow-privilege-escalation',
      WEB_POD,
      ['        allowPrivilegeEscalation: false'],
    ],
  ];
  for (const [name, ruleId, pod, lines] of cases) {
    it(`${name}; the chart then renders and the finding is gone`, () => {
      const files = webChart(pod);
      const before = chartFindings(files);
      assert.ok(
        before.some((f) => f.ruleId === ruleId),
        `${ruleId} reported`,
      );
      const fixed = fixWith(files, HELPER, ruleId);
      assert.deepEqual(addedLines(pod, fixed), lines);
      const after = chartFindings({ ...files, [HELPER]: fixed });
      assert.deepEqual(after.filter((f) => ['harden/parse-error', 'helm/render-error', ruleId].includes(f.ruleId)).map(summary), []);
      // Nothing else changed: the other findings are the same ones (the fixed lines moved some down).
      const others = (list: Finding[]) => list.filter((f) => f.ruleId !== ruleId).map((f) => `${f.ruleId} ${f.message}`);
      assert.deepEqual(others(after), others(before));
    });
  }

  it('with `indent 4` after a line break of the template, the same', () => {
    const deployment = DEPLOYMENT.replace('    {{- include "web.pod" . | nindent 4 }}', '{{ include "web.pod" . | indent 4 }}');
    const fixed = fixWith(webChart(WEB_POD, deployment), HELPER, 'k8s/automount-service-account-token');
    assert.deepEqual(addedLines(WEB_POD, fixed), ['  automountServiceAccountToken: false']);
  });

  it('where the indentation the include added cannot be known, no such fix; the suppression comment stays', () => {
    // The line the fix goes before starts with what an action printed: how far the include moved it is unknown.
    const pod = WEB_POD.replace('  containers:', '  {{ "containers" }}:');
    const findings = chartFindings(webChart(pod)).filter((f) => f.ruleId === 'k8s/automount-service-account-token');
    assert.equal(findings.length, 1);
    assert.deepEqual(
      findings[0].fixes.filter((fix) => !fix.suppression),
      [],
    );
    assert.ok(findings[0].fixes.some((fix) => fix.suppression));
  });
});
