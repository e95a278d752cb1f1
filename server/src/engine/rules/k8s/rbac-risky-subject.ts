import type { K8sRule } from '../../k8s/context';
import { subjectsOf } from '../../k8s/rbac';
import type { Severity } from '../../types';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

/** Subjects that are everybody, or every pod that did not ask for an identity. */
function risk(kind: string, name: string): { severity: Severity; who: string } | undefined {
  if ((kind === 'User' && name === 'system:anonymous') || (kind === 'Group' && name === 'system:unauthenticated')) {
    return { severity: 'error', who: 'anyone who can reach the API server, without credentials' };
  }
  if (kind === 'Group' && name === 'system:authenticated')
    return { severity: 'warning', who: 'every authenticated identity, every ServiceAccount of every namespace included' };
  if (kind === 'Group' && name === 'system:serviceaccounts') return { severity: 'warning', who: 'every ServiceAccount of the cluster' };
  if (kind === 'ServiceAccount' && name === 'default') return { severity: 'warning', who: 'every pod of the namespace that names no ServiceAccount' };
  return undefined;
}

export const rbacRiskySubject: K8sRule = {
  meta: {
    id: 'k8s/rbac-risky-subject',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A binding grants a role to system:anonymous, system:unauthenticated, system:authenticated, all ServiceAccounts or a default ServiceAccount.',
    rationale:
      'Such subjects are not one workload: anonymous requests, every identity of the cluster, or every pod ' +
      'that forgot serviceAccountName (CIS Kubernetes Benchmark 5.1.5: default ServiceAccounts are not actively ' +
      'used). Grant the role to a ServiceAccount of its own.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { checkov: ['CKV_K8S_42'], kubescape: ['C-0262', 'C-0265'], trivy: ['KSV122', 'KSV01011'] },
  },
  check(context, report) {
    for (const subject of subjectsOf(context.object)) {
      const found = risk(subject.kind, subject.name);
      if (!found) continue;
      report({
        ...spanOfNode(subject.node),
        severity: found.severity,
        message: `${objectLabel(context.object)} grants its role to ${subject.kind} ${subject.name}: ${found.who}.`,
      });
    }
  },
};
