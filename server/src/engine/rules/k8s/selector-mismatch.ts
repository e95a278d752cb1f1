import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import {
  firstUnmet,
  isEmptySelector,
  readLabelSelector,
  readLabels,
  selectorFromLabels,
  type LabelSelector,
  type Labels,
  type UnmetRequirement,
} from '../../k8s/selectors';
import { boolOf, mapAt, pairOf, scalarAt, seqAt, valueOf } from '../../yaml/nodes';
import { fix, spanOfNode } from '../../k8s/rule-toolkit';
import { labelsText, podLabelsOf, replacePairValue } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { selectorValue, workloadSelector } from '../../k8s/workload-selector';
import { objectLabel } from '../../k8s/model';

const CONTROLLER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/**
 * The labels the API server puts on a Job's pods and in its generated selector (pkg/apis/batch/types.go): a selector
 * of these alone is one read back from the cluster (`kubectl get job -o yaml`), not one written by hand.
 */
const GENERATED_JOB_LABELS = new Set(['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']);

/** A selector whose requirements all name labels the API server generates for a Job. */
function onlyGeneratedLabels(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).every((k) => GENERATED_JOB_LABELS.has(k)) && selector.matchExpressions.every((e) => GENERATED_JOB_LABELS.has(e.key));
}

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
      "A topologySpreadConstraints / pod (anti-)affinity label selector, or a controller's spec.selector, does not match the pod template's own labels; a Job sets a selector without `manualSelector: true`, or a CronJob sets `jobTemplate.spec.selector`.",
    rationale:
      'A spread constraint or anti-affinity term counts the pods its selector matches; when the selector does not ' +
      "match the workload's own pods (a copy-pasted `app: my-app` or a stale `version`), the constraint silently " +
      'does nothing and all replicas may land on one node. A controller whose selector does not match its template ' +
      'is rejected by the API server (seeds 000, 001, 002 repeat the pod labels in every selector), and so is a Job ' +
      "selector without `manualSelector: true` or any selector in a CronJob's jobTemplate: the API server generates those.",
    seeds: ['000', '001', '002'],
    fixable: true,
    category: 'availability',
    aliases: { kubescape: ['C-0296'] },
    fixKinds: {
      suggestion:
        "Changes which pods a Service routes to or a controller owns; removing a CronJob's jobTemplate.spec.selector, which the API server refuses, lets it generate each Job's.",
    },
  },
  check(context, report) {
    const { object, workload } = context;
    if (!workload) return;
    // A CronJob's jobTemplate may not have a selector: each Job's is generated (ValidateJobTemplateSpec,
    // pkg/apis/batch/validation). The only way out is to remove it.
    if (object.kind === 'CronJob') {
      const jobSpec = mapAt(object.root, 'spec', 'jobTemplate', 'spec');
      const pair = pairOf(jobSpec, 'selector');
      const node = pair?.value as Node | null | undefined;
      if (jobSpec && pair && node && !containsTemplate(context.text, node)) {
        report({
          ...spanOfNode(pair.key as Node),
          message: `${objectLabel(object)} sets jobTemplate.spec.selector: the API server rejects it ("\`selector\` will be auto-generated"): it generates the selector of each Job it creates.`,
          missing: false,
          fixes: () => fix('Remove jobTemplate.spec.selector (the API server generates it)', context.editor.removePair(jobSpec, 'selector'), 'suggestion'),
        });
      }
    }

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
        const labelsNode = object.kind === 'ReplicationController' ? node : isMap(node) ? mapAt(node, 'matchLabels') : undefined;
        const selector = object.kind === 'ReplicationController' ? rcSelector(node) : readLabelSelector(node);
        const unmet = selector && !isEmptySelector(selector) ? firstUnmet(selector, labels) : undefined;
        // A Job's selector is generated unless manualSelector is true: the API server adds the generated labels and
        // rejects a selector that asks for any other ("`selector` not auto-generated", validateGeneratedSelector).
        const manual = scalarAt(object.root, 'spec', 'manualSelector');
        const generated =
          object.kind === 'Job' &&
          boolOf(manual) !== true &&
          !(manual && containsTemplate(text, manual)) &&
          selector !== undefined &&
          !isEmptySelector(selector) &&
          !onlyGeneratedLabels(selector);
        if (selector && generated) {
          // The generated labels are added to the pod template: only a missing label of the author's is a mismatch.
          const own = unmet && !('label' in unmet && GENERATED_JOB_LABELS.has(unmet.label)) ? unmet : undefined;
          const located = own ? locateUnmet(selector, own, labelsNode, node, pair.key as Node) : undefined;
          report({
            ...spanOfNode(located?.at ?? (pair.key as Node)),
            message:
              `${objectLabel(object)} sets spec.selector without manualSelector: true: the API server generates a Job's selector and rejects it ("\`selector\` not auto-generated")` +
              (located
                ? `; it also requires ${located.requirement}, which its pod template labels (${labelsText(labels) || 'none'}) do not meet.`
                : '. Remove it, or set manualSelector: true.'),
            missing: false,
          });
        } else if (selector && unmet) {
          const { at, requirement } = locateUnmet(selector, unmet, labelsNode, node, pair.key as Node);
          report({
            // Without template labels, the labels are what is missing, not a wrong value of the selector.
            ...spanOfNode(unlabelled ? (pair.key as Node) : at),
            message: unlabelled
              ? `${objectLabel(object)} has a spec.selector but its pod template has no labels: the API server rejects it ("selector does not match template labels").`
              : `spec.selector of ${objectLabel(object)} requires ${requirement}, which its pod template labels (${labelsText(labels) || 'none'}) do not meet: the API server rejects it ("selector does not match template labels").`,
            // Template actions may write the labels.
            missing: unlabelled,
          });
        }
      }
    }

    // Terms are fixed to select the workload's own pods by its spec.selector, as k8s/topology-spread writes them:
    // every pod label would include a version label, leaving the previous pods of a rolling update uncounted.
    const ownPods = Object.keys(labels).length > 0 ? (workloadSelector(context, labels) ?? selectorFromLabels({ ...labels })) : undefined;
    for (const term of termsOf(workload.podSpec)) {
      const pair = pairOf(term.holder, 'labelSelector');
      const node = pair?.value as Node | null | undefined;
      if (!pair || !node || containsTemplate(text, node)) continue;
      if (pairOf(term.holder, 'namespaces') || pairOf(term.holder, 'namespaceSelector')) continue; // other namespaces' pods
      const selector = readLabelSelector(node);
      const unmet = selector && !isEmptySelector(selector) ? firstUnmet(selector, labels) : undefined;
      if (!selector || !unmet) continue;
      if (term.onlyWhenOverlapping && !overlaps(selector, labels)) continue;
      const edits = ownPods ? replacePairValue(context, term.holder, 'labelSelector', selectorValue(ownPods)) : undefined;
      const { at, requirement } = locateUnmet(selector, unmet, isMap(node) ? mapAt(node, 'matchLabels') : undefined, node, pair.key as Node);
      report({
        ...spanOfNode(at),
        message: `The labelSelector of ${term.what} requires ${requirement}, which the pod's own labels (${unlabelled ? 'it has none' : labelsText(labels)}) do not meet: the constraint silently ignores this workload's pods.`,
        missing: unlabelled,
        fixes: edits ? [{ title: "Select the workload's own pods", edits }] : [],
      });
    }
  },
};

