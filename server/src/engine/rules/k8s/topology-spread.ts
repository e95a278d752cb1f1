import type { K8sRule } from '../../k8s/context';
import { mapAt, pairOf } from '../../yaml/nodes';
import { fix, templatedAt } from './helpers';
import { REPLICATED_KINDS, hpaFor, podLabelsOf, replicasOf, spanOfObject, templatedNamespace } from './workload-targets';

/** The two constraints of seeds 000/001, with their maxSkew values. */
export function spreadConstraints(labels: Record<string, string>) {
  return [
    { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...labels } } },
    { maxSkew: 3, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...labels } } },
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
      '"Распределите ваши pod по разным node и разным зонам"; seed 002 uses podAntiAffinity for the same purpose).',
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
    const podSpec = workload.podSpec;
    if (pairOf(podSpec, 'topologySpreadConstraints') || mapAt(podSpec, 'affinity', 'podAntiAffinity')) return;
    if (templatedAt(context.text, podSpec, 'topologySpreadConstraints') || templatedAt(context.text, podSpec, 'affinity', 'podAntiAffinity')) return;
    if (templatedAt(context.text, object.root, 'spec', 'replicas')) return;
    const hpa = hpaFor(context.index, object);
    const replicas = replicasOf(object.root);
    if (!hpa && (replicas === undefined || replicas === null || replicas < 2)) return;
    const labels = podLabelsOf(context);
    const edits =
      labels && Object.keys(labels).length > 0
        ? context.editor.set(podSpec, ['topologySpreadConstraints'], spreadConstraints(labels), { before: ['containers', 'initContainers'] })
        : undefined;
    const why = hpa ? `is scaled by HorizontalPodAutoscaler "${hpa.name ?? ''}"` : `runs ${replicas} replicas`;
    report({
      ...spanOfObject(context),
      message: `${object.kind} "${object.name ?? ''}" ${why} without topologySpreadConstraints or podAntiAffinity: the scheduler may put every replica on one node or zone.`,
      fixes: fix('Spread pods over nodes (DoNotSchedule) and zones (ScheduleAnyway)', edits),
    });
  },
};
