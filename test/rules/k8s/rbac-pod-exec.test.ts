import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: debugger\nrules:\n${rules}`;

ruleTester('k8s/rbac-pod-exec', {
  valid: [
    { name: 'reading pods and logs', code: role('- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list"]\n') },
    {
      name: 'get on pods/exec from Kubernetes 1.35: a WebSocket exec needs create too',
      code: role('- apiGroups: [""]\n  resources: ["pods/*"]\n  verbs: ["get"]\n'),
      settings: { kubernetesVersion: '1.35' },
    },
    { name: 'get on pods/ephemeralcontainers only reads them', code: role('- apiGroups: [""]\n  resources: ["pods/ephemeralcontainers"]\n  verbs: ["get"]\n') },
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
      name: 'get on pods/attach before Kubernetes 1.35: the WebSocket upgrade is a GET (Polaris get_attach_using_apigroup_wildcard)',
      code: role('- apiGroups: ["*"]\n  resources: ["pods/attach"]\n  verbs: [get]\n'),
      settings: { kubernetesVersion: '1.34' },
      errors: [{ line: 7, message: /pods\/attach/ }],
    },
    {
      name: 'get on pods/* at the default version (1.32)',
      code: role('- apiGroups: [""]\n  resources: ["pods/*"]\n  verbs: ["get"]\n'),
      errors: [{ line: 7, message: /pods\/exec/ }],
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
