import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: debugger\nrules:\n${rules}`;

ruleTester('k8s/rbac-pod-exec', {
  valid: [
    { name: 'reading pods and logs', code: role('- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list"]\n') },
    { name: 'get on pods/* is not exec', code: role('- apiGroups: [""]\n  resources: ["pods/*"]\n  verbs: ["get"]\n') },
  ],
  invalid: [
    {
      name: 'create on pods/exec',
      code: role('- apiGroups: [""]\n  resources: ["pods", "pods/exec"]\n  verbs: ["create"]\n'),
      errors: [
        {
          line: 7,
          message: 'ClusterRole "debugger" lets its subjects use pods/exec: they can run commands in the pods they reach, with those pods\' credentials.',
        },
      ],
    },
    {
      name: 'pods/* with every verb',
      code: role('- apiGroups: [""]\n  resources: ["pods/*"]\n  verbs: ["*"]\n'),
      errors: [{ line: 7, message: /pods\/exec/ }],
    },
    {
      name: 'patch on pods/ephemeralcontainers',
      code: role('- apiGroups: [""]\n  resources: ["pods/ephemeralcontainers"]\n  verbs: ["patch"]\n'),
      errors: [{ line: 7, message: /pods\/ephemeralcontainers/ }],
    },
  ],
});
