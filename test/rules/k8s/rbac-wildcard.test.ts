import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string, kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester('k8s/rbac-wildcard', {
  valid: [
    { name: 'named groups, resources and verbs', code: role('- apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["get", "list"]\n') },
    { name: 'not RBAC', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  verbs: "*"\n' },
  ],
  invalid: [
    {
      name: 'each wildcard, on the entry',
      code: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n- apiGroups: ["apps"]\n  resources:\n  - deployments\n  verbs:\n  - "*"\n', 'Role'),
      errors: [
        { line: 6, column: 15, message: 'Role "r" grants every API group ("*"): name the ones the subject needs.' },
        { line: 7, message: /every resource/ },
        { line: 8, message: /every verb/ },
        { line: 13, message: /every verb/ },
      ],
    },
  ],
});
