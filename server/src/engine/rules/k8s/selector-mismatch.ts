import { isMap, type Node, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { isEmptySelector, matches, readLabelSelector, readLabels, selectorFromLabels, type LabelSelector, type Labels } from '../../k8s/selectors';
import { mapAt, pairOf, seqAt } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { labelsText, podLabelsOf, replacePairValue } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

const CONTROLLER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Some matchLabels pair or `In` expression agrees with the pod's labels: the selector was meant for these pods. */
function overlaps(selector: LabelSelector, labels: Labels): boolean {
  if (Object.entries(selector.matchLabels).some(([k, v]) => labels[k] === v)) return true;
  return selector.matchExpressions.some((e) => e.operator === 'In' && labels[e.key] !== undefined && e.values.includes(labels[e.key]));
}

interface Term {
  /** The map holding `labelSelector`. */
  holder: YAMLMap;
  what: string;
  /** Report only when the selector partly agrees with the pod labels (affinity terms may target other apps). */
  onlyWhenOverlapping: boolean;
}

function termsOf(podSpec: YAMLMap): Term[] {
  const terms: Term[] = [];
  seqAt(podSpec, 'topologySpreadConstraints')?.items.forEach((item, i) => {
    if (isMap(item)) terms.push({ holder: item, what: `topologySpreadConstraints[${i}]`, onlyWhenOverlapping: false });
  });
  for (const kind of ['podAntiAffinity', 'podAffinity'] as const) {
    const affinity = mapAt(podSpec, 'affinity', kind);
    seqAt(affinity, 'requiredDuringSchedulingIgnoredDuringExecution')?.items.forEach((item, i) => {
      if (isMap(item)) terms.push({ holder: item, what: `${kind} required term ${i + 1}`, onlyWhenOverlapping: true });
    });
    seqAt(affinity, 'preferredDuringSchedulingIgnoredDuringExecution')?.items.forEach((item, i) => {
      const term = isMap(item) ? mapAt(item, 'podAffinityTerm') : undefined;
      if (term) terms.push({ holder: term, what: `${kind} preferred term ${i + 1}`, onlyWhenOverlapping: true });
    });
  }
  return terms;
}

export const selectorMismatch: K8sRule = {
  meta: {
    id: 'k8s/selector-mismatch',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description:
      "A topologySpreadConstraints / pod (anti-)affinity label selector, or a controller's spec.selector, does not match the pod template's own labels.",
    rationale:
      'A spread constraint or anti-affinity term counts the pods its selector matches; when the selector does not ' +
      "match the workload's own pods (a copy-pasted `app: my-app` or a stale `version`), the constraint silently " +
      'does nothing and all replicas may land on one node. A controller whose selector does not match its template ' +
      'is rejected by the API server (seeds 000, 001, 002 repeat the pod labels in every selector).',
    seeds: ['000', '001', '002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Changes which pods a Service routes to or a controller owns.',
    },
  },
  check(context, report) {
    const { object, workload } = context;
    if (!workload) return;
    // A template without labels has none: every non-empty selector misses it (and the API server rejects it).
    const unlabelled = !pairOf(mapAt(workload.template, 'metadata'), 'labels');
    const labels = podLabelsOf(context) ?? (unlabelled ? {} : undefined);
    if (!labels) return;
    const text = context.text;

    // The controller's own selector (no fix: it is immutable once created, and relabelling pods is a decision).
    if (CONTROLLER_KINDS.has(object.kind)) {
      const pair = pairOf(mapAt(object.root, 'spec'), 'selector');
      const node = pair?.value as Node | null | undefined;
      if (pair && node && !containsTemplate(text, node)) {
        const selector = object.kind === 'ReplicationController' ? rcSelector(node) : readLabelSelector(node);
        if (selector && !isEmptySelector(selector) && !matches(selector, labels)) {
          report({
            ...spanOfNode(pair.key),
            message: unlabelled
              ? `${objectLabel(object)} has a spec.selector but its pod template has no labels: the API server rejects it ("selector does not match template labels").`
              : `spec.selector of ${objectLabel(object)} does not match its pod template labels (${labelsText(labels) || 'none'}): the API server rejects it ("selector does not match template labels").`,
            // Template actions may write the labels.
            missing: unlabelled,
          });
        }
      }
    }

    for (const term of termsOf(workload.podSpec)) {
      const pair = pairOf(term.holder, 'labelSelector');
      const node = pair?.value as Node | null | undefined;
      if (!pair || !node || containsTemplate(text, node)) continue;
      if (pairOf(term.holder, 'namespaces') || pairOf(term.holder, 'namespaceSelector')) continue; // other namespaces' pods
      const selector = readLabelSelector(node);
      if (!selector || isEmptySelector(selector) || matches(selector, labels)) continue;
      if (term.onlyWhenOverlapping && !overlaps(selector, labels)) continue;
      const edits = Object.keys(labels).length > 0 ? replacePairValue(context, term.holder, 'labelSelector', { matchLabels: { ...labels } }) : undefined;
      report({
        ...spanOfNode(pair.key),
        message: `The labelSelector of ${term.what} does not match the pod's own labels (${unlabelled ? 'it has none' : labelsText(labels)}): the constraint silently ignores this workload's pods.`,
        missing: unlabelled,
        fixes: edits ? [{ title: 'Select the pod template labels', edits }] : [],
      });
    }
  },
};

function rcSelector(node: Node): LabelSelector | undefined {
  const labels = readLabels(node);
  return labels ? selectorFromLabels(labels) : undefined;
}
