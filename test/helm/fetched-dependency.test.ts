// A dependency `helm dependency build` fetches from a repository lives in charts/ (mostly gitignored): an edit there is
// lost at the next update. Its findings stay (the release runs it), say where to act, and carry no fix; a local
// (`file://`) dependency is the owner's own and keeps its fixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const SUB_VALUES = '/c/charts/sub/values.yaml';
const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-sub
spec:
  selector:
    matchLabels: {app: sub}
  template:
    metadata:
      labels: {app: sub}
    spec:
      containers:
        - name: sub
          image: "nginx:1.27.3"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`;

function lint(repository: string): Finding[] {
  const files = {
    '/c/Chart.yaml': `apiVersion: v2\nname: umbrella\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: ${repository}\n`,
    '/c/values.yaml': 'sub: {}\n',
    '/c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    [SUB_VALUES]: 'securityContext:\n  runAsNonRoot: true\n',
    '/c/charts/sub/templates/ds.yaml': DAEMONSET,
  };
  return new Linter({}, chartFileSystem(files)).lint({ path: SUB_VALUES, text: files[SUB_VALUES] }).findings;
}

describe('Helm: findings in a fetched dependency', () => {
  it('from a repository: reported, naming the dependency and where to override it, without any fix', () => {
    const findings = lint('https://charts.example.com');
    const finding = findings.find((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.ok(finding, findings.map((f) => f.ruleId).join(', '));
    assert.match(finding.message, /chart dependency sub from https:\/\/charts\.example\.com.*values\.yaml/);
    for (const f of findings) assert.deepEqual(f.fixes, [], `${f.ruleId} has no fix`);
  });

  it('a local file:// dependency keeps its values fix', () => {
    const finding = lint('file://../sub').find((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.ok(finding);
    assert.doesNotMatch(finding.message, /chart dependency/);
    assert.ok(finding.fixes.some((f) => !f.suppression && f.kind === 'safe'));
  });
});
