import type { K8sContext, K8sRule } from '../../k8s/context';
import { isNear, type ObjectSummary } from '../../k8s/workspace-index';
import { atLeast } from '../../k8s/versions';
import { mapAt, pairOf, stringAt } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { hasWorkloadIn, spanOfObject, templatedNamespace } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

/** The HPA controller disables HPAs whose pods another HPA scales too, from this release (kubernetes#112011). */
const AMBIGUOUS_SELECTOR_SINCE = '1.26';

/** Another HPA (or a KEDA ScaledObject, which makes one) of the namespace, near this file, that scales the same workload. */
function rivalScaler(context: K8sContext, kind: string, name: string): ObjectSummary | undefined {
  const { object, index, path } = context;
  return [...index.ofKind('HorizontalPodAutoscaler', object.namespace), ...index.ofKind('ScaledObject', object.namespace)].find(
    (other) =>
      !(other.kind === object.kind && other.name === object.name) &&
      other.scaleTarget?.kind === kind &&
      other.scaleTarget.name === name &&
      isNear(other.path, path),
  );
}

export const hpaTarget: K8sRule = {
  meta: {
    id: 'k8s/hpa-target',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description:
      "A HorizontalPodAutoscaler's scaleTargetRef names no workload of its namespace in the workspace, or one another HorizontalPodAutoscaler (or KEDA ScaledObject) scales too.",
    rationale:
      'An HPA whose target does not exist (a renamed Deployment such as `my-app-v2` → `my-app-v3`, a wrong kind, ' +
      'another namespace) scales nothing: the workload keeps its fixed replica count under load. Two HPAs on one ' +
      'workload (a copied `frontend` HPA still naming `backend`) overwrite each other’s replica count, and from ' +
      'Kubernetes 1.26 the controller stops both (ScalingActive=False, AmbiguousSelector; kubernetes#112011), so the ' +
      'workload that was meant to be scaled is not. Seed 002 ties the HPA to its Deployment by kind and name.',
    seeds: ['002'],
    fixable: false,
    category: 'availability',
    aliases: { kubescape: ['C-0300'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'HorizontalPodAutoscaler') return;
    if (templatedNamespace(object.namespace)) return;
    const ref = mapAt(object.root, 'spec', 'scaleTargetRef');
    if (!ref || containsTemplate(context.text, ref)) return;
    const kind = stringAt(ref, 'kind');
    const name = stringAt(ref, 'name');
    if (!kind || !name) return;
    // With no workload of this namespace in the workspace, the target is managed elsewhere: say nothing.
    if (!hasWorkloadIn(index, object.namespace)) return;
    const namePair = pairOf(ref, 'name');
    const at = namePair?.value ? spanOfNode(namePair.value as never) : spanOfObject(context);
    if (index.ofKind(kind, object.namespace).some((o) => o.name === name)) {
      const rival = rivalScaler(context, kind, name);
      if (rival) {
        const stops = atLeast(context.settings.kubernetesVersion, AMBIGUOUS_SELECTOR_SINCE)
          ? 'the controller stops both (AmbiguousSelector)'
          : 'they overwrite each other’s replica count';
        report({ ...at, message: `${objectLabel(object)} targets ${kind} "${name}", which ${rival.kind} "${rival.name}" scales too: ${stops}.` });
      }
      return;
    }
    // A template of the chart that did not render (it needs a dependency that is not fetched) may define the target.
    if (index.unparsedMayDefine(kind, name, context.path)) return;
    // An object of the kind whose name cannot be read (`name: {{ .Values.app }}-web`) may be the target.
    if (index.hasUnknownNames(kind)) return;
    const ns = object.namespace ?? index.defaultNamespace;
    const sameName = [...index.objects()].find((o) => o.name === name && index.namespaceOf(o) === ns && o.kind !== 'HorizontalPodAutoscaler');
    const hint = sameName ? ` (there is a ${sameName.kind} of that name: check the kind)` : '';
    report({
      ...at,
      message: `${objectLabel(object)} targets ${kind} "${name}", which is not in namespace "${ns}" of the workspace${hint}: it scales nothing.`,
    });
  },
};
