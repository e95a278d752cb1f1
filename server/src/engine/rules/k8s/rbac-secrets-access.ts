import type { K8sRule } from '../../k8s/context';
import { coversGroup, policyRules, resourceEntries, verbEntries } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

const READ = ['get', 'list', 'watch'];
/**
 * `resourceNames` limits get, list and watch alike: the RBAC authorizer matches them against the request's name, which
 * a list or watch has only with a `metadata.name` field selector (kubernetes/kubernetes#63469, Kubernetes 1.11; before
 * it, a list or watch had no name and such a rule granted neither). A plain list or watch, without a name, is matched
 * only by an empty name: `resourceNames: [""]` (what a template writes for an unset value) grants every Secret.
 */
const UNNAMED_READ = ['list', 'watch'];
export const rbacSecretsAccess: K8sRule = {
  meta: {
    id: 'k8s/rbac-secrets-access',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole grants get, list or watch on Secrets without limiting it to named Secrets (resourceNames).',
    rationale:
      'Reading Secrets yields every credential of the namespace (a ClusterRole: of the cluster), including the ' +
      'tokens of more privileged ServiceAccounts (CIS Kubernetes Benchmark 5.1.2, "Minimize access to secrets"). ' +
      '`list` and `watch` return the data too. Grant `get` (or `list`/`watch`, which then need a `metadata.name` field ' +
      'selector) on the named Secrets the workload needs, with `resourceNames`.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['access-to-secrets'], kubescape: ['C-0015', 'C-0186'], trivy: ['KSV041', 'KSV113'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      if (!coversGroup(rule, '')) continue;
      const secrets = resourceEntries(rule, 'secrets');
      if (secrets.length === 0) continue;
      const names = rule.resourceNames;
      const wanted = names.length === 0 ? READ : names.includes('') ? UNNAMED_READ : [];
      const verbs = wanted.length === 0 ? [] : verbEntries(rule, wanted);
      if (verbs.length === 0) continue;
      const which = verbs.map((v) => v.value).join(', ');
      const scope = context.object.kind === 'ClusterRole' ? 'the cluster, when bound by a ClusterRoleBinding' : 'its namespace';
      const why = names.length > 0 ? ': the empty name in resourceNames matches a list or watch that names no Secret' : '';
      report({
        ...spanOfNode(secrets[0].node),
        message: `${objectLabel(context.object)} lets its subjects read every Secret (${which}) of ${scope}${why}.`,
      });
    }
  },
};
