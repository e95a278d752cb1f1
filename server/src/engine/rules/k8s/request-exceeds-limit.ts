import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { compareQuantities, quantityOf } from '../../k8s/quantity';
import { entryOf, resourcesOf, sourceText } from '../../k8s/resources';
import { forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';

export const requestExceedsLimit: K8sRule = {
  meta: {
    id: 'k8s/request-exceeds-limit',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A container requests more of a resource than its limit allows.',
    rationale:
      'The API server rejects a container whose request exceeds its limit ("must be less than or equal to ' +
      'limit"), so the manifest fails at deploy time. Seed 002 describes limits − requests as the overcommit a node ' +
      'may grant, which only makes sense when the limit is at least the request. Applies to every resource name: ' +
      'cpu, memory, ephemeral-storage, hugepages and extended resources.',
    seeds: ['002'],
    fixable: false,
    category: 'availability',
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const resources = resourcesOf(context, container);
      if (!resources?.requests || !resources.limits) return;
      for (const pair of resources.requests.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const request = entryOf(resources, 'requests', name);
        const limit = entryOf(resources, 'limits', name);
        if (!request || !limit) continue;
        const requested = quantityOf(request);
        const limited = quantityOf(limit);
        if (!requested || !limited || compareQuantities(requested, limited) <= 0) continue;
        report({
          ...spanOfNode(request),
          message:
            `The ${containerLabel(container)} requests more ${name} (${sourceText(context.text, request)}) than its limit ` +
            `(${sourceText(context.text, limit)}): the API server rejects it.`,
        });
      }
    });
  },
};
