import type { K8sRule } from '../../k8s/context';
import { isEmptySelector, readLabelSelector } from '../../k8s/selectors';
import { mapAt, pairOf } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import type { Node } from 'yaml';
import { hasWorkloadIn, operatorManaged, workloadsSelectedBy, templatedNamespace } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { anyFromHelmChart, partOfLargerWhole, podOwnersVisibleFrom, selectsPods } from '../../k8s/references';
import { objectLabel } from '../../k8s/model';

export const pdbSelector: K8sRule = {
  meta: {
    id: 'k8s/pdb-selector',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A PodDisruptionBudget whose selector matches no workload of its namespace in the workspace.',
    rationale:
      'A PDB protects only the pods its selector matches. A typo or a stale label (e.g. `version: v2` after the ' +
      'Deployment moved to v3, as in the seed 002 demo where the PDB repeats `app` and `version`) leaves the ' +
      'workload unprotected while the budget looks fine in review.',
    seeds: ['002'],
    fixable: false,
    category: 'availability',
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'PodDisruptionBudget') return;
    if (templatedNamespace(object.namespace)) return;
    const pair = pairOf(mapAt(object.root, 'spec'), 'selector');
    const node = pair?.value;
    if (!pair || containsTemplate(context.text, node as Node)) return;
    const selector = readLabelSelector(node as never);
    if (!selector) return; // absent or not readable statically
    const emptyV1 = isEmptySelector(selector) && object.apiVersion !== 'policy/v1beta1';
    if (emptyV1) return; // policy/v1: an empty selector selects every pod of the namespace
    // With no workload of this namespace in the workspace the pods are managed elsewhere (an operator, a chart).
    if (!hasWorkloadIn(index, object.namespace)) return;
    if (!isEmptySelector(selector) && workloadsSelectedBy(index, object.namespace, selector).length > 0) return;
    // Some pod template's labels come from a template expression: whether they match is unknown.
    if (!isEmptySelector(selector) && selectsPods(index, object.namespace, selector) === 'unknown') return;
    if (!isEmptySelector(selector) && operatorManaged(index, object.namespace, selector.matchLabels)) return;
    // A chart's templates are in the index as written or rendered with default values, some not at all (a StatefulSet
    // inside `range`, tempo-distributed's ingester): a miss proves nothing there, as for Services (k8s/service-selector).
    if (partOfLargerWhole(context) || anyFromHelmChart(context, podOwnersVisibleFrom(index, object.namespace))) return;
    const ns = object.namespace ?? index.defaultNamespace;
    report({
      ...spanOfNode(pair.key),
      message: isEmptySelector(selector)
        ? `${objectLabel(object)} has an empty selector, which selects no pods in policy/v1beta1.`
        : `${objectLabel(object)} selects no workload of namespace "${ns}" in the workspace: it protects nothing.`,
    });
  },
};
