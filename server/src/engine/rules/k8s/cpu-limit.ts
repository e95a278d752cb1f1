import type { K8sRule } from '../../k8s/context';
import { checkMissingLimit } from '../../k8s/resources';

export const cpuLimit: K8sRule = {
  meta: {
    id: 'k8s/cpu-limit',
    language: 'kubernetes',
    defaultSeverity: 'off',
    description: 'A container has no CPU limit (opt-in: CPU limits are debated).',
    rationale:
      "Seeds 003 and 004 set a CPU limit on every container so that one pod cannot monopolise the node's CPU and " +
      'hurt its neighbours. CPU is compressible, though: an over-limit container is throttled, not killed, and ' +
      'limits can add latency even when the node is idle, so many teams rely on requests alone. The rule is off by ' +
      'default; enable it where your policy requires CPU limits.',
    seeds: ['003', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: "A CPU limit throttles the container; the right value is the owner's call.",
    },
    aliases: {
      polaris: ['cpuLimitsMissing'],
      checkov: ['CKV_K8S_11'],
      kubeScore: ['container-resources'],
      kubescape: ['C-0009', 'C-0050', 'C-0270'],
      trivy: ['KSV011'],
    },
  },
  check(context, report) {
    checkMissingLimit(context, report, 'cpu', 'a busy loop can take every core of the node from its neighbours.');
  },
};
