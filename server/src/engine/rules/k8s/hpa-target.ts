import type { K8sRule } from '../../k8s/context';
import { mapAt, pairOf, stringAt } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { hasWorkloadIn, spanOfObject, templatedNamespace } from '../../k8s/workload-targets';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

export const hpaTarget: K8sRule = {
  meta: {
    id: 'k8s/hpa-target',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: "A HorizontalPodAutoscaler's scaleTargetRef names no workload of its namespace in the workspace.",
    rationale:
      'An HPA whose target does not exist (a renamed Deployment such as `my-app-v2` → `my-app-v3`, a wrong kind, ' +
      'another namespace) scales nothing: the workload keeps its fixed replica count under load. Seed 002 ties ' +
      'the HPA to its Deployment by kind and name.',
    seeds: ['002'],
    fixable: false,
    category: 'availability',
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
    if (index.ofKind(kind, object.namespace).some((o) => o.name === name)) return;
    const namePair = pairOf(ref, 'name');
    const ns = object.namespace ?? index.defaultNamespace;
    const sameName = [...index.objects()].find((o) => o.name === name && index.namespaceOf(o) === ns && o.kind !== 'HorizontalPodAutoscaler');
    const hint = sameName ? ` (there is a ${sameName.kind} of that name: check the kind)` : '';
    report({
      ...(namePair?.value ? spanOfNode(namePair.value as never) : spanOfObject(context)),
      message: `${objectLabel(object)} targets ${kind} "${name}", which is not in namespace "${ns}" of the workspace${hint}: it scales nothing.`,
    });
  },
};
