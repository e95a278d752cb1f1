import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string, kind = 'Role') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: shop\nrules:\n${rules}`;

ruleTester('k8s/rbac-secrets-access', {
  valid: [
    { name: 'get on named Secrets', code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["app-tls"]\n  verbs: ["get"]\n') },
    { name: 'write-only', code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create", "update"]\n') },
    { name: "another API group's secrets", code: role('- apiGroups: ["example.com"]\n  resources: ["secrets"]\n  verbs: ["list"]\n') },
    {
      // kyverno's cleanup-controller Role: a list or watch is authorized against resourceNames through its
      // metadata.name field selector (Kubernetes 1.11+); without one it is denied.
      name: 'get, list and watch on named Secrets',
      code: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-tls-ca, app-tls-pair]\n  verbs: [get, list, watch]\n'),
    },
    {
      name: 'every verb on a named Secret, before Kubernetes 1.11 too (a nameless list matched no name)',
      code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["x"]\n  verbs: ["*"]\n', 'ClusterRole'),
      settings: { kubernetesVersion: '1.10' },
    },
  ],
  invalid: [
    {
      name: 'list on Secrets',
      code: role('- apiGroups: [""]\n  resources: ["configmaps", "secrets"]\n  verbs: ["get", "list"]\n'),
      errors: [{ line: 8, message: 'Role "r" lets its subjects read every Secret (get, list) of its namespace.' }],
    },
    {
      name: '"*" resources include Secrets',
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["get"]\n', 'ClusterRole'),
      errors: [{ line: 8, message: 'ClusterRole "r" lets its subjects read every Secret (get) of the cluster, when bound by a ClusterRoleBinding.' }],
    },
    {
      name: 'an empty name in resourceNames matches a list or watch without a field selector',
      code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: [""]\n  verbs: ["get", "watch"]\n'),
      errors: [
        {
          line: 8,
          message:
            'Role "r" lets its subjects read every Secret (watch) of its namespace: the empty name in resourceNames matches a list or watch that names no Secret.',
        },
      ],
    },
  ],
});
