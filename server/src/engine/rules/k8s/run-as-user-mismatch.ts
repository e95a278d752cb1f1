import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { mapAt, numberOf, scalarAt, stringAt } from '../../yaml/nodes';
import { effectiveSecurityOf, fix, forEachLinuxContainer, spanOfNode } from '../../k8s/rule-toolkit';
import { dockerfileForImage } from '../../k8s/image-dockerfile';

export const runAsUserMismatch: K8sRule = {
  meta: {
    id: 'k8s/run-as-user-mismatch',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: "runAsUser / fsGroup differs from the UID / GID that the image's Dockerfile (in the workspace) assigns to its USER.",
    rationale:
      'Seeds 000/001 create the image user with a fixed UID and `COPY --chown` the application to it. When the ' +
      'manifest runs the container as another UID (or mounts volumes with another fsGroup), the process no longer ' +
      'owns its files: writes fail with "permission denied" at runtime, often only on the first write to a volume.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Changes the UID the container runs as to the one its Dockerfile gives.',
    },
  },
  crossDocument: true,
  check(context, report) {
    const seen = new Set<Node>();
    forEachLinuxContainer(context, (container, workload) => {
      const image = stringAt(container.node, 'image');
      if (!image) return;
      const dockerfile = dockerfileForImage(image, context.index, context.settings);
      if (!dockerfile) return;
      const checks: Array<{ field: 'runAsUser' | 'fsGroup'; node: Node | undefined; want: number | undefined; what: string }> = [
        { field: 'runAsUser', node: effectiveSecurityOf(workload, container, 'runAsUser')?.node, want: dockerfile.uid, what: 'UID' },
        { field: 'fsGroup', node: scalarAt(mapAt(workload.podSpec, 'securityContext'), 'fsGroup'), want: dockerfile.gid, what: 'GID' },
      ];
      for (const { field, node, want, what } of checks) {
        if (!node || want === undefined || seen.has(node)) continue;
        const have = numberOf(node);
        if (have === undefined || have === want) continue;
        seen.add(node);
        report({
          ...spanOfNode(node),
          message: `${field}: ${have} for the ${containerLabel(container)} differs from the ${what} ${want} that its image's Dockerfile (${dockerfile.path}) assigns to USER ${dockerfile.user ?? ''}: files owned by the image user become unwritable.`,
          fixes: fix(`Use the Dockerfile's ${what} ${want}`, context.editor.replaceScalar(node, want)),
        });
      }
    });
  },
};
