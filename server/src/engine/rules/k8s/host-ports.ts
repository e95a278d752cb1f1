import { isMap, isSeq } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { boolOf, numberOf, scalarAt, valueOf } from '../../yaml/nodes';
import { fix, forEachContainer, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';

export const hostPorts: K8sRule = {
  meta: {
    id: 'k8s/host-ports',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container port sets a non-zero `hostPort` (in a pod without `hostNetwork`).',
    rationale:
      "A hostPort opens the port on the node's own address, around Services and NetworkPolicies, and lets only one " +
      'such pod run per node. The Pod Security Standards (baseline) forbid it; seed 004 asks for the restricted ' +
      'profile, which includes baseline. A pod with `hostNetwork: true` is not reported: its containers listen on the ' +
      "node's address anyway, and the API server sets each port's hostPort to its containerPort (and rejects any " +
      'other value), so removing hostPort changes nothing; k8s/host-namespaces reports the hostNetwork itself.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['hostPorts'],
    fixKinds: {
      suggestion: 'A hostPort may be how clients reach the pod (ingress controllers, node agents).',
    },
    aliases: { polaris: ['hostPortSet'], checkov: ['CKV_K8S_26'], kubescape: ['C-0044'], trivy: ['KSV024'] },
  },
  check(context, report) {
    // SetDefaults_PodSpec (defaultHostNetworkPorts) sets hostPort = containerPort on every port of a hostNetwork pod.
    if (context.workload && boolOf(scalarAt(context.workload.podSpec, 'hostNetwork')) === true) return;
    forEachContainer(context, (container) => {
      const ports = valueOf(container.node, 'ports');
      if (!isSeq(ports)) return;
      for (const port of ports.items) {
        if (!isMap(port)) continue;
        const node = scalarAt(port, 'hostPort');
        const value = numberOf(node);
        if (!node || !value || isTemplate(context.text, node)) continue;
        report({
          ...spanOfNode(node),
          message: `The ${containerLabel(container)} binds port ${value} on the node (hostPort): it bypasses Services and NetworkPolicies, and only one such pod fits on a node.`,
          fixes: fix('Remove hostPort', context.editor.removePair(port, 'hostPort')),
        });
      }
    });
  },
};
