import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { entryOf, resourcesOf } from '../../k8s/resources';
import { forEachContainer, spanOfContainer, templatedAt } from '../../k8s/rule-toolkit';
import { boolOf, scalarAt } from '../../yaml/nodes';

export const ephemeralStorage: K8sRule = {
  meta: {
    id: 'k8s/ephemeral-storage',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container with a writable root file system has no `ephemeral-storage` limit.',
    rationale:
      "A container's writable layer lives on the node's local disk. Without an ephemeral-storage limit nothing caps it: " +
      'a runaway temp file or cache fills the disk, the node reports DiskPressure and the kubelet evicts pods, other ' +
      'workloads included (Kubernetes: "Local ephemeral storage"). With a limit the kubelet evicts only the pod that ' +
      "exceeds it; a limit alone also sets the request the scheduler places the pod by. The seeds' reason for limits " +
      '(003, 004: one workload must not exhaust the node for its neighbours) holds for disk as well.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'availability',
    aliases: { kubeScore: ['container-ephemeral-storage-request-and-limit'] },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const resources = resourcesOf(context, container);
      if (!resources || entryOf(resources, 'limits', 'ephemeral-storage') !== undefined) return;
      // A read-only root file system writes only to the volumes it mounts (and to its logs, which the kubelet rotates).
      if (templatedAt(context.text, container.node, 'securityContext', 'readOnlyRootFilesystem')) return;
      if (boolOf(scalarAt(container.node, 'securityContext', 'readOnlyRootFilesystem')) === true) return;
      const request = entryOf(resources, 'requests', 'ephemeral-storage') !== undefined;
      report({
        ...spanOfContainer(container),
        missing: true,
        message:
          `The ${containerLabel(container)} has ${request ? 'an ephemeral-storage request but no limit' : 'no ephemeral-storage limit'} ` +
          "and a writable root file system: it can fill the node's disk, and the kubelet then evicts other pods too.",
      });
    });
  },
};
