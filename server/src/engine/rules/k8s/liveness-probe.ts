import type { K8sRule } from '../../k8s/context';
import { missingProbeCheck } from '../../k8s/probes';

export const livenessProbe: K8sRule = {
  meta: {
    id: 'k8s/liveness-probe',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container of a long-running workload has no `livenessProbe`.',
    rationale:
      'A liveness probe lets the kubelet restart a container that still runs but no longer works. Seed 002: it catches ' +
      'deadlocks and threads all stuck waiting on redis/mysql, where the service answers no request at all. Jobs and ' +
      'CronJobs, init containers and sidecars are not required to have one.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'A probe with the wrong port, path or timing restarts healthy containers.',
    },
    aliases: {
      kubeLinter: ['no-liveness-probe'],
      polaris: ['livenessProbeMissing'],
      checkov: ['CKV_K8S_8'],
      kubeScore: ['pod-probes'],
      kubescape: ['C-0056'],
    },
  },
  check: missingProbeCheck('livenessProbe', () => ({ why: 'a deadlocked or hung process is never restarted' })),
};
