import { isMap, isSeq } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { atLeast } from '../../k8s/versions';
import { scalarAt, valueOf, mapAt } from '../../yaml/nodes';
import { fix, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';

/**
 * The sysctls the Pod Security Standards (baseline) allow, by the Kubernetes version whose policy added them:
 * pod-security-admission policy/check_sysctls.go (sysctlsAllowedV1Dot0 … V1Dot37). Admission compares the
 * name exactly, so `net/ipv4/tcp_syncookies` (which the kubelet reads as the dotted name) is rejected.
 */
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
  ['net.ipv4.tcp_rmem', '1.32'],
  ['net.ipv4.tcp_wmem', '1.32'],
  ['net.ipv4.tcp_slow_start_after_idle', '1.37'],
  ['net.ipv4.tcp_notsent_lowat', '1.37'],
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
      'and the Pod Security Standards (baseline) allow only a short safe list (longer from Kubernetes 1.27, 1.29, ' +
      '1.32 and 1.37; `harden.kubernetesVersion` decides). Seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['sysctls'],
    fixKinds: {
      safe: 'Writing a sysctl with dots instead of slashes names the same kernel parameter; only the spelling Pod Security admission compares changes.',
    },
    aliases: { kubeLinter: ['unsafe-sysctls'], trivy: ['KSV026'] },
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
      const written = node.value;
      const dotted = written.replaceAll('/', '.');
      const safe = SAFE_SYSCTLS.find(([safeName]) => safeName === dotted);
      const safeHere = safe && atLeast(version, safe[1]);
      if (safeHere && dotted === written) continue;
      if (safeHere) {
        // Same sysctl for the kubelet, so respelling it changes nothing at run time.
        report({
          ...spanOfNode(node),
          message: `The sysctl ${written} is safe, but Pod Security admission compares names exactly and allows only ${dotted}.`,
          fixes: fix(`Write ${dotted}`, context.editor.replaceScalar(node, dotted)),
        });
        continue;
      }
      report({
        ...spanOfNode(node),
        message: safe
          ? `The sysctl ${written} is safe only from Kubernetes ${safe[1]} (the target is ${version}): the kubelet rejects the pod unless the node allows it.`
          : `The sysctl ${written} is not in the safe set: it can affect the whole node, and the kubelet rejects the pod unless the node allows it.`,
      });
    }
  },
};
