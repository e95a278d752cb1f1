import type { K8sRule } from '../../k8s/context';
import { policyRules } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

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
    description: 'A Role or ClusterRole grants the escalate, bind or impersonate verb.',
    rationale:
      'RBAC normally stops a subject from granting more than it holds; `escalate` and `bind` are the ' +
      'documented exceptions, and `impersonate` borrows another identity outright. Each can lead to ' +
      'cluster-admin (CIS Kubernetes Benchmark 5.1.8).',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { checkov: ['CKV_K8S_157', 'CKV_K8S_158'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      for (const verb of rule.verbs) {
        const why = WHY[verb.value];
        if (!why) continue;
        report({ ...spanOfNode(verb.node), message: `${objectLabel(context.object)} grants ${verb.value}: its subjects can ${why}.` });
      }
    }
  },
};
