import type { K8sRule } from '../../k8s/context';
import { coversGroup, policyRules, RBAC_GROUP, resourceEntries, type PolicyRule } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

/**
 * The objects each verb is checked on by the API server (RBAC's escalation check, the impersonation filter): the
 * verb on any other resource grants nothing.
 */
const CHECKED_ON: Record<string, Array<{ group: string; resources: string[] }>> = {
  escalate: [{ group: RBAC_GROUP, resources: ['roles', 'clusterroles'] }],
  bind: [{ group: RBAC_GROUP, resources: ['roles', 'clusterroles'] }],
  impersonate: [
    { group: '', resources: ['users', 'groups', 'serviceaccounts'] },
    { group: 'authentication.k8s.io', resources: ['uids', 'userextras/*'] },
  ],
};

function grantsWhereChecked(rule: PolicyRule, verb: string): boolean {
  return CHECKED_ON[verb].some(({ group, resources }) => coversGroup(rule, group) && resources.some((resource) => coversResource(rule, resource)));
}

/** `userextras/*` stands for every extra's key (`userextras/scopes`). */
function coversResource(rule: PolicyRule, resource: string): boolean {
  if (resource === 'userextras/*') return rule.resources.some((r) => r.value === '*' || r.value.startsWith('userextras/') || r.value === '*/*');
  return resourceEntries(rule, resource).length > 0;
}

const WHY: Record<string, string> = {
  escalate: 'create or change roles with permissions its subjects do not hold',
  bind: 'bind roles with permissions its subjects do not hold',
  impersonate: 'act as other users, groups or ServiceAccounts',
};

export const rbacEscalation: K8sRule = {
  meta: {
    id: 'k8s/rbac-escalation',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole grants the escalate or bind verb on roles, or impersonate on identities.',
    rationale:
      'RBAC normally stops a subject from granting more than it holds; `escalate` and `bind` are the ' +
      'documented exceptions, and `impersonate` borrows another identity outright. Each can lead to ' +
      'cluster-admin (CIS Kubernetes Benchmark 5.1.8).',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { checkov: ['CKV_K8S_157', 'CKV_K8S_158'], kubescape: ['C-0065', 'C-0191'], trivy: ['KSV043', 'KSV050', 'KSV051', 'KSV052'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      for (const verb of rule.verbs) {
        const why = WHY[verb.value];
        if (!why || !grantsWhereChecked(rule, verb.value)) continue;
        report({ ...spanOfNode(verb.node), message: `${objectLabel(context.object)} grants ${verb.value}: its subjects can ${why}.` });
      }
    }
  },
};
