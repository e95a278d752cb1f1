import type { K8sRule } from '../../k8s/context';
import { boolOf, scalarAt } from '../../yaml/nodes';
import { fix, spanOfNode } from '../../k8s/rule-toolkit';

const FIELDS = { hostNetwork: 'network', hostPID: 'process', hostIPC: 'IPC' } as const;

export const hostNamespaces: K8sRule = {
  meta: {
    id: 'k8s/host-namespaces',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: '`hostNetwork`, `hostPID` or `hostIPC` is `true`.',
    rationale:
      "Sharing the node's network, process or IPC namespace removes the isolation between the pod and the node: " +
      'the pod sees host traffic and processes and can interfere with them. Seed 004 lists host namespaces among ' +
      'the settings to avoid.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['hostNamespaces'],
    fixKinds: {
      suggestion: "Node agents (exporters, CNI, log shippers) need the host's network, PID or IPC namespace.",
    },
    // Without hostNetwork a container's hostPort binds the node on its own: k8s/host-ports then reports it.
    fixEnables: ['k8s/host-ports'],
    aliases: {
      kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
      polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
      checkov: ['CKV_K8S_19', 'CKV_K8S_17', 'CKV_K8S_18'],
      kubescape: ['C-0038', 'C-0041', 'C-0275', 'C-0276'],
      trivy: ['KSV008', 'KSV009', 'KSV010'],
    },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    for (const [field, what] of Object.entries(FIELDS)) {
      const node = scalarAt(workload.podSpec, field);
      if (!node || boolOf(node) !== true) continue;
      report({
        ...spanOfNode(node),
        message: `${field}: true shares the node's ${what} namespace with the pod.`,
        fixes: fix(`Remove ${field}`, context.editor.removePair(workload.podSpec, field)),
      });
    }
  },
};
