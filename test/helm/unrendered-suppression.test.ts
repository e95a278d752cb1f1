// A suppression comment in template text the chart's values do not render (inside `{{- if .Values.debug }}`) may
// serve under other values: it is never called unused, so --fix never deletes it. One in rendered text that
// suppresses nothing still is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const TEMPLATE = '/c/templates/debug.yaml';
const template = (comment: string) => `{{- if .Values.debug }}
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  automountServiceAccountToken: false
  containers:
    - name: debug
      image: busybox:1.36
      securityContext:
        ${comment}
        privileged: true
{{- end }}
`;

function lint(values: string, text: string): Finding[] {
  const files = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/values.yaml': values, [TEMPLATE]: text };
  return new Linter({}, chartFileSystem(files)).lint({ path: TEMPLATE, text }).findings;
}

describe('Helm: suppression comments in template text that did not render', () => {
  const text = template('# harden-disable-next-line k8s/privileged');

  it('are not unused when the block renders nothing with these values', () => {
    assert.deepEqual(
      lint('debug: false\n', text).map((f) => f.ruleId),
      [],
    );
  });

  it('suppress when it renders', () => {
    assert.ok(lint('debug: true\n', text).every((f) => f.ruleId !== 'k8s/privileged'));
  });

  it('one in rendered text that suppresses nothing is still reported', () => {
    const stale = template('# harden-disable-next-line k8s/host-namespaces');
    assert.ok(lint('debug: true\n', stale).some((f) => f.ruleId === 'harden/unused-suppression'));
  });
});
