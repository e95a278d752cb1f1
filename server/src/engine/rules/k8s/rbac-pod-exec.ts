import type { K8sRule } from '../../k8s/context';
import { coversGroup, policyRules, resourceEntries, verbEntries } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';

/** Subresources that run commands in, or attach to, a pod's containers. */
const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/ephemeralcontainers'];

export const rbacPodExec: K8sRule = {
  meta: {
    id: 'k8s/rbac-pod-exec',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole grants create on pods/exec, pods/attach or pods/ephemeralcontainers.',
    rationale:
      'Exec, attach and ephemeral (debug) containers run commands inside other workloads, with their ' +
      'ServiceAccount tokens, mounted Secrets and network identity: a subject with it has what every pod in ' +
      'reach has (Kubernetes RBAC good practices). Interactive access belongs to people, through a reviewed role.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'] },
  },
  check(context, report) {
    for (const rule of policyRules(context.object)) {
      if (!coversGroup(rule, '')) continue;
      // `update`/`patch` on pods/ephemeralcontainers add a debug container too.
      for (const subresource of SUBRESOURCES) {
        const wanted = subresource === 'pods/ephemeralcontainers' ? ['create', 'update', 'patch'] : ['create'];
        const entries = resourceEntries(rule, subresource);
        if (entries.length === 0 || verbEntries(rule, wanted).length === 0) continue;
        report({
          ...spanOfNode(entries[0].node),
          message: `${context.object.kind} "${context.object.name ?? ''}" lets its subjects use ${subresource}: they can run commands in the pods they reach, with those pods' credentials.`,
        });
        break;
      }
    }
  },
};
