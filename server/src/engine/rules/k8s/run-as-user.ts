import type { K8sRule } from '../../k8s/context';
import { containerLabel, type InheritedField } from '../../k8s/model';
import { mapAt, numberOf, pairOf } from '../../yaml/nodes';
import { effectiveSecurityOf, fix, forEachLinuxContainer, inheritedTemplated, mergePodSecurity, spanOfContainer, spanOfNode } from './helpers';

/** Used when the workspace does not tell which UID the image's Dockerfile uses. */
export const DEFAULT_UID = 10001;

const FIELDS: ReadonlyArray<InheritedField & ('runAsUser' | 'runAsGroup')> = ['runAsUser', 'runAsGroup'];

export const runAsUser: K8sRule = {
  meta: {
    id: 'k8s/run-as-user',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container has no effective non-zero `runAsUser`/`runAsGroup` (error when explicitly 0).',
    rationale:
      'A fixed, non-zero UID/GID makes the user explicit instead of relying on the image, lets `runAsNonRoot` ' +
      'verify images whose USER is a name, and gives mounted volumes a predictable owner via `fsGroup`. The seeds ' +
      'pair `USER 1995` in the Dockerfile with `runAsUser: 1995`, `runAsGroup: 1995` and `fsGroup: 1995`.',
    seeds: ['000', '001', '003', '004'],
    fixable: true,
  },
  check(context, report) {
    forEachLinuxContainer(context, (container, workload) => {
      const label = containerLabel(container);
      const missing: string[] = [];
      for (const field of FIELDS) {
        const effective = effectiveSecurityOf(workload, container, field);
        if (!effective) {
          if (inheritedTemplated(context.text, workload, container, field)) continue; // a template may set it
          missing.push(field);
          continue;
        }
        if (numberOf(effective.node) === 0) {
          report({
            ...spanOfNode(effective.node),
            severity: 'error',
            message: `The ${label} runs with ${field}: 0 (root)${effective.scope === 'pod' ? ', inherited from the pod securityContext' : ''}.`,
            fixes: fix(`Set ${field}: ${DEFAULT_UID}`, context.editor.replaceScalar(effective.node, DEFAULT_UID)),
          });
        }
      }
      if (missing.length === 0) return;
      // One fix that sets every missing id at pod level, fsGroup included, as the seeds do.
      const podContext = mapAt(workload.podSpec, 'securityContext');
      const toAdd = ['runAsUser', 'runAsGroup', 'fsGroup'].filter((f) => !pairOf(podContext, f) && (f === 'fsGroup' || missing.includes(f)));
      const edits = mergePodSecurity(context, workload, Object.fromEntries(toAdd.map((f) => [f, DEFAULT_UID])));
      report({
        ...spanOfContainer(container),
        message: `The ${label} has no ${missing.join(' or ')}: the image decides which user it runs as.`,
        missing: true,
        fixes: fix(`Set ${toAdd.join(', ')} to ${DEFAULT_UID} in the pod securityContext`, edits),
      });
    });
  },
};
