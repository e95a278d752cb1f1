import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string, kind = 'Role') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: shop\nrules:\n${rules}`;

ruleTester('k8s/rbac-secrets-access', {
  valid: [
    { name: 'get on named Secrets', code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["app-tls"]\n  verbs: ["get"]\n') },
    { name: 'write-only', code: role('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create", "update"]\n') },
    { name: "another API group's secrets", code: role('- apiGroups: ["example.com"]\n  resources: ["secrets"]\n  verbs: ["list"]\n') },
  ],
  invalid: [
    {
      name: 'list on Secrets',
      code: role('- apiGroups: [""]\n  resources: ["configmaps", "secrets"]\n  verbs: ["get", "list"]\n'),
      errors: [{ line: 8, message: 'Role "r" lets its subjects read every Secret (get, list) of its namespace.' }],
    },
    {
      name: 'resourceNames does not limit watch; "*" resources include Secrets',
      code: role(
        '- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["x"]\n  verbs: ["watch"]\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["get"]\n',
        'ClusterRole',
      ),
      errors: [
        { line: 8, message: /list\/watch ignore resourceNames.*of the cluster/ },
        { line: 12, message: /\(get\)/ },
      ],
    },
  ],
});
