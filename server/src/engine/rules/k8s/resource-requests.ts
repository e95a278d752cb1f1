import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import type { YamlValue } from '../../yaml/render';
import { PLACEHOLDERS, RESOURCE_LABEL, hasEffectiveRequest, placeholder, resourcesOf, setResourceEntries } from '../../k8s/resources';
import { fix, forEachContainer, spanOfContainer } from '../../k8s/rule-toolkit';

export const resourceRequests: K8sRule = {
  meta: {
    id: 'k8s/resource-requests',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container has no CPU or no memory request (a limit alone counts: Kubernetes copies it into the request).',
    rationale:
      'The scheduler places pods by their requests: a container without them is scheduled as if it needed nothing, ' +
      'lands on nodes that cannot hold it and is the first evicted under pressure (BestEffort QoS). The seeds set ' +
      'requests on every container; 002 adds that the HPA computes utilisation from requests, so without them CPU ' +
      'autoscaling cannot work, and 004 calls requests and limits crucial for capacity planning and noisy neighbours.',
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Requests change where and whether pods are scheduled.',
    },
    aliases: {
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
      checkov: ['CKV_K8S_10', 'CKV_K8S_12'],
      kubeScore: ['container-resources'],
      kubescape: ['C-0268', 'C-0269'],
      trivy: ['KSV015', 'KSV016'],
    },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const resources = resourcesOf(context, container);
      if (!resources) return; // templated or malformed: unknown, say nothing
      const missing = (['cpu', 'memory'] as const).filter((r) => !hasEffectiveRequest(resources, r));
      if (missing.length === 0) return;
      const entries: Record<string, YamlValue> = {};
      for (const resource of missing) entries[resource] = placeholder(resource);
      const what = missing.map((r) => RESOURCE_LABEL[r]).join(' and ');
      const plural = missing.length > 1 ? 's' : '';
      const values = missing.map((r) => `${r}: ${PLACEHOLDERS[r]}`).join(', ');
      report({
        ...spanOfContainer(container),
        missing: true,
        message: `The ${containerLabel(container)} has no ${what} request${plural}: the scheduler places it as if it needed nothing.`,
        fixes: () => fix(`Add placeholder request${plural} (${values}) to tune`, setResourceEntries(context, container, resources, 'requests', entries)),
      });
    });
  },
};
