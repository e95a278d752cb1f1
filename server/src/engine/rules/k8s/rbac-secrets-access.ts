import type { K8sRule } from '../../k8s/context';
import { coversGroup, policyRules, resourceEntries, verbEntries } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

// list and watch return every Secret's data whatever resourceNames says; get is limited by it.
const READ_ALL = ['list', 'watch'];

export const rbacSecretsAccess: K8sRule = {
  meta: {
    id: 'k8s/rbac-secrets-access',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole grants get, list or watch on Secrets (get without resourceNames).',
    rationale:
      'Reading Secrets yields every credential of the namespace (a ClusterRole: of the cluster), including the ' +
      'tokens of more privileged ServiceAccounts (CIS Kubernetes Benchmark 5.1.2, "Minimize access to secrets"). ' +
      '`list` and `watch` return the data too. Grant `get` on the named Secrets the workload needs.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['access-to-secrets'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      if (!coversGroup(rule, '')) continue;
      const secrets = resourceEntries(rule, 'secrets');
      if (secrets.length === 0) continue;
      const verbs = verbEntries(rule, rule.resourceNames.length > 0 ? READ_ALL : ['get', ...READ_ALL]);
      if (verbs.length === 0) continue;
      const which = verbs.map((v) => v.value).join(', ');
      report({
        ...spanOfNode(secrets[0].node),
        message: `${objectLabel(context.object)} lets its subjects read ${rule.resourceNames.length > 0 ? 'every Secret (list/watch ignore resourceNames)' : 'every Secret'} (${which}) of ${context.object.kind === 'ClusterRole' ? 'the cluster, when bound by a ClusterRoleBinding' : 'its namespace'}.`,
      });
    }
  },
};
