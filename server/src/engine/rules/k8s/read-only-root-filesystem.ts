import { isMap, isSeq } from 'yaml';
import type { K8sContext, K8sRule } from '../../k8s/context';
import { containerLabel, type Container, type Workload } from '../../k8s/model';
import type { RawFix } from '../../rule';
import { boolOf, scalarAt, seqAt, stringAt } from '../../yaml/nodes';
import { fix, forEachLinuxContainer, setContainerSecurityField, spanOfContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';

export const readOnlyRootFilesystem: K8sRule = {
  meta: {
    id: 'k8s/read-only-root-filesystem',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container does not set `readOnlyRootFilesystem: true`.',
    rationale:
      'A read-only container layer stops an attacker (or a bug) from modifying the files of the image. Seed 002: ' +
      '"set the container layer read-only to prevent tampering; if the app must write temporary files, mount an ' +
      'emptyDir" — which is what the second quick fix does for /tmp.',
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'A container that writes to its file system fails; the fix mounts an emptyDir where the image is known to write (/tmp at least).',
    },
    aliases: {
      kubeLinter: ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      checkov: ['CKV_K8S_22'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
    },
  },
  check(context, report) {
    forEachLinuxContainer(context, (container, workload) => {
      const node = scalarAt(container.node, 'securityContext', 'readOnlyRootFilesystem');
      const value = boolOf(node);
      if (value === true) return;
      if (templatedAt(context.text, container.node, 'securityContext', 'readOnlyRootFilesystem')) return;
      if (node && value === undefined && node.value !== null) return;
      const label = containerLabel(container);
      const explicitFalse = node && value === false;
      const setTrue = explicitFalse
        ? context.editor.replaceScalar(node, true)
        : setContainerSecurityField(context, container, ['readOnlyRootFilesystem'], true);
      report({
        ...(explicitFalse ? spanOfNode(node) : spanOfContainer(container)),
        message: explicitFalse
          ? `The ${label} sets readOnlyRootFilesystem: false: files of the image can be modified at run time.`
          : `The ${label} does not set readOnlyRootFilesystem: true.`,
        missing: !explicitFalse,
        fixes: [...fix('Set readOnlyRootFilesystem: true', setTrue), ...tmpVolumeFix(context, workload, container, setTrue)],
      });
    });
  },
};

/** Second fix: the same, plus a writable emptyDir at /tmp (unless something is mounted there already). */
function tmpVolumeFix(context: K8sContext, workload: Workload, container: Container, setTrue: RawFix['edits'] | undefined): RawFix[] {
  if (!setTrue) return [];
  const mounts = seqAt(container.node, 'volumeMounts');
  if (mounts?.items.some((m) => isMap(m) && stringAt(m, 'mountPath')?.replace(/\/$/, '') === '/tmp')) return [];
  const name = freeVolumeName(workload);
  const mountEdits = context.editor.addToSeq(container.node, ['volumeMounts'], { name, mountPath: '/tmp' });
  const volumeEdits = context.editor.addToSeq(workload.podSpec, ['volumes'], { name, emptyDir: {} });
  if (!mountEdits || !volumeEdits) return [];
  // Inserts at one offset apply in the order given: a mount that continues an existing volumeMounts list (the
  // container's last key) must come before a new securityContext key; a new volumeMounts key may follow it.
  const containerEdits = mounts ? [...mountEdits, ...setTrue] : [...setTrue, ...mountEdits];
  return fix('Set readOnlyRootFilesystem: true and mount a writable emptyDir at /tmp', [...containerEdits, ...volumeEdits]);
}

function freeVolumeName(workload: Workload): string {
  const volumes = seqAt(workload.podSpec, 'volumes');
  const taken = new Set((isSeq(volumes) ? volumes.items : []).map((v) => (isMap(v) ? stringAt(v, 'name') : undefined)));
  for (const candidate of ['tmp', 'tmp-dir', 'writable-tmp']) if (!taken.has(candidate)) return candidate;
  return `tmp-${taken.size}`;
}
