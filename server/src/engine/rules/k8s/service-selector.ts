import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { anyFromHelmChart, hasPodsIn, partOfLargerWhole, podOwnersVisibleFrom, selectsOperatorPods, selectsPods } from '../../k8s/references';
import { readLabels, selectorFromLabels } from '../../k8s/selectors';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { labelsText, operatorManaged, templatedNamespace } from '../../k8s/workload-targets';
import { mapAt, pairOf, stringAt } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

export const serviceSelector: K8sRule = {
  meta: {
    id: 'k8s/service-selector',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Service whose selector matches no pod template of its namespace in the workspace.',
    rationale:
      'The endpoints controller adds to a Service only the ready pods its selector matches. A typo or a renamed ' +
      'label (`app: web` against pods labelled `app: frontend`) leaves the Service without endpoints: clients ' +
      'get connection refused or 503s while every manifest looks fine in review.',
    seeds: ['001', '002'],
    fixable: false,
    category: 'availability',
    aliases: { kubeLinter: ['dangling-service'], kubeScore: ['service-targets-pod'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'Service' || object.apiVersion !== 'v1') return;
    if (templatedNamespace(object.namespace)) return;
    if (stringAt(object.root, 'spec', 'type') === 'ExternalName') return;
    // Without a selector the endpoints are managed by hand (EndpointSlices) or by a controller: fine.
    const pair = pairOf(mapAt(object.root, 'spec'), 'selector');
    if (!pair?.value || containsTemplate(context.text, pair.value as Node)) return;
    const labels = readLabels(pair.value as Node);
    if (!labels || Object.keys(labels).length === 0) return;
    // With no pods of this namespace in the workspace they are deployed elsewhere (a chart, an operator).
    if (!hasPodsIn(index, object.namespace)) return;
    if (selectsPods(index, object.namespace, selectorFromLabels(labels)) !== false) return;
    if (operatorManaged(index, object.namespace, labels)) return;
    if (selectsOperatorPods(index, object.namespace, selectorFromLabels(labels))) return;
    const ns = object.namespace ?? index.defaultNamespace;
    if (partOfLargerWhole(context) || anyFromHelmChart(context, podOwnersVisibleFrom(index, object.namespace))) return;
    report({
      ...spanOfNode(pair.key),
      message: `${objectLabel(object)} selects ${labelsText(labels)}, which no pod template of namespace "${ns}" in the workspace carries: it has no endpoints.`,
    });
  },
};
