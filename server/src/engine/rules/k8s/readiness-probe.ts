import type { K8sRule } from '../../k8s/context';
import { declaredPorts, missingProbeCheck } from '../../k8s/probes';
import { serviceTraffic } from '../../k8s/service-traffic';

export const readinessProbe: K8sRule = {
  meta: {
    id: 'k8s/readiness-probe',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container of a long-running workload has no `readinessProbe`.',
    rationale:
      'Without a readiness probe a pod receives Service traffic as soon as its process starts, before it can answer, ' +
      'and keeps receiving it while it is overloaded or shutting down. Seed 002: "Readiness probes are very important ' +
      'for a RollingUpdate to work properly" - a failing probe takes the pod out of the Service endpoints until it ' +
      'recovers. Jobs and CronJobs, init containers and sidecars are not required to have one.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'A probe with the wrong port, path or timing takes pods out of Service traffic.',
    },
    aliases: {
      kubeLinter: ['no-readiness-probe'],
      polaris: ['readinessProbeMissing'],
      checkov: ['CKV_K8S_9'],
      kubeScore: ['pod-probes'],
      kubescape: ['C-0018'],
    },
  },
  // Which Services select the pod decides whether a probe matters: cross-document.
  crossDocument: true,
  check: missingProbeCheck('readinessProbe', (context, workload, container) => {
    const traffic = serviceTraffic(context, workload, container);
    if (traffic.kind === 'served') {
      return { why: `Service "${traffic.service.name ?? '?'}" sends it traffic before it is ready and during overload` };
    }
    // No Service in the workspace: one elsewhere may select the pod; say so, quietly, for containers with ports.
    if (traffic.kind === 'unknown' && declaredPorts(container).length > 0) {
      return { why: 'no Service in the workspace selects this pod, but if one does, it sends traffic before the container is ready', severity: 'info' };
    }
    return undefined;
  }),
};
