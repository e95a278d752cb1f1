// The label selector of the pods a workload controls (its `spec.selector`), for fixes that add objects selecting
// those pods (a PodDisruptionBudget, topology spread constraints). The pod template's labels are not that selector:
// they may carry a version (`version: 1.2.3`) that the previous pods of a rolling update do not have.
import { isMap, type Node } from 'yaml';
import type { K8sContext } from './context';
import { isEmptySelector, matches, readLabelSelector, readLabels, selectorFromLabels, type LabelSelector, type Labels } from './selectors';
import type { YamlValue } from '../yaml/render';
import { isNullish, mapAt, pairOf } from '../yaml/nodes';
import { containsTemplate } from '../yaml/templates';

/** Kinds whose `spec.selector` is a plain label map (`map[string]string`), not a `metav1.LabelSelector`. */
const MAP_SELECTOR_KINDS = new Set(['ReplicationController', 'DeploymentConfig']);

/**
 * The selector of the pods the current workload controls, given its pod template labels:
 * - its `spec.selector` when written (a plain map for ReplicationController and DeploymentConfig);
 * - the template labels when it is absent or an empty map, which is what the API defaulted it to where it was
 *   optional (extensions/v1beta1 and apps/v1beta1 workloads, ReplicationController, DeploymentConfig).
 * Undefined when it cannot be known or selects no pod of the template: templated, malformed, an empty
 * `metav1.LabelSelector` (every pod of the namespace; apps/v1 rejects it), or one the template labels do not meet
 * (the API server rejects that workload; k8s/selector-mismatch reports it).
 */
export function workloadSelector(context: K8sContext, podLabels: Labels): LabelSelector | undefined {
  const { kind, root } = context.object;
  const pair = pairOf(mapAt(root, 'spec'), 'selector');
  const node = pair?.value as Node | null | undefined;
  if (!pair || isNullish(node)) return selectorFromLabels({ ...podLabels });
  if (containsTemplate(context.text, node)) return undefined;
  let selector: LabelSelector | undefined;
  if (MAP_SELECTOR_KINDS.has(kind)) {
    const labels = readLabels(node);
    if (!labels) return undefined;
    selector = selectorFromLabels(Object.keys(labels).length > 0 ? labels : { ...podLabels });
  } else {
    selector = isMap(node) ? readLabelSelector(node) : undefined;
  }
  if (!selector || isEmptySelector(selector) || !matches(selector, podLabels)) return undefined;
  return selector;
}

/** A selector as a `metav1.LabelSelector` value to insert: matchLabels and/or matchExpressions, as written. */
export function selectorValue(selector: LabelSelector): { [key: string]: YamlValue } {
  const value: { [key: string]: YamlValue } = {};
  if (Object.keys(selector.matchLabels).length > 0) value.matchLabels = { ...selector.matchLabels };
  if (selector.matchExpressions.length > 0) {
    value.matchExpressions = selector.matchExpressions.map((e): YamlValue => {
      const expression: { [key: string]: YamlValue } = { key: e.key, operator: e.operator };
      // Exists and DoesNotExist take no values (the API rejects a non-empty list).
      if (e.operator === 'In' || e.operator === 'NotIn') expression.values = [...e.values];
      return expression;
    });
  }
  return value;
}

/** A selector in kubectl's `-l` syntax: `app=web,tier in (front,back),!canary`. */
export function selectorText(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(',')})`);
  }
  return parts.join(',');
}
