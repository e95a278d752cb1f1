import type { Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { readLabelSelector } from '../../k8s/selectors';
import { mapAt, pairOf } from '../../yaml/nodes';
import { fix, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import {
  SCALABLE_KINDS,
  disruptionBudget,
  expectedScale,
  formatIntOrPercent,
  pdbSelects,
  readIntOrPercent,
  workloadsSelectedBy,
  templatedNamespace,
} from '../../k8s/workload-targets';
import { objectLabel } from '../../k8s/model';

export const pdbBlocksEviction: K8sRule = {
  meta: {
    id: 'k8s/pdb-blocks-eviction',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description:
      'A PodDisruptionBudget allows zero voluntary disruptions: maxUnavailable 0/0%, minAvailable 100%, minAvailable ≥ replicas, or a minAvailable percentage that rounds up to every pod.',
    rationale:
      'A budget that allows no disruption makes `kubectl drain`, node upgrades and the cluster autoscaler wait ' +
      'forever. Seed 002 warns that percentages are rounded UP (向上取整): with `minAvailable` a small workload ' +
      'can end up with ALLOWED DISRUPTIONS 0, while a `maxUnavailable` percentage always allows at least 1.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Allowing one pod to be evicted changes what a node drain may do to the workload.',
    },
    aliases: { kubeLinter: ['pdb-min-available', 'pdb-max-unavailable'], polaris: ['pdbDisruptionsIsZero'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'PodDisruptionBudget') return;
    if (templatedNamespace(object.namespace)) return;
    const spec = mapAt(object.root, 'spec');
    if (!spec || templatedAt(context.text, object.root, 'spec', 'minAvailable') || templatedAt(context.text, object.root, 'spec', 'maxUnavailable')) return;
    const minPair = pairOf(spec, 'minAvailable');
    const maxPair = pairOf(spec, 'maxUnavailable');
    const hasMin = !!minPair && minPair.value !== null;
    const hasMax = !!maxPair && maxPair.value !== null;
    if (hasMin === hasMax) return; // neither (no constraint) or both (rejected by the API server)
    const pair = (hasMin ? minPair : maxPair)!;
    const field = hasMin ? 'minAvailable' : 'maxUnavailable';
    const value = readIntOrPercent(pair.value);
    if (!value) return;
    const valueNode = pair.value as Node;
    const fixes = () => {
      if (field === 'maxUnavailable') return fix('Set maxUnavailable: 1', context.editor.replaceScalar(valueNode, 1));
      const start = pair.key.range?.[0];
      const end = valueNode.range?.[1];
      if (start === undefined || end === undefined) return [];
      return fix('Switch to maxUnavailable: 1', [{ start, end, newText: 'maxUnavailable: 1' }]);
    };
    const written = `${field}: ${formatIntOrPercent(value)}`;

    // Zero disruptions whatever the replica count.
    if (field === 'maxUnavailable' && value.value === 0) {
      report({
        ...spanOfNode(valueNode),
        message: `${objectLabel(object)} allows no voluntary disruption (${written}): node drains will block.`,
        fixes: fixes(),
      });
      return;
    }
    if (field === 'minAvailable' && value.type === 'percent' && value.value >= 100) {
      report({
        ...spanOfNode(valueNode),
        message: `${objectLabel(object)} allows no voluntary disruption (${written}): node drains will block.`,
        fixes: fixes(),
      });
      return;
    }
    if (field === 'maxUnavailable') return; // ≥ 1, or a percentage > 0 that rounds up to ≥ 1

    // minAvailable: compare with the pods of the workloads it selects.
    const selector = readLabelSelector(mapAt(object.root, 'spec', 'selector'));
    if (!selector) return;
    const selected = workloadsSelectedBy(index, object.namespace, selector, SCALABLE_KINDS).filter((w) =>
      pdbSelects({ apiVersion: object.apiVersion, selector }, selector, w.podLabels ?? {}),
    );
    if (selected.length === 0) return; // nothing to compare with (k8s/pdb-selector reports that)
    let expected = 0;
    const sources: string[] = [];
    for (const workload of selected) {
      const scale = expectedScale(index, workload);
      if (!scale) return; // a replica count we cannot read: say nothing
      expected += scale.count;
      const what =
        scale.source === 'hpa' ? `HPA minReplicas ${scale.count}` : scale.source === 'default' ? '1 replica (replicas absent)' : `${scale.count} replicas`;
      sources.push(`${objectLabel(workload)}: ${what}`);
    }
    const budget = disruptionBudget('minAvailable', value, expected);
    if (budget.allowed > 0) return;
    report({
      ...spanOfNode(valueNode),
      message:
        `${objectLabel(object)} allows 0 voluntary disruptions: ${budget.explanation}, ` +
        `leaving ${expected} − ${budget.desiredHealthy} = 0 pods that may be evicted (${sources.join('; ')}). Node drains will block.`,
      fixes: fixes(),
    });
  },
};