/**
 * The node of the requirement the pod's labels do not meet, where the wrong value is written (in a Helm chart, the
 * value file or call site the label came from), and how to name it; the selector's key when that node is not there.
 */
function locateUnmet(
  selector: LabelSelector,
  unmet: UnmetRequirement,
  labelsNode: Node | undefined,
  selectorNode: Node,
  fallback: Node,
): { at: Node; requirement: string } {
  if ('label' in unmet) {
    const pair = isMap(labelsNode) ? labelsNode.items.find((p) => isScalar(p.key) && String(p.key.value) === unmet.label) : undefined;
    const value = pair?.value;
    return {
      at: isScalar(value) && value.range ? value : ((pair?.key as Node | undefined) ?? fallback),
      requirement: `${unmet.label}=${selector.matchLabels[unmet.label]}`,
    };
  }
  const expression = selector.matchExpressions[unmet.expression];
  const item = isMap(selectorNode) ? seqAt(selectorNode, 'matchExpressions')?.items[unmet.expression] : undefined;
  const values = expression.values.length > 0 ? ` (${expression.values.join(', ')})` : '';
  // The values when they are what fails to match, else the key.
  const at = isMap(item) ? (valueOf(item, 'values') ?? valueOf(item, 'key')) : undefined;
  return { at: at?.range ? at : fallback, requirement: `${expression.key} ${expression.operator}${values}` };
}

function rcSelector(node: Node): LabelSelector | undefined {
  const labels = readLabels(node);
  return labels ? selectorFromLabels(labels) : undefined;
}
