import { isMap, type Node, type Pair, type Scalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { anyFromHelmChart, hasPodsIn, partOfLargerWhole, podOwnersVisibleFrom, selectsOperatorPods, selectsPods } from '../../k8s/references';
import { isEmptySelector, readLabelSelector } from '../../k8s/selectors';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { operatorManaged, templatedNamespace } from '../../k8s/workload-targets';
import { mapAt, pairOf, seqAt } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

export const networkPolicySelector: K8sRule = {
  meta: {
    id: 'k8s/network-policy-selector',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A NetworkPolicy whose podSelector, or a peer podSelector of its own namespace, matches no pod template of the workspace.',
    rationale:
      'A NetworkPolicy isolates only the pods its `podSelector` selects. A typo or a stale label leaves the pods ' +
      'it was written for open to (or cut off from) traffic the reviewer believes is controlled, with no error ' +
      'anywhere: the API accepts a policy that selects nothing.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: {
      kubeLinter: ['dangling-networkpolicy', 'dangling-networkpolicypeer-podselector'],
      kubeScore: ['networkpolicy-targets-pod'],
      kubescape: ['C-0299'],
    },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'NetworkPolicy' || !object.apiVersion.startsWith('networking.k8s.io/')) return;
    if (templatedNamespace(object.namespace)) return;
    if (!hasPodsIn(index, object.namespace)) return;
    const ns = object.namespace ?? index.defaultNamespace;
    let partial: boolean | undefined;
    const dangling = (pair: Pair<Scalar, unknown> | undefined): boolean => {
      if (!pair?.value || containsTemplate(context.text, pair.value as Node)) return false;
      const selector = readLabelSelector(pair.value as Node);
      // Absent, unreadable or empty (`{}` selects every pod of the namespace): nothing to check.
      if (!selector || isEmptySelector(selector)) return false;
      if (selectsPods(index, object.namespace, selector) !== false) return false;
      if (operatorManaged(index, object.namespace, selector.matchLabels) || selectsOperatorPods(index, object.namespace, selector)) return false;
      return !(partial ??= partOfLargerWhole(context) || anyFromHelmChart(context, podOwnersVisibleFrom(index, object.namespace)));
    };
    const own = pairOf(mapAt(object.root, 'spec'), 'podSelector');
    if (dangling(own))
      report({
        ...spanOfNode(own!.key),
        message: `${objectLabel(object)} selects no pod template of namespace "${ns}" in the workspace: it applies to nothing.`,
      });
    // A peer's podSelector without a namespaceSelector selects pods of the policy's own namespace.
    for (const [direction, peers, word] of [
      ['ingress', 'from', 'from'],
      ['egress', 'to', 'to'],
    ] as const) {
      for (const rule of seqAt(mapAt(object.root, 'spec'), direction)?.items ?? []) {
        if (!isMap(rule)) continue;
        for (const peer of seqAt(rule, peers)?.items ?? []) {
          if (!isMap(peer) || peer.has('namespaceSelector')) continue;
          const pair = pairOf(peer, 'podSelector');
          if (!dangling(pair)) continue;
          report({
            ...spanOfNode(pair!.key),
            message: `${objectLabel(object)} allows traffic ${word} pods that no pod template of namespace "${ns}" in the workspace carries: this peer matches nothing.`,
          });
        }
      }
    }
  },
};
