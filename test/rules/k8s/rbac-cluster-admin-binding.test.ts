import { ruleTester } from '../../harness/ruleTester';

const binding = (kind: string, role: string, roleKind = 'ClusterRole') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${role}\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: shop\n`;

const role = (kind: string, name: string, rules: string, namespace?: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}rules:\n${rules}`;

const everything = '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n';
// Polaris's test data (clusterrolebindingClusterAdmin/failure.all_verbs): every object verb named is as good as `*`.
const everyVerbNamed = '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: [get, list, watch, create, update, patch, delete]\n';

ruleTester('k8s/rbac-cluster-admin-binding', {
  valid: [
    { name: 'the built-in edit role', code: binding('RoleBinding', 'edit') },
    {
      name: 'a ClusterRole that names its resources',
      code: `${role('ClusterRole', 'ops', '- apiGroups: ["*"]\n  resources: ["deployments", "pods"]\n  verbs: ["*"]\n')}---\n${binding('ClusterRoleBinding', 'ops')}`,
    },
    {
      name: 'a ClusterRole that only reads everything (another rule reports its wildcards)',
      code: `${role('ClusterRole', 'viewer', '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: [get, list, watch]\n')}---\n${binding('ClusterRoleBinding', 'viewer')}`,
    },
    {
      name: 'a Role of the same name in another namespace',
      code: `${role('Role', 'all', everything, 'other')}---\n${binding('RoleBinding', 'all', 'Role')}`,
    },
    {
      name: 'resourceNames narrow the rule',
      code: `${role('ClusterRole', 'one', '- apiGroups: ["*"]\n  resources: ["*"]\n  resourceNames: [x]\n  verbs: ["*"]\n')}---\n${binding('ClusterRoleBinding', 'one')}`,
    },
  ],
  invalid: [
    {
      name: 'cluster-wide',
      code: binding('ClusterRoleBinding', 'cluster-admin'),
      errors: [{ line: 9, column: 9, message: 'ClusterRoleBinding "b" grants cluster-admin: its subjects control the whole cluster.' }],
    },
    { name: 'in a namespace', code: binding('RoleBinding', 'cluster-admin'), errors: [{ line: 9, message: /control namespace shop/ }] },
    {
      name: 'a ClusterRole of the file with every verb on everything',
      code: `${role('ClusterRole', 'god', everyVerbNamed)}---\n${binding('ClusterRoleBinding', 'god')}`,
      errors: [
        {
          line: 18,
          message:
            'ClusterRoleBinding "b" grants ClusterRole "god", which allows every verb on every resource as cluster-admin does: its subjects control the whole cluster.',
        },
      ],
    },
    {
      name: 'a ClusterRole in another file of the workspace, with a namespace written on it (ignored: it is cluster-scoped)',
      code: binding('RoleBinding', 'god'),
      files: { '/work/roles.yaml': role('ClusterRole', 'god', everything, 'elsewhere') },
      errors: [{ line: 9, message: /grants ClusterRole "god", which allows every verb.*control namespace shop/ }],
    },
    {
      name: 'a Role of the binding namespace',
      code: `${role('Role', 'all', everything, 'shop')}---\n${binding('RoleBinding', 'all', 'Role')}`,
      errors: [{ line: 19, message: /grants Role "all"/ }],
    },
  ],
});
