import { isScalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerImage } from '../../k8s/container-image';
import { containerLabel } from '../../k8s/model';
import { fix, forEachContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { pairOf, scalarAt } from '../../yaml/nodes';

export const imagePullPolicy: K8sRule = {
  meta: {
    id: 'k8s/image-pull-policy',
    language: 'kubernetes',
    defaultSeverity: 'off',
    description: 'A container runs an image by a mutable tag without `imagePullPolicy: Always` (explicit, or by default) (opt-in).',
    rationale:
      'With IfNotPresent (the default for any tag but `latest`) or Never, the kubelet starts the copy of the tag its node ' +
      'already has: after a tag is re-pushed, nodes run different builds of the same pod template, and a rollout ' +
      'restart leaves the old build on every node that cached it. With Always the kubelet resolves the tag ' +
      'to its current digest on every container start (cached layers are not downloaded again) and checks the ' +
      "pod's pull credentials. A digest-pinned image cannot change, so any policy is fine for it.",
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion:
        'Always contacts the registry on every container start: more registry traffic and rate limiting, and a container cannot (re)start while the registry is unreachable, even with the image cached.',
    },
    aliases: { polaris: ['pullPolicyNotAlways'], checkov: ['CKV_K8S_15'], kubeScore: ['container-image-pull-policy'], kubescape: ['C-0075'] },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const image = containerImage(container);
      if (!image || image.ref.digest !== undefined) return; // a digest names one image: nothing to re-pull
      if (templatedAt(context.text, container.node, 'imagePullPolicy')) return;
      const policyNode = scalarAt(container.node, 'imagePullPolicy');
      const written = policyNode && typeof policyNode.value === 'string' ? policyNode.value : undefined;
      if (policyNode && policyNode.value !== null && written === undefined) return; // not a string: the API rejects it
      const label = containerLabel(container);
      const title = 'Set imagePullPolicy: Always';
      if (written === undefined) {
        // Kubernetes' default (SetDefaults_Container): Always for the tag `latest` (or no tag and no digest), else IfNotPresent.
        const tag = image.ref.tag ?? 'latest';
        if (tag === 'latest') return;
        report({
          ...spanOfNode(image.node),
          missing: true,
          message:
            `The ${label} runs image "${image.text}" by its tag with no imagePullPolicy, so IfNotPresent (the default for a ` +
            'tag other than latest): a node that has the tag keeps running its copy after the tag is re-pushed.',
          fixes: fix(title, context.editor.set(container.node, ['imagePullPolicy'], 'Always', { before: keyAfter(container.node, 'image') })),
        });
        return;
      }
      if (written === 'Always' || !policyNode) return;
      const what =
        written === 'Never'
          ? 'never pulls it: it runs whatever copy of the tag the node has, and cannot start where there is none'
          : written === 'IfNotPresent'
            ? 'pulls it only when the node lacks the tag: a node that has it keeps running its copy after the tag is re-pushed'
            : undefined;
      if (!what) return; // an invalid value: the API server rejects it, which says more than this rule could
      report({
        ...spanOfNode(policyNode),
        message: `The ${label} runs image "${image.text}" by its tag with imagePullPolicy: ${written}, which ${what}.`,
        fixes: fix(title, context.editor.replaceScalar(policyNode, 'Always')),
      });
    });
  },
};

/** The key after `key` in the map (a new `imagePullPolicy` goes right below `image`, where people write it). */
function keyAfter(map: YAMLMap, key: string): string[] {
  const index = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  const next = index >= 0 ? map.items[index + 1]?.key : undefined;
  return pairOf(map, key) && isScalar(next) && typeof next.value === 'string' ? [next.value] : [];
}
