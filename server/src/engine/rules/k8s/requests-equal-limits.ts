import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { compareQuantities, quantityOf } from '../../k8s/quantity';
import type { YamlValue } from '../../yaml/render';
import { copyableValue, entryOf, resourcesOf, setResourceEntries, sourceText } from '../../k8s/resources';
import { fix, forEachContainer, spanOfContainer } from '../../k8s/rule-toolkit';

export const requestsEqualLimits: K8sRule = {
  meta: {
    id: 'k8s/requests-equal-limits',
    language: 'kubernetes',
    defaultSeverity: 'off',
    description: "A container's CPU or memory request differs from its limit (no Guaranteed QoS).",
    rationale:
      'Seed 002 advises requests = limits for core services to avoid competing for resources: only then does the ' +
      'pod get the Guaranteed QoS class, is never overcommitted (limits − requests is the amount a node may ' +
      'oversell) and is the last to be evicted under node pressure. Not every service needs that, so the rule is ' +
      'off by default. A missing request is not a difference: Kubernetes copies the limit into it.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Changes the requests or limits the scheduler and the kernel enforce.',
    },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const resources = resourcesOf(context, container);
      if (!resources) return;
      const differences: string[] = [];
      let limitMissing = false;
      const entries: Record<string, YamlValue> = {};
      for (const resource of ['cpu', 'memory'] as const) {
        const request = entryOf(resources, 'requests', resource);
        const limit = entryOf(resources, 'limits', resource);
        // No request: it defaults to the limit (equal). No limit either: nothing to compare.
        if (!request) continue;
        const requested = quantityOf(request);
        if (!requested) continue;
        if (limit) {
          const limited = quantityOf(limit);
          if (!limited || compareQuantities(requested, limited) === 0) continue;
          differences.push(`${resource} request ${sourceText(context.text, request)} ≠ limit ${sourceText(context.text, limit)}`);
        } else {
          differences.push(`${resource} request ${sourceText(context.text, request)} has no limit`);
          limitMissing = true;
        }
        const value = copyableValue(request);
        if (value !== undefined) entries[resource] = value;
      }
      if (differences.length === 0) return;
      const names = Object.keys(entries);
      report({
        ...spanOfContainer(container),
        missing: limitMissing,
        message: `The ${containerLabel(container)} has requests different from its limits (${differences.join(', ')}): it does not get Guaranteed QoS.`,
        fixes:
          names.length === differences.length
            ? fix(
                names.length > 1 ? `Set the ${names.join(' and ')} limits to the requests` : `Set the ${names[0]} limit to the request`,
                setResourceEntries(context, container, resources, 'limits', entries),
              )
            : [],
      });
    });
  },
};
