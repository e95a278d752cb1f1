import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { matches, readLabelSelector, type LabelSelector, type Labels } from '../../k8s/selectors';
import { selectorValue, workloadSelector } from '../../k8s/workload-selector';
import { mapAt, pairOf, seqAt, valueOf } from '../../yaml/nodes';
import { fix, templatedAt } from '../../k8s/rule-toolkit';
import { REPLICATED_KINDS, hpaFor, podLabelsOf, replicasOf, spanOfObject, templatedNamespace, rolloutFor } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

/**
 * Does this term count this workload's own pods? Its labelSelector must match the pod labels (a missing
 * selector matches nothing), and an affinity term's `namespaces` must include the pod's namespace (with
 * neither `namespaces` nor `namespaceSelector` it is the pod's own; a namespaceSelector cannot be judged
 * here and is trusted). Templated selectors are trusted too.
 */
function countsOwnPods(term: YAMLMap, labels: Labels | undefined, namespace: string, text: string): boolean {
  const selectorNode = valueOf(term, 'labelSelector');
  if (containsTemplate(text, selectorNode) || !labels) return true;
  const selector = readLabelSelector(selectorNode);
  if (!selector || !matches(selector, labels)) return false;
  const namespaces = seqAt(term, 'namespaces');
  if (!namespaces || namespaces.items.length === 0 || pairOf(term, 'namespaceSelector')) return true;
  return namespaces.items.some((item) => !isScalar(item) || containsTemplate(text, item) || String(item.value) === namespace);
}

/** The spread constraints and pod anti-affinity terms that spread this workload's own pods. */
function spreadsOwnPods(podSpec: YAMLMap, labels: Labels | undefined, namespace: string, text: string): boolean {
  const constraints = seqAt(podSpec, 'topologySpreadConstraints')?.items ?? [];
  if (constraints.some((c) => isMap(c) && countsOwnPods(c, labels, namespace, text))) return true;
  const antiAffinity = mapAt(podSpec, 'affinity', 'podAntiAffinity');
  const required = seqAt(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution')?.items ?? [];
  const preferred = (seqAt(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution')?.items ?? []).map((p) =>
    isMap(p) ? mapAt(p, 'podAffinityTerm') : undefined,
  );
  return [...required, ...preferred].some((t) => isMap(t) && countsOwnPods(t, labels, namespace, text));
}

/**
 * The two constraints of seeds 000/001, with their maxSkew values, counting the pods `selector` selects. The node
 * constraint (the hard one) stays below a fixed replica count: `maxSkew: 2` lets both pods of a 2-replica Deployment
 * share one node. (ScheduleAnyway only scores: its maxSkew does not change which nodes are preferred.)
 */
export function spreadConstraints(selector: LabelSelector, replicas?: number) {
  const nodeSkew = replicas === undefined ? 2 : Math.max(1, Math.min(2, replicas - 1));
  return [
    { maxSkew: nodeSkew, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: selectorValue(selector) },
    { maxSkew: 3, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selectorValue(selector) },
  ];
}

export const topologySpread: K8sRule = {
  meta: {
    id: 'k8s/topology-spread',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A Deployment or StatefulSet with 2 or more replicas (or scaled by an HPA) has neither topologySpreadConstraints nor podAntiAffinity.',
    rationale:
      'Replicas only protect against node or zone failures when they run on different nodes and zones. Without a ' +
      'spread constraint or pod anti-affinity the scheduler may pack every replica onto one node (seeds 000/001: ' +
      '"Распределите ваши pod по разным node и разным зонам"; seed 002 uses podAntiAffinity for the same purpose). The fix adds both ' +
      "constraints with the workload's own `spec.selector` as their labelSelector, not its pod template labels: a " +
      'label like `version: 1.2.3` there would leave the previous pods of a rolling update out of the count. It offers ' +
      'none when that selector cannot be read.',
    seeds: ['000', '001', '002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'DoNotSchedule spreading can leave pods pending on a small cluster.',
    },
    aliases: { kubeLinter: ['no-anti-affinity'], polaris: ['topologySpreadConstraint'], kubeScore: ['deployment-has-host-podantiaffinity'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, workload } = context;
    if (!workload || !REPLICATED_KINDS.has(object.kind)) return;
    if (templatedNamespace(object.namespace)) return;
    if (rolloutFor(context.index, object)) return; // an Argo Rollout runs these pods
    const podSpec = workload.podSpec;
    const labels = podLabelsOf(context);
    const namespace = object.namespace ?? context.settings.defaultNamespace ?? 'default';
    if (spreadsOwnPods(podSpec, labels, namespace, context.text)) return;
    const written = !!pairOf(podSpec, 'topologySpreadConstraints') || !!mapAt(podSpec, 'affinity', 'podAntiAffinity');
    if (templatedAt(context.text, podSpec, 'topologySpreadConstraints') || templatedAt(context.text, podSpec, 'affinity', 'podAntiAffinity')) return;
    if (templatedAt(context.text, object.root, 'spec', 'replicas')) return;
    const hpa = hpaFor(context.index, object, context.path);
    const replicas = replicasOf(object.root);
    if (!hpa && (replicas === undefined || replicas === null || replicas < 2)) return;
    // Constraints that select other pods are left for the author (selector-mismatch fixes those that overlap).
    // New ones count what the workload's own selector selects, not the pod labels: a version label there would
    // leave the previous pods of a rolling update out of the count.
    const selector = !written && labels && Object.keys(labels).length > 0 ? workloadSelector(context, labels) : undefined;
    const edits = () =>
      selector
        ? context.editor.set(podSpec, ['topologySpreadConstraints'], spreadConstraints(selector, hpa ? undefined : (replicas ?? undefined)), {
            before: ['containers', 'initContainers'],
          })
        : undefined;
    const why = hpa ? `is scaled by ${objectLabel(hpa)}` : `runs ${replicas} replicas`;
    report({
      ...spanOfObject(context),
      message: written
        ? `${objectLabel(object)} ${why}, but its topologySpreadConstraints and podAntiAffinity select other pods (or another namespace): nothing spreads its own replicas over nodes or zones.`
        : `${objectLabel(object)} ${why} without topologySpreadConstraints or podAntiAffinity: the scheduler may put every replica on one node or zone.`,
      missing: !written,
      fixes: () => fix('Spread pods over nodes (DoNotSchedule) and zones (ScheduleAnyway)', edits()),
    });
  },
};
