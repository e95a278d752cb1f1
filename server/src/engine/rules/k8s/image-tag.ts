import { isTemplated } from '../../yaml/templates';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { scalarAt, stringAt } from '../../yaml/nodes';
import { forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';

/** The tag of an image reference: undefined when it has none. A registry port (`host:5000/app`) is no tag. */
export function imageTag(image: string): { tag: string | undefined; digest: boolean } {
  if (image.includes('@')) return { tag: undefined, digest: true };
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return { tag: colon === -1 ? undefined : lastSegment.slice(colon + 1), digest: false };
}

export const imageTagRule: K8sRule = {
  meta: {
    id: 'k8s/image-tag',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container image has no tag or uses `latest` (a digest passes).',
    rationale:
      'An image without a tag means `latest`, which moves: two nodes can run different code for the same pod ' +
      'template, a rollback re-pulls the same broken image, and nobody can tell which build is running. The seeds pin ' +
      'every image to a version (`my-app:v3`); a `@sha256:` digest is stricter still.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'hygiene',
    aliases: {
      kubeLinter: ['latest-tag'],
      polaris: ['tagNotSpecified'],
      checkov: ['CKV_K8S_14'],
      kubeScore: ['container-image-tag'],
    },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const image = stringAt(container.node, 'image');
      const node = scalarAt(container.node, 'image');
      if (!image || !node || isTemplated(image) || image.includes('$(')) return;
      const { tag, digest } = imageTag(image.trim());
      if (digest) return;
      const label = containerLabel(container);
      if (tag === undefined || tag === '') {
        report({ ...spanOfNode(node), message: `The ${label} uses image "${image}" without a tag, which means the moving "latest".` });
      } else if (tag.toLowerCase() === 'latest') {
        report({ ...spanOfNode(node), message: `The ${label} uses image "${image}" with the moving tag "latest".` });
      }
    });
  },
};
