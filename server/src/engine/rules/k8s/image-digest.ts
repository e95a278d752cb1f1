import type { K8sRule } from '../../k8s/context';
import { invalidDigest } from '../../dockerfile/images';
import { containerImage } from '../../k8s/container-image';
import { containerLabel } from '../../k8s/model';
import { forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';

export const imageDigest: K8sRule = {
  meta: {
    id: 'k8s/image-digest',
    language: 'kubernetes',
    defaultSeverity: 'off',
    description: 'A container image is not pinned by digest (`@sha256:…`) (opt-in).',
    rationale:
      'A tag, even a version tag, can be re-pushed: the same manifest then runs different code on different nodes or ' +
      'after a reschedule, and a compromised registry account can replace what runs. Only a digest names exactly one ' +
      'image, so rollbacks and audits know what ran. Off by default: digests need a bot (Renovate, Dependabot) or a ' +
      'CI step to stay current, which not every team wants.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { checkov: ['CKV_K8S_43'], kubescape: ['C-0306'] },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const image = containerImage(container);
      // A malformed digest pins nothing (the kubelet refuses it; k8s/image-tag reports it as invalid).
      if (!image || (image.ref.digest !== undefined && invalidDigest(image.ref.digest) === undefined)) return;
      report({
        ...spanOfNode(image.node),
        message: `The ${containerLabel(container)} uses image "${image.text}", which is not pinned by digest: append @sha256:<digest> from the registry.`,
      });
    });
  },
};
