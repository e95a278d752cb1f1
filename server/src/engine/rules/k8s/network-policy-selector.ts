import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { hasPodsIn, partOfLargerWhole, selectsOperatorPods, selectsPods } from '../../k8s/references';
import { isEmptySelector, readLabelSelector } from '../../k8s/selectors';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { operatorManaged, templatedNamespace } from '../../k8s/workload-targets';
import { mapAt, pairOf } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';

export const networkPolicySelector: K8sRule = {
  meta: {
    id: 'k8s/network-policy-selector',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A NetworkPolicy whose podSelector matches no pod template of its namespace in the workspace.',
    rationale:
      'A NetworkPolicy isolates only the pods its `podSelector` selects. A typo or a stale label leaves the pods ' +
      'it was written for open to (or cut off from) traffic the reviewer believes is controlled, with no error ' +
      'anywhere: the API accepts a policy that selects nothing.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['dangling-networkpolicy'], kubeScore: ['networkpolicy-targets-pod'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'NetworkPolicy' || !object.apiVersion.startsWith('networking.k8s.io/')) return;
    if (templatedNamespace(object.namespace)) return;
    const pair = pairOf(mapAt(object.root, 'spec'), 'podSelector');
    if (!pair?.value || containsTemplate(context.text, pair.value as Node)) return;
    const selector = readLabelSelector(pair.value as Node);
    // Absent, unreadable or empty (`{}` selects every pod of the namespace): nothing to check.
    if (!selector || isEmptySelector(selector)) return;
    if (!hasPodsIn(index, object.namespace)) return;
    if (selectsPods(index, object.namespace, selector) !== false) return;
    if (operatorManaged(index, object.namespace, selector.matchLabels)) return;
    if (selectsOperatorPods(index, object.namespace, selector)) return;
    const ns = object.namespace ?? index.defaultNamespace;
    if (partOfLargerWhole(context)) return;
    report({
      ...spanOfNode(pair.key),
      message: `NetworkPolicy "${object.name ?? ''}" selects no pod template of namespace "${ns}" in the workspace: it applies to nothing.`,
    });
  },
};
