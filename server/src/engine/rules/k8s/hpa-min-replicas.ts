import type { Node } from 'yaml';
import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { mapAt, numberOf, pairOf, scalarAt } from '../../yaml/nodes';
import { fix, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { spanOfObject } from '../../k8s/workload-targets';
import { objectLabel } from '../../k8s/model';

export const hpaMinReplicas: K8sRule = {
  meta: {
    id: 'k8s/hpa-min-replicas',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A HorizontalPodAutoscaler lets the workload scale down to a single pod (minReplicas < 2; absent = 1).',
    rationale:
      'When load is low the HPA scales down to `minReplicas`; with 1 the service is back to a single point of ' +
      'failure and every node drain is an outage. Seed 002 pairs its HPA (`minReplicas: 3`) with a PodDisruptionBudget, ' +
      'which can only help when at least two pods exist.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Changes how many pods run.',
    },
    aliases: { kubeLinter: ['hpa-minimum-three-replicas'], polaris: ['hpaMinAvailability'], kubeScore: ['horizontalpodautoscaler-replicas'] },
  },
  check(context, report) {
    const { object } = context;
    if (object.kind !== 'HorizontalPodAutoscaler') return;
    const spec = mapAt(object.root, 'spec');
    if (!spec || templatedAt(context.text, object.root, 'spec', 'minReplicas')) return;
    const pair = pairOf(spec, 'minReplicas');
    const node = pair?.value as Node | null | undefined;
    let min: number;
    if (!node || (isScalar(node) && node.value === null)) min = 1;
    else {
      const n = numberOf(node);
      if (n === undefined) return;
      min = n;
    }
    if (min >= 2) return;
    const max = numberOf(scalarAt(spec, 'maxReplicas'));
    const canFix = max === undefined || max >= 2; // never produce minReplicas > maxReplicas
    const edits = !canFix
      ? undefined
      : node && isScalar(node) && node.value !== null
        ? context.editor.replaceScalar(node, 2)
        : context.editor.set(spec, ['minReplicas'], 2, { before: ['maxReplicas'] });
    report({
      ...(node && isScalar(node) && node.value !== null ? spanOfNode(node) : spanOfObject(context)),
      message: pair
        ? `${objectLabel(object)} may scale down to ${min} pod${min === 1 ? '' : 's'} (minReplicas: ${min}).`
        : `${objectLabel(object)} may scale down to 1 pod (minReplicas absent, default 1).`,
      fixes: fix('Set minReplicas: 2', edits),
    });
  },
};
