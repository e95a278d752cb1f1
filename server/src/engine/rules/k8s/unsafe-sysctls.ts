import { isMap, isSeq } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { atLeast } from '../../k8s/versions';
import { scalarAt, valueOf, mapAt } from '../../yaml/nodes';
import { isTemplate, spanOfNode } from './helpers';

/** The sysctls the Pod Security Standards (baseline) allow, by the Kubernetes version that added them. */
const SAFE_SYSCTLS: ReadonlyArray<[string, string]> = [
  ['kernel.shm_rmid_forced', '1.0'],
  ['net.ipv4.ip_local_port_range', '1.0'],
  ['net.ipv4.ip_unprivileged_port_start', '1.0'],
  ['net.ipv4.tcp_syncookies', '1.0'],
  ['net.ipv4.ping_group_range', '1.0'],
  ['net.ipv4.ip_local_reserved_ports', '1.27'],
  ['net.ipv4.tcp_keepalive_time', '1.29'],
  ['net.ipv4.tcp_fin_timeout', '1.29'],
  ['net.ipv4.tcp_keepalive_intvl', '1.29'],
  ['net.ipv4.tcp_keepalive_probes', '1.29'],
];

export const unsafeSysctls: K8sRule = {
  meta: {
    id: 'k8s/unsafe-sysctls',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'The pod sets a sysctl outside the safe set of the Pod Security Standards.',
    rationale:
      'Most kernel parameters are not namespaced or not isolated per pod: setting them changes the node for every ' +
      'pod on it, or lets a pod exhaust kernel resources. The kubelet refuses them unless allowed node by node, ' +
      'and the Pod Security Standards (baseline) allow only a short safe list (longer from Kubernetes 1.27 and ' +
      '1.29; `harden.kubernetesVersion` decides). Seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['unsafe-sysctls'] },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const sysctls = valueOf(mapAt(workload.podSpec, 'securityContext'), 'sysctls');
    if (!isSeq(sysctls)) return;
    const version = context.settings.kubernetesVersion;
    for (const item of sysctls.items) {
      if (!isMap(item)) continue;
      const node = scalarAt(item, 'name');
      if (!node || typeof node.value !== 'string' || isTemplate(context.text, node)) continue;
      // `net/ipv4/tcp_syncookies` is the same sysctl as `net.ipv4.tcp_syncookies`.
      const name = node.value.replaceAll('/', '.');
      const safe = SAFE_SYSCTLS.find(([safeName]) => safeName === name);
      if (safe && atLeast(version, safe[1])) continue;
      report({
        ...spanOfNode(node),
        message: safe
          ? `The sysctl ${node.value} is safe only from Kubernetes ${safe[1]} (the target is ${version}): the kubelet rejects the pod unless the node allows it.`
          : `The sysctl ${node.value} is not in the safe set: it can affect the whole node, and the kubelet rejects the pod unless the node allows it.`,
      });
    }
  },
};
