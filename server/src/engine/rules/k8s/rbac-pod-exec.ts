import type { K8sRule } from '../../k8s/context';
import { coversGroup, policyRules, resourceEntries, verbEntries } from '../../k8s/rbac';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { atLeast } from '../../k8s/versions';
import { objectLabel } from '../../k8s/model';

/** Subresources that run commands in, or attach to, a pod's containers. */
const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/ephemeralcontainers'];

/**
 * From this version the API server also requires `create` for an exec or attach over WebSocket (feature gate
 * AuthorizePodWebsocketUpgradeCreatePermission, beta and on by default; KEP-4006). Before it, the WebSocket upgrade
 * is a GET, authorized as `get` alone (kubernetes/kubernetes#78741, #133515): `get` on pods/exec is exec.
 */
const WEBSOCKET_NEEDS_CREATE = '1.35';

export const rbacPodExec: K8sRule = {
  meta: {
    id: 'k8s/rbac-pod-exec',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole grants create (or, before Kubernetes 1.35, get) on pods/exec or pods/attach, or create on pods/ephemeralcontainers.',
    rationale:
      'Exec, attach and ephemeral (debug) containers run commands inside other workloads, with their ' +
      'ServiceAccount tokens, mounted Secrets and network identity: a subject with it has what every pod in ' +
      'reach has (Kubernetes RBAC good practices). Interactive access belongs to people, through a reviewed role.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'], kubescape: ['C-0002'], trivy: ['KSV053', 'KSV054'] },
  },
  check(context, report) {
    const connectVerbs = atLeast(context.settings.kubernetesVersion, WEBSOCKET_NEEDS_CREATE) ? ['create'] : ['create', 'get'];
    for (const rule of policyRules(context.object)) {
      if (!coversGroup(rule, '')) continue;
      // `update`/`patch` on pods/ephemeralcontainers add a debug container too.
      for (const subresource of SUBRESOURCES) {
        const wanted = subresource === 'pods/ephemeralcontainers' ? ['create', 'update', 'patch'] : connectVerbs;
        const entries = resourceEntries(rule, subresource);
        if (entries.length === 0 || verbEntries(rule, wanted).length === 0) continue;
        report({
          ...spanOfNode(entries[0].node),
          message: `${objectLabel(context.object)} lets its subjects use ${subresource}: they can run commands in the pods they reach, with those pods' credentials.`,
        });
        break;
      }
    }
  },
};
