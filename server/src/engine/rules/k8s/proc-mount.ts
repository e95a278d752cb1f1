import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { mapAt, scalarAt } from '../../yaml/nodes';
import { fix, forEachContainer, isTemplate, spanOfNode } from './helpers';

export const procMount: K8sRule = {
  meta: {
    id: 'k8s/proc-mount',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A container sets `securityContext.procMount` to anything but `Default` (e.g. `Unmasked`).',
    rationale:
      'The default /proc mount masks and makes read-only the paths that expose the host kernel (/proc/kcore, ' +
      '/proc/sys, …). `Unmasked` removes that protection. The Pod Security Standards (baseline) allow only ' +
      '`Default`; seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Unmasked /proc may be what a nested container runtime needs.',
    },
    aliases: { kubeLinter: ['unsafe-proc-mount'] },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const node = scalarAt(container.node, 'securityContext', 'procMount');
      if (!node || typeof node.value !== 'string' || node.value === 'Default' || isTemplate(context.text, node)) return;
      report({
        ...spanOfNode(node),
        message: `The ${containerLabel(container)} mounts /proc ${node.value}: the host kernel paths that are normally masked are exposed.`,
        fixes: fix('Remove procMount (Default)', context.editor.removePair(mapAt(container.node, 'securityContext')!, 'procMount')),
      });
    });
  },
};
