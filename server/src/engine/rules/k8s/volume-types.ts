import { isMap, isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { seqAt, stringAt } from '../../yaml/nodes';

/**
 * The volume sources of the Kubernetes API that the restricted Pod Security Standard rejects. Allowed:
 * configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret (and the
 * read-only OCI `image` volume); hostPath has its own rule (k8s/host-path); other keys are left to schema
 * validation.
 */
const RESTRICTED = new Set([
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
]);

export const volumeTypes: K8sRule = {
  meta: {
    id: 'k8s/volume-types',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A pod volume of a type the restricted Pod Security Standard does not allow (e.g. `nfs`, `gitRepo`, `iscsi`).',
    rationale:
      'Inline volume sources such as nfs, iscsi, rbd or cloud disks mount storage straight from the pod spec, ' +
      'outside the PersistentVolume objects that cluster administrators control; gitRepo is deprecated and runs ' +
      'git on the node. The restricted Pod Security Standard, which seed 004 asks for, allows only configMap, ' +
      'csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    podSecurity: ['restrictedVolumes'],
    aliases: { trivy: ['KSV028'] },
  },
  check(context, report) {
    const volumes = context.workload && seqAt(context.workload.podSpec, 'volumes');
    for (const volume of volumes?.items ?? []) {
      if (!isMap(volume)) continue;
      for (const pair of volume.items) {
        const key = isScalar(pair.key) ? pair.key : undefined;
        if (typeof key?.value !== 'string' || !key.range || !RESTRICTED.has(key.value)) continue;
        const name = stringAt(volume, 'name');
        report({
          start: key.range[0],
          end: key.range[1],
          severity: key.value === 'gitRepo' ? 'warning' : undefined,
          message:
            key.value === 'gitRepo'
              ? `Volume ${name ? `"${name}" ` : ''}is a gitRepo volume: deprecated, it runs git on the node; clone in an init container into an emptyDir instead.`
              : `Volume ${name ? `"${name}" ` : ''}mounts ${key.value} storage inline: the restricted Pod Security Standard rejects it; use a PersistentVolumeClaim (or a CSI volume).`,
        });
      }
    }
  },
};
