import type { K8sRule } from '../../k8s/context';
import { isEmptySelector, readLabelSelector, type Labels } from '../../k8s/selectors';
import type { WorkspaceIndex } from '../../k8s/workspace-index';
import { mapAt, pairOf } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import type { Node } from 'yaml';
import { hasWorkloadIn, workloadsSelectedBy, templatedNamespace } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';

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
    if (!isEmptySelector(selector) && operatorManaged(index, object.namespace, selector.matchLabels)) return;
    const ns = object.namespace ?? index.defaultNamespace;
    report({
      ...spanOfNode(pair.key),
      message: isEmptySelector(selector)
        ? `PodDisruptionBudget "${object.name ?? ''}" has an empty selector, which selects no pods in policy/v1beta1.`
        : `PodDisruptionBudget "${object.name ?? ''}" selects no workload of namespace "${ns}" in the workspace: it protects nothing.`,
    });
  },
};

/** Label keys that operators put on the pods they create (no core workload carries them in the manifests). */
const OPERATOR_LABEL_KEYS =
  /^(app\.kubernetes\.io\/managed-by|operator\.[\w.-]+\/[\w.-]+|[\w.-]*operator[\w.-]*\/[\w.-]+|statefulset\.kubernetes\.io\/pod-name)$/;

/**
 * Pods made by an operator from a custom resource: the selector carries operator labels, or names (as
 * `app.kubernetes.io/instance` or `name`) a custom resource of the namespace, e.g. kube-prometheus's PDB of
 * the pods of `Alertmanager "main"`.
 */
function operatorManaged(index: WorkspaceIndex, namespace: string | undefined, labels: Labels): boolean {
  if (Object.keys(labels).some((key) => OPERATOR_LABEL_KEYS.test(key))) return true;
  const names = new Set(['app.kubernetes.io/instance', 'app.kubernetes.io/name', 'name'].map((key) => labels[key]).filter(Boolean));
  return index.inNamespace(namespace).some((o) => isCustomResource(o.apiVersion) && o.name !== undefined && names.has(o.name));
}

/** An API group with a dot that is not Kubernetes' own (`monitoring.coreos.com/v1`, not `rbac.authorization.k8s.io/v1`). */
function isCustomResource(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group.includes('.') && !/(^|\.)k8s\.io$/.test(group) && !/(^|\.)openshift\.io$/.test(group);
}
