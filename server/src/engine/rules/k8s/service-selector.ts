import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import {
  anyFromHelmChart,
  hasPodsIn,
  isSystemNamespace,
  partOfLargerWhole,
  podOwnersVisibleFrom,
  selectsOperatorPods,
  selectsPods,
} from '../../k8s/references';
import { readLabels, selectorFromLabels } from '../../k8s/selectors';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { labelsText, operatorManaged, templatedNamespace } from '../../k8s/workload-targets';
import { mapAt, pairOf, stringAt } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';
import type { WorkspaceIndex } from '../../k8s/workspace-index';

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
    aliases: { kubeLinter: ['dangling-service'], kubeScore: ['service-targets-pod'], kubescape: ['C-0293'] },
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
    if (isSystemNamespace(object.namespace) && !aimsAtWorkspacePods(index, object.namespace, labels)) return;
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

/**
 * Labels the cluster's own kube-system pods carry, never in a repository: kubeadm's static control-plane pods
 * (`component: kube-apiserver`, `tier: control-plane`), its addons (`k8s-app: kube-dns`, `kube-proxy`).
 */
const CLUSTER_POD_LABELS: Record<string, ReadonlySet<string>> = {
  component: new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'cloud-controller-manager']),
  tier: new Set(['control-plane']),
  'k8s-app': new Set(['kube-dns', 'kube-proxy']),
};

/**
 * A system namespace (kube-system) also runs pods no repository holds: those above, a cloud provider's agents, addons
 * its installer adds. A Service there that selects none of the workspace's pods aims at the workspace's own pods (and
 * is wrong) only when it shares a label with one of them, other than the cluster's own: `{app: agent, tier: api}`
 * against pods labelled `{app: agent, tier: backend}`. One that shares none selects pods the cluster runs.
 */
function aimsAtWorkspacePods(index: WorkspaceIndex, namespace: string | undefined, labels: Record<string, string>): boolean {
  return Object.entries(labels).some(
    ([key, value]) =>
      !CLUSTER_POD_LABELS[key]?.has(value) &&
      [namespace, undefined].some((scope) =>
        index.podOwnersLabelled(scope, key, value).some((o) => o.podLabels !== undefined && (scope === namespace || o.namespace === undefined)),
      ),
  );
}
