// What the workspace index keeps for the reference rules (k8s/ingress-backend, k8s/missing-reference): a
// Service's ports, a StatefulSet's claim templates, the core resources a Role may create.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter, type ObjectSummary } from '../../server/src/engine';

function summaries(text: string): ObjectSummary[] {
  const linter = new Linter();
  linter.indexFile({ path: '/w/a.yaml', text });
  return linter.index.entries().flatMap((e) => ('objects' in e ? e.objects : []));
}

it('Service ports: port and name; undefined for ExternalName or an unreadable port', () => {
  const [svc] = summaries('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {name: http, port: 80, targetPort: 8080}\n  - port: 443\n');
  assert.deepEqual(svc.servicePorts, [{ port: 80, name: 'http' }, { port: 443 }]);
  const [external] = summaries('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n');
  assert.equal(external.servicePorts, undefined);
  const [templated] = summaries('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: "{{ .Values.port }}"\n');
  assert.equal(templated.servicePorts, undefined);
});

it('StatefulSet claim templates', () => {
  const [sts] = summaries(
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: data}\n  - metadata: {name: logs}\n',
  );
  assert.deepEqual(sts.claimTemplates, ['data', 'logs']);
});

it('Roles: the core resources they may create (verbs create or *, group "" or *)', () => {
  const [role, reader] = summaries(
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [""]\n  resources: [secrets, pods]\n  verbs: [get, create]\n- apiGroups: ["*"]\n  resources: [configmaps]\n  verbs: ["*"]\n- apiGroups: [apps]\n  resources: ["*"]\n  verbs: [create]\n' +
      '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: c}\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get, list]\n',
  );
  assert.deepEqual(role.creates, ['configmaps', 'secrets']);
  assert.equal(reader.creates, undefined);
});
