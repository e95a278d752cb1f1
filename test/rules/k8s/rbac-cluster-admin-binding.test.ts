import { ruleTester } from '../../harness/ruleTester';

const binding = (kind: string, role: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: shop\n`;

ruleTester('k8s/rbac-cluster-admin-binding', {
  valid: [{ name: 'the built-in edit role', code: binding('RoleBinding', 'edit') }],
  invalid: [
    {
      name: 'cluster-wide',
      code: binding('ClusterRoleBinding', 'cluster-admin'),
      errors: [{ line: 9, column: 9, message: 'ClusterRoleBinding "b" grants cluster-admin: its subjects control the whole cluster.' }],
    },
    { name: 'in a namespace', code: binding('RoleBinding', 'cluster-admin'), errors: [{ line: 9, message: /control namespace shop/ }] },
  ],
});
