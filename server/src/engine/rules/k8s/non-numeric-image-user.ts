import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import type { YamlValue } from '../../yaml/render';
import { boolOf, stringAt } from '../../yaml/nodes';
import { effectiveSecurityOf, fix, forEachLinuxContainer, inheritedTemplated, spanOfContainer } from '../../k8s/rule-toolkit';
import { dockerfileForImage, userPart } from '../../k8s/image-dockerfile';

export const nonNumericImageUser: K8sRule = {
  meta: {
    id: 'k8s/non-numeric-image-user',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A container with runAsNonRoot: true and no runAsUser runs an image whose Dockerfile (in the workspace) ends with a non-numeric USER.',
    rationale:
      'With `runAsNonRoot: true` the kubelet must prove the image user is not root. A named `USER appuser` cannot ' +
      'be checked without the image\'s /etc/passwd, so the kubelet refuses to start the container ("container has ' +
      'runAsNonRoot and image has non-numeric user (appuser), cannot verify user is non-root"). Seeds 000/001 create ' +
      'a named user in the Dockerfile and set runAsNonRoot in the manifest, which is exactly this combination.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      safe: "Writes the UID the image's own Dockerfile gives its USER: the same user, now verifiable.",
    },
  },
  crossDocument: true,
  check(context, report) {
    forEachLinuxContainer(context, (container, workload) => {
      const nonRoot = effectiveSecurityOf(workload, container, 'runAsNonRoot');
      if (!nonRoot || boolOf(nonRoot.node) !== true) return;
      if (effectiveSecurityOf(workload, container, 'runAsUser') || inheritedTemplated(context.text, workload, container, 'runAsUser')) return;
      const image = stringAt(container.node, 'image');
      if (!image) return;
      const dockerfile = dockerfileForImage(image, context.index, context.settings);
      if (!dockerfile?.user || dockerfile.user.includes('$')) return;
      const { user, numeric } = userPart(dockerfile.user);
      if (numeric) return;
      let edits;
      if (dockerfile.uid !== undefined) {
        const entries: { [key: string]: YamlValue } = { runAsUser: dockerfile.uid };
        if (dockerfile.gid !== undefined && !effectiveSecurityOf(workload, container, 'runAsGroup')) entries.runAsGroup = dockerfile.gid;
        edits = context.editor.merge(container.node, ['securityContext'], entries);
      }
      const uidText = dockerfile.uid !== undefined ? ` (UID ${dockerfile.uid})` : '';
      report({
        ...spanOfContainer(container),
        message:
          `The ${containerLabel(container)} will not start: runAsNonRoot is true, no runAsUser is set and its image's ` +
          `Dockerfile (${dockerfile.path}) ends with the non-numeric USER ${user}${uidText}, which the kubelet cannot verify.`,
        fixes: fix(dockerfile.uid !== undefined ? `Add runAsUser: ${dockerfile.uid} to the container securityContext` : 'Add runAsUser', edits),
      });
    });
  },
};
