import type { K8sRule } from '../../k8s/context';
import type { Node } from 'yaml';
import { mapAt, pairOf } from '../../yaml/nodes';
import { fix, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { singletonReason } from '../../k8s/singletons';
import { REPLICATED_KINDS, autoscalerFor, replicasOf, spanOfObject, templatedNamespace, rolloutFor } from '../../k8s/workload-targets';
import { objectLabel } from '../../k8s/model';

export const replicas: K8sRule = {
  meta: {
    id: 'k8s/replicas',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A Deployment or StatefulSet runs fewer than 2 replicas (absent = 1) and no HPA (or KEDA ScaledObject) scales it.',
    rationale:
      'A single pod is a single point of failure: a node drain, a spot-instance reclaim or a crash takes the ' +
      'service down until a new pod is scheduled and ready. The seed demo runs 3 replicas behind an HPA and a ' +
      'PodDisruptionBudget so that evictions never remove the last available pod.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Changes how many pods run: wrong for singletons (leader election, Recreate, ReadWriteOnce volumes).',
    },
    // Three replicas make a PodDisruptionBudget and spreading expected: those findings are consequences.
    fixEnables: ['k8s/pdb-missing', 'k8s/topology-spread'],
    aliases: { kubeLinter: ['minimum-three-replicas'], polaris: ['deploymentMissingReplicas'], kubeScore: ['deployment-replicas'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object } = context;
    if (!REPLICATED_KINDS.has(object.kind) || !context.workload) return;
    if (templatedNamespace(object.namespace)) return;
    if (rolloutFor(context.index, object)) return; // an Argo Rollout runs these pods
    const spec = mapAt(object.root, 'spec');
    if (!spec || templatedAt(context.text, object.root, 'spec', 'replicas')) return;
    const count = replicasOf(object.root);
    if (count === undefined || count === 0 || (count !== null && count >= 2)) return; // unknown, deliberately scaled to zero, or fine
    if (count === null && object.kind === 'DeploymentConfig') return; // no default: absent is 0 pods (DeploymentConfigSpec.replicas is a plain int32)
    if (autoscalerFor(context.index, object, context.path)) return; // an HPA's floor is judged by k8s/hpa-min-replicas; KEDA owns the count
    // A chart template that did not render may hold the HPA that scales it.
    if (context.index.unparsedMayDefine('HorizontalPodAutoscaler', undefined, context.path)) return;
    if (singletonReason(context, context.workload)) return; // one pod by design
    const pair = pairOf(spec, 'replicas');
    const node = pair?.value as Node | null | undefined;
    const edits =
      count === null ? context.editor.set(spec, ['replicas'], 3, { before: firstKey(spec) }) : node ? context.editor.replaceScalar(node, 3) : undefined;
    report({
      ...(count !== null && node ? spanOfNode(node) : spanOfObject(context)),
      message:
        count === null
          ? `${objectLabel(object)} runs a single pod (no replicas, so 1) and no HorizontalPodAutoscaler targets it.`
          : `${objectLabel(object)} runs only ${count} replica and no HorizontalPodAutoscaler targets it.`,
      fixes: fix('Set replicas: 3', edits),
    });
  },
};

/** `spec.replicas` goes first in `spec`, where people write it. */
function firstKey(spec: { items: Array<{ key: unknown }> }): string[] {
  const key = spec.items[0]?.key as { value?: unknown } | undefined;
  return key && typeof key.value === 'string' ? [key.value] : [];
}
