import { ruleTester } from '../../harness/ruleTester';

const binding = (subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n${subjects}`;

ruleTester('k8s/rbac-risky-subject', {
  valid: [{ name: 'a ServiceAccount of its own', code: binding('- kind: ServiceAccount\n  name: reporter\n  namespace: shop\n') }],
  invalid: [
    {
      name: 'anonymous (error), authenticated and a default ServiceAccount (warning)',
      code: binding(
        '- kind: User\n  name: system:anonymous\n  apiGroup: rbac.authorization.k8s.io\n- kind: Group\n  name: system:unauthenticated\n  apiGroup: rbac.authorization.k8s.io\n- kind: Group\n  name: system:authenticated\n  apiGroup: rbac.authorization.k8s.io\n- kind: ServiceAccount\n  name: default\n  namespace: shop\n',
      ),
      errors: [
        {
          line: 10,
          severity: 'error',
          message: 'ClusterRoleBinding "b" grants its role to User system:anonymous: anyone who can reach the API server, without credentials.',
        },
        { line: 13, severity: 'error' },
        { line: 16, severity: 'warning', message: /every authenticated identity/ },
        { line: 19, severity: 'warning', message: /every pod of the namespace that names no ServiceAccount/ },
      ],
    },
  ],
});
