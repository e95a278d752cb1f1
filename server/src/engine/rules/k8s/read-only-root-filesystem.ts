import { isMap, isSeq } from 'yaml';
import type { K8sContext, K8sRule } from '../../k8s/context';
import { containerLabel, type Container, type Workload } from '../../k8s/model';
import type { RawFix } from '../../rule';
import { boolOf, scalarAt, seqAt, stringAt } from '../../yaml/nodes';
import { dockerfileForImage } from '../../k8s/image-dockerfile';
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
      'emptyDir" — which is what the second quick fix does for /tmp and for the VOLUME paths of the image\'s Dockerfile.',
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion:
        "A container that writes to its file system fails; the fix mounts an emptyDir where the image is known to write: /tmp, and the VOLUME paths of the image's Dockerfile in the workspace.",
    },
    aliases: {
      kubeLinter: ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      checkov: ['CKV_K8S_22'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
      kubescape: ['C-0017'],
      trivy: ['KSV014'],
    },
  },
  // Reads the workspace's Dockerfiles (through the index) for the VOLUME paths of the container's image.
  crossDocument: true,
  check(context, report) {
    forEachLinuxContainer(context, (container, workload) => {
      const node = scalarAt(container.node, 'securityContext', 'readOnlyRootFilesystem');
      const value = boolOf(node);
      if (value === true) return;
      if (templatedAt(context.text, container.node, 'securityContext', 'readOnlyRootFilesystem')) return;
      if (node && value === undefined && node.value !== null) return;
      const label = containerLabel(container);
      const explicitFalse = node && value === false;
      const fixes = () => {
        const setTrue = explicitFalse
          ? context.editor.replaceScalar(node, true)
          : setContainerSecurityField(context, container, ['readOnlyRootFilesystem'], true);
        return [...fix('Set readOnlyRootFilesystem: true', setTrue), ...writableVolumesFix(context, workload, container, setTrue)];
      };
      report({
        ...(explicitFalse ? spanOfNode(node) : spanOfContainer(container)),
        message: explicitFalse
          ? `The ${label} sets readOnlyRootFilesystem: false: files of the image can be modified at run time.`
          : `The ${label} does not set readOnlyRootFilesystem: true.`,
        missing: !explicitFalse,
        fixes,
      });
    });
  },
};

/**
 * Second fix: the same, plus a writable emptyDir wherever the image is known to write and nothing is mounted yet:
 * /tmp, and the VOLUME paths of the image's Dockerfile in the workspace (Kubernetes creates no volume for them).
 */
function writableVolumesFix(context: K8sContext, workload: Workload, container: Container, setTrue: RawFix['edits'] | undefined): RawFix[] {
  if (!setTrue) return [];
  const mounts = seqAt(container.node, 'volumeMounts');
  const mounted = (mounts?.items ?? []).flatMap((m) => (isMap(m) ? [stringAt(m, 'mountPath')?.replace(/(.)\/+$/, '$1')] : [])).filter((p): p is string => !!p);
  const covered = (path: string) => mounted.some((m) => m === path || path.startsWith(m === '/' ? m : `${m}/`));
  const image = stringAt(container.node, 'image');
  const volumes = (image && dockerfileForImage(image, context.index, context.settings)?.volumes) || [];
  const paths = [...new Set(['/tmp', ...volumes])].filter((p) => !covered(p));
  if (paths.length === 0) return [];
  const names = freeVolumeNames(workload, paths);
  const mountEdits = context.editor.addAllToSeq(
    container.node,
    ['volumeMounts'],
    paths.map((mountPath, i) => ({ name: names[i], mountPath })),
  );
  const volumeEdits = context.editor.addAllToSeq(
    workload.podSpec,
    ['volumes'],
    names.map((name) => ({ name, emptyDir: {} })),
  );
  if (!mountEdits || !volumeEdits) return [];
  // Inserts at one offset apply in the order given: a mount that continues an existing volumeMounts list (the
  // container's last key) must come before a new securityContext key; a new volumeMounts key may follow it.
  const containerEdits = mounts ? [...mountEdits, ...setTrue] : [...setTrue, ...mountEdits];
  const where = paths.length === 1 ? `a writable emptyDir at ${paths[0]}` : `writable emptyDirs at ${paths.join(', ')}`;
  return fix(`Set readOnlyRootFilesystem: true and mount ${where}`, [...containerEdits, ...volumeEdits]);
}

/** A volume name per path, free in the pod: `tmp` for /tmp, else the path's last segment (`data`, `cache`…). */
function freeVolumeNames(workload: Workload, paths: string[]): string[] {
  const volumes = seqAt(workload.podSpec, 'volumes');
  const taken = new Set((isSeq(volumes) ? volumes.items : []).map((v) => (isMap(v) ? stringAt(v, 'name') : undefined)));
  return paths.map((path) => {
    const base =
      (path.split('/').filter(Boolean).pop() ?? 'root')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'writable';
    const candidates = base === 'tmp' ? ['tmp', 'tmp-dir', 'writable-tmp'] : [base, `${base}-dir`, `writable-${base}`];
    let name = candidates.find((c) => !taken.has(c));
    for (let n = 1; !name; n++) if (!taken.has(`${base}-${n}`)) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}
