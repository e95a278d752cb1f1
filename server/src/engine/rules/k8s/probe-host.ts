import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { atLeast } from '../../k8s/versions';
import { boolOf, mapAt, scalarAt } from '../../yaml/nodes';
import { fix, forEachContainer, isTemplate, POD_SECURITY_SCOPE, spanOfNode } from '../../k8s/rule-toolkit';
import { probesOf } from '../../k8s/probes';

/** pod-security-admission policy/check_hostProbesAndhostLifecycle.go: baseline from Kubernetes 1.34. */
const ADMISSION_VERSION = '1.34';
const HANDLERS = ['httpGet', 'tcpSocket'] as const;
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

export const probeHost: K8sRule = {
  meta: {
    id: 'k8s/probe-host',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A probe or lifecycle handler sets `httpGet.host` or `tcpSocket.host`.',
    rationale:
      'The kubelet makes probe and lifecycle connections from the node. With `host` set it connects wherever the ' +
      "manifest says (the node itself, a metadata service, another tenant), with the node's network identity; " +
      'without it, it connects to the pod. The Pod Security Standards (baseline) forbid a non-empty `host` from ' +
      'Kubernetes 1.34; seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['hostProbesAndHostLifecycle'],
    fixKinds: {
      suggestion: "Without `host` the kubelet probes the pod's own address, which is a different endpoint when the pod uses the host's network.",
    },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const enforced = atLeast(context.settings.kubernetesVersion, ADMISSION_VERSION);
    // With the host's network the pod's address is the node's: a process listening on loopback only answers there.
    const hostNetwork = boolOf(scalarAt(workload.podSpec, 'hostNetwork')) === true;
    forEachContainer(
      context,
      (container) => {
        const handlers = [
          ...probesOf(container).map(({ kind, probe }) => ({ where: kind, map: probe })),
          ...(['postStart', 'preStop'] as const).map((hook) => ({ where: `${hook} hook`, map: mapAt(container.node, 'lifecycle', hook) })),
        ];
        for (const { where, map } of handlers) {
          for (const handler of HANDLERS) {
            const action = mapAt(map, handler);
            const host = scalarAt(action, 'host');
            if (!action || !host || host.value === null || host.value === '' || isTemplate(context.text, host)) continue;
            const admission = enforced
              ? 'Pod Security admission (baseline) rejects the pod'
              : `Pod Security admission (baseline) rejects it from Kubernetes ${ADMISSION_VERSION}`;
            report({
              ...spanOfNode(host),
              ...(enforced ? {} : { severity: 'warning' as const }),
              message: `The ${where} of the ${containerLabel(container)} connects to host ${String(host.value)} instead of the pod: ${admission}.`,
              fixes:
                hostNetwork && LOOPBACK.test(String(host.value))
                  ? []
                  : fix('Remove host (connect to the pod)', context.editor.removePair(action, 'host'), 'suggestion'),
            });
          }
        }
      },
      POD_SECURITY_SCOPE,
    );
  },
};
