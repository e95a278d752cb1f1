import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester('k8s/rbac-escalation', {
  valid: [
    // The API server checks escalate and bind on roles only, impersonate on identities only: elsewhere they grant nothing.
    { name: 'bind on pods', code: role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["bind", "escalate", "impersonate"]\n') },
    { name: 'bind on rolebindings', code: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings"]\n  verbs: ["bind"]\n') },
    { name: 'impersonate on roles', code: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["roles"]\n  verbs: ["impersonate"]\n') },
    { name: 'managing bindings without bind', code: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings"]\n  verbs: ["create"]\n') },
  ],
  invalid: [
    {
      name: 'escalate, bind and impersonate',
      code: role(
        '- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["escalate", "bind"]\n- apiGroups: [""]\n  resources: ["users", "groups", "serviceaccounts"]\n  verbs: ["impersonate"]\n',
      ),
      errors: [
        { line: 8, message: 'ClusterRole "r" grants escalate: its subjects can create or change roles with permissions its subjects do not hold.' },
        { line: 8, message: /grants bind/ },
        { line: 11, message: /grants impersonate: its subjects can act as other users/ },
      ],
    },
    {
      name: 'every resource of every group, and user extras',
      code: role(
        '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["bind"]\n- apiGroups: ["authentication.k8s.io"]\n  resources: ["userextras/scopes"]\n  verbs: ["impersonate"]\n',
      ),
      errors: [
        { line: 8, message: /grants bind/ },
        { line: 11, message: /grants impersonate/ },
      ],
    },
  ],
});
