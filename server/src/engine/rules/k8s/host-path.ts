import { isMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { pairOf, seqAt, stringAt } from '../../yaml/nodes';

export const hostPath: K8sRule = {
  meta: {
    id: 'k8s/host-path',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A pod mounts a `hostPath` volume.',
    rationale:
      "A hostPath volume exposes the node's file system to the pod: a compromised container can read secrets of " +
      'other pods or write to the host. Seed 003 shows hostPath as the volume that ties a pod to one node; seed 004 ' +
      'recommends restricting it.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'security',
    podSecurity: ['hostPathVolumes'],
    aliases: {
      kubeLinter: ['sensitive-host-mounts'],
      polaris: ['hostPathSet'],
      checkov: ['CKV_K8S_27'],
      kubescape: ['C-0045', 'C-0048', 'C-0074'],
      trivy: ['KSV006', 'KSV023', 'KSV121'],
    },
  },
  check(context, report) {
    const volumes = context.workload && seqAt(context.workload.podSpec, 'volumes');
    for (const volume of volumes?.items ?? []) {
      if (!isMap(volume)) continue;
      const pair = pairOf(volume, 'hostPath');
      if (!pair?.key.range) continue;
      const path = stringAt(volume, 'hostPath', 'path');
      const name = stringAt(volume, 'name');
      report({
        start: pair.key.range[0],
        end: pair.key.range[1],
        message: `Volume ${name ? `"${name}" ` : ''}mounts the node's ${path ? `path ${path}` : 'file system'} (hostPath).`,
      });
    }
  },
};
