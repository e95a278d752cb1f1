import type { K8sRule } from '../../k8s/context';
import { invalidDigest, type ImageRef } from '../../dockerfile/images';
import { containerImage, tagSpan } from '../../k8s/container-image';
import { containerLabel } from '../../k8s/model';
import { forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';
import type { WorkspaceIndex } from '../../k8s/workspace-index';

/** Skaffold replaces the references to the images it builds (artifact `image` names) with the tag it built. */
function builtBySkaffold(index: WorkspaceIndex, name: string): boolean {
  return index.ofKindEverywhere('Config').some((config) => config.builtImages?.includes(name) === true);
}

/**
 * What makes the reference unparsable (distribution/reference grammar): the parts a template leaves empty
 * (`repo:{{ .Values.tag }}` with `tag: ""`), a digest cut short or in upper case. The kubelet then fails with
 * InvalidImageName.
 */
function invalidPart(ref: ImageRef): string | undefined {
  if (ref.name === '') return 'no repository name';
  if (ref.tag === '') return 'an empty tag after ":"';
  return ref.digest === undefined ? undefined : invalidDigest(ref.digest);
}

export const imageTagRule: K8sRule = {
  meta: {
    id: 'k8s/image-tag',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container image has no tag or uses `latest` (a digest passes); error when an empty tag or name, or a malformed digest, makes it invalid.',
    rationale:
      'An image without a tag means `latest`, which moves: two nodes can run different code for the same pod ' +
      'template, a rollback re-pulls the same broken image, and nobody can tell which build is running. The seeds pin ' +
      'every image to a version (`my-app:v3`); a `@sha256:` digest is stricter still. Images that a build tool puts ' +
      'in at deploy time are not reported: those a Skaffold Config of the workspace builds, and ko references ' +
      '(`ko://github.com/org/repo/cmd/app`), which `ko resolve` and `ko apply` replace with digest-pinned images. ' +
      'An empty tag (`busybox:`, what `repo:{{ .Values.tag }}` renders with `tag: ""`) is no moving tag but an invalid ' +
      'reference: the kubelet fails with InvalidImageName and the container never starts.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'hygiene',
    aliases: {
      kubeLinter: ['latest-tag'],
      polaris: ['tagNotSpecified'],
      checkov: ['CKV_K8S_14'],
      kubeScore: ['container-image-tag'],
      trivy: ['KSV013'],
    },
  },
  // A Skaffold Config of the workspace may build the image and put its tag in at deploy time.
  crossDocument: true,
  check(context, report) {
    forEachContainer(context, (container) => {
      const image = containerImage(container);
      if (!image) return;
      const node = image.node;
      const label = containerLabel(container);
      const invalid = invalidPart(image.ref);
      if (invalid) {
        report({
          ...spanOfNode(node),
          severity: 'error',
          message: `The ${label} uses image "${image.text}", which has ${invalid}: not a valid image reference, so the kubelet fails with InvalidImageName and the container never starts.`,
        });
        return;
      }
      if (image.ref.digest !== undefined) return;
      const { tag } = image.ref;
      if (tag === undefined && builtBySkaffold(context.index, image.ref.name)) return;
      if (tag === undefined) {
        report({ ...spanOfNode(node), message: `The ${label} uses image "${image.text}" without a tag, which means the moving "latest".` });
      } else if (tag.toLowerCase() === 'latest') {
        // On the tag: what to change (in a chart, the values line that sets it).
        const span = tagSpan(image, context.text) ?? spanOfNode(node);
        report({ ...span, message: `The ${label} uses image "${image.text}" with the moving tag "latest".` });
      }
    });
  },
};
