import type { K8sRule } from '../../k8s/context';
import { policyRules } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export const rbacWildcard: K8sRule = {
  meta: {
    id: 'k8s/rbac-wildcard',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole rule uses `*` in apiGroups, resources or verbs.',
    rationale:
      'A wildcard grants every current and future API group, resource or verb, including ones added later by ' +
      'CRDs or new Kubernetes versions (CIS Kubernetes Benchmark 5.1.3, "Minimize wildcard use in Roles and ' +
      'ClusterRoles"). Least privilege means naming what the subject needs.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['wildcard-in-rules'], checkov: ['CKV_K8S_49'], kubescape: ['C-0187'], trivy: ['KSV044', 'KSV045', 'KSV046', 'KSV112'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      for (const field of FIELDS) {
        for (const entry of rule[field]) {
          if (entry.value !== '*') continue;
          report({
            ...spanOfNode(entry.node),
            message: `${objectLabel(context.object)} grants every ${field === 'apiGroups' ? 'API group' : field === 'resources' ? 'resource' : 'verb'} ("*"): name the ones the subject needs.`,
          });
        }
      }
    }
  },
};
