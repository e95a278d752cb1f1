import type { K8sRule } from '../../k8s/context';
import { checkMissingLimit } from '../../k8s/resources';

export const memoryLimit: K8sRule = {
  meta: {
    id: 'k8s/memory-limit',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container has no memory limit.',
    rationale:
      'Memory cannot be throttled: a container without a limit can grow until the node runs out of memory, and the ' +
      'kernel OOM killer then picks victims among its neighbours. The seeds set a memory limit on every container ' +
      '(003: limits keep one greedy application from exhausting the cluster; 004: they stop a single pod from ' +
      'monopolising resources). The fix uses the memory request as the limit, so the container cannot be ' +
      'OOM-killed for using what it asked for.',
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: "A memory limit OOM-kills the container above it; the right value is the owner's call.",
    },
    aliases: {
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryLimitsMissing'],
      checkov: ['CKV_K8S_13'],
      kubeScore: ['container-resources'],
      kubescape: ['C-0004', 'C-0009', 'C-0271'],
      trivy: ['KSV018'],
    },
  },
  check(context, report) {
    checkMissingLimit(context, report, 'memory', 'a leak can exhaust the node and get its neighbours OOM-killed.');
  },
};
