import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { K8sContext } from '../../k8s/context';
import type { K8sRule } from '../../k8s/context';
import { containerLabel, type Container, type Workload } from '../../k8s/model';
import { entryOf, resourcesOf } from '../../k8s/resources';
import { forEachContainer, spanOfContainer, templatedAt } from '../../k8s/rule-toolkit';
import { boolOf, isNullish, scalarAt, stringAt, valueOf } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';

export const ephemeralStorage: K8sRule = {
  meta: {
    id: 'k8s/ephemeral-storage',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container that can write to the node disk (writable root file system, emptyDir without sizeLimit) has no `ephemeral-storage` limit.',
    rationale:
      "A container's writable layer and the pod's disk-backed emptyDir volumes live on the node's local disk. Without an " +
      'ephemeral-storage limit nothing caps them: a runaway temp file or cache fills the disk, the node reports ' +
      'DiskPressure and the kubelet evicts pods, other workloads included (Kubernetes: "Local ephemeral storage"). With ' +
      'a limit the kubelet evicts only the pod that exceeds it; a limit alone also sets the request the scheduler places ' +
      "the pod by. The seeds' reason for limits (003, 004: one workload must not exhaust the node for its neighbours) " +
      'holds for disk as well.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'availability',
    aliases: { kubeScore: ['container-ephemeral-storage-request-and-limit'] },
  },
  check(context, report) {
    forEachContainer(context, (container, workload) => {
      const resources = resourcesOf(context, container);
      if (!resources || entryOf(resources, 'limits', 'ephemeral-storage') !== undefined) return;
      const writes = diskWrites(context, workload, container);
      if (!writes) return;
      const request = entryOf(resources, 'requests', 'ephemeral-storage') !== undefined;
      report({
        ...spanOfContainer(container),
        missing: true,
        message:
          `The ${containerLabel(container)} has ${request ? 'an ephemeral-storage request but no limit' : 'no ephemeral-storage limit'} ` +
          `and ${writes}: it can fill the node's disk, and the kubelet then evicts other pods too.`,
      });
    });
  },
};

/**
 * How the container can write to the node's disk without bound, or undefined when it cannot (or it is unknown). Logs
 * are not counted: the kubelet rotates them (containerLogMaxSize 10Mi × containerLogMaxFiles 5 by default).
 */
function diskWrites(context: K8sContext, workload: Workload, container: Container): string | undefined {
  if (templatedAt(context.text, container.node, 'securityContext', 'readOnlyRootFilesystem')) return undefined;
  if (boolOf(scalarAt(container.node, 'securityContext', 'readOnlyRootFilesystem')) !== true) return 'a writable root file system';
  const unbounded = unboundedEmptyDirs(context, workload.podSpec);
  if (!unbounded) return undefined;
  const mounts = valueOf(container.node, 'volumeMounts');
  if (!isSeq(mounts) || containsTemplate(context.text, mounts)) return undefined;
  for (const mount of mounts.items) {
    const name = isMap(mount) ? stringAt(mount, 'name') : undefined;
    if (name && unbounded.has(name) && boolOf(scalarAt(mount as YAMLMap, 'readOnly')) !== true) return `writes to emptyDir "${name}", which has no sizeLimit`;
  }
  return undefined;
}

/** The pod's disk-backed emptyDir volumes without a sizeLimit; undefined when the volumes cannot be read. */
function unboundedEmptyDirs(context: K8sContext, podSpec: YAMLMap): Set<string> | undefined {
  const volumes = valueOf(podSpec, 'volumes');
  if (isNullish(volumes)) return new Set();
  if (!isSeq(volumes) || containsTemplate(context.text, volumes)) return undefined;
  const names = new Set<string>();
  for (const volume of volumes.items) {
    if (!isMap(volume)) continue;
    const name = stringAt(volume, 'name');
    const emptyDir = valueOf(volume, 'emptyDir');
    if (!name || emptyDir === undefined) continue;
    const dir = isMap(emptyDir) ? emptyDir : undefined;
    if (stringAt(dir, 'medium') === 'Memory') continue; // tmpfs: counted as memory, not disk
    if (!isNullish(valueOf(dir, 'sizeLimit'))) continue;
    names.add(name);
  }
  return names;
}
