// Helm cuts its output at every line that starts with `---`, YAML only where `---` stands alone: `---` then
// `{{- end -}}` then a comment renders `---# …` (cert-manager's rbac.yaml). Harden reads the output as Helm does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type HostFileSystem } from '../../server/src/engine';
import { splitAsHelm } from '../../server/src/engine/testing';

function chartFileSystem(files: Record<string, string>): HostFileSystem {
  return {
    exists: (path) => path in files,
    readFile: (path) => files[path],
    listDirectory: (dir) => {
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(`${dir}/`)) continue;
        const rest = file.slice(dir.length + 1);
        names.add(rest.includes('/') ? `${rest.split('/')[0]}/` : rest);
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .Release.Name }}-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
`;

const TEMPLATE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}
---

{{- if not .Values.disabled -}}

# Permission to read secrets
${ROLE}
---

{{- end -}}

# Another comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
`;

describe('Helm output is split as Helm splits it', () => {
  it('a `---` glued to what follows is a document marker: no parse error, findings on the template line', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      '/c/values.yaml': 'disabled: false\n',
      '/c/templates/rbac.yaml': TEMPLATE,
    };
    const linter = new Linter({}, chartFileSystem(files));
    const findings = linter.lint({ path: '/c/templates/rbac.yaml', text: TEMPLATE }).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line]),
      [['k8s/rbac-secrets-access', TEMPLATE.split('\n').findIndex((line) => line.includes('resources: ["secrets"]'))]],
    );
  });

  it('maps offsets of the split text back to the rendered text', () => {
    const rendered = 'a: 1\n---# one\nb: 2\n---c: 3\n';
    const { text, toRendered } = splitAsHelm(rendered);
    assert.equal(text, 'a: 1\n---\n# one\nb: 2\n---\nc: 3\n');
    for (const needle of ['a: 1', '# one', 'b: 2', 'c: 3']) assert.equal(toRendered(text.indexOf(needle)), rendered.indexOf(needle), needle);
    assert.equal(splitAsHelm('a: 1\n--- # x\n---\nb: 2\n').text, 'a: 1\n--- # x\n---\nb: 2\n', 'markers YAML reads already');
  });
});
