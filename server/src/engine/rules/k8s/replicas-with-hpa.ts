import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { mapAt, pairOf } from '../../yaml/nodes';
import { fix, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { HPA_SCALABLE_KINDS, autoscalerFor, replicasOf, templatedNamespace } from '../../k8s/workload-targets';
import { objectLabel } from '../../k8s/model';

export const replicasWithHpa: K8sRule = {
  meta: {
    id: 'k8s/replicas-with-hpa',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A workload sets `spec.replicas` while a HorizontalPodAutoscaler (or KEDA ScaledObject) of the workspace scales it.',
    rationale:
      'The HPA owns the replica count: every `kubectl apply` of a manifest that still sets `spec.replicas` resets the ' +
      'scale the HPA chose to that number (a Deployment at 12 pods under load drops to 3) until the HPA reacts again. ' +
      'The Kubernetes documentation ("Migrating Deployments and StatefulSets to horizontal autoscaling") says to remove ' +
      '`spec.replicas` from the manifests of autoscaled workloads.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion:
        'Removing `replicas` from an applied manifest makes the next client-side apply drop the field, and the workload falls to 1 pod until the HPA reacts: migrate first (see the docs page).',
    },
    aliases: { kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object } = context;
    if (!HPA_SCALABLE_KINDS.has(object.kind) || !object.name) return;
    if (templatedNamespace(object.namespace)) return;
    const spec = mapAt(object.root, 'spec');
    if (!spec || templatedAt(context.text, object.root, 'spec', 'replicas')) return;
    const count = replicasOf(object.root);
    // Absent (the HPA's to set), unknown, or 0: an HPA does not scale a workload scaled to zero, so 0 is a deliberate off switch.
    if (count === null || count === undefined || count === 0) return;
    const scaler = autoscalerFor(context.index, object, context.path);
    if (!scaler) return;
    const who = scaler.kind === 'ScaledObject' ? `KEDA ${objectLabel(scaler)}` : objectLabel(scaler);
    const node = pairOf(spec, 'replicas')?.value as Node | undefined;
    if (!node) return;
    report({
      ...spanOfNode(node),
      message:
        `${objectLabel(object)} sets replicas: ${count}, but ${who} scales it: ` +
        `every apply of this manifest resets the pod count the HPA chose to ${count}.`,
      fixes: fix('Remove replicas (the HPA sets the pod count)', context.editor.removePair(spec, 'replicas')),
    });
  },
};
