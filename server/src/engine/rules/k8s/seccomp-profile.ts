import { isMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel, effectiveSecurity } from '../../k8s/model';
import { scalarAt } from '../../yaml/nodes';
import { fix, forEachLinuxContainer, setPodSecurityField, spanOfContainer, spanOfNode } from './helpers';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfile: K8sRule = {
  meta: {
    id: 'k8s/seccomp-profile',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container has no effective `seccompProfile` of type `RuntimeDefault`/`Localhost`, or it is `Unconfined`.',
    rationale:
      'Without a seccomp profile a container may call every system call of the host kernel. Seed 002 sets ' +
      '`seccompProfile: {type: RuntimeDefault}` at pod level so that the runtime\'s filter blocks the dangerous ones.',
    seeds: ['002', '003', '004'],
    fixable: true,
    aliases: { polaris: ['linuxHardening'], checkov: ['CKV_K8S_31'], kubeScore: ['container-seccomp-profile'] },
  },
  check(context, report) {
    forEachLinuxContainer(context, (container, workload) => {
      const effective = effectiveSecurity(workload, container, 'seccompProfile');
      const typeNode = effective && isMap(effective.node) ? scalarAt(effective.node, 'type') : undefined;
      const type = typeNode?.value;
      if (typeof type === 'string' && CONFINED.has(type)) return;
      const label = containerLabel(container);
      if (typeNode && typeof type === 'string') {
        report({
          ...(effective?.scope === 'container' ? spanOfNode(typeNode) : spanOfContainer(container)),
          message: `The ${label} runs with seccomp profile ${type}: every system call is allowed.`,
          fixes: fix('Use seccomp profile RuntimeDefault', context.editor.replaceScalar(typeNode, 'RuntimeDefault')),
        });
        return;
      }
      if (typeNode) return; // a value we cannot read (e.g. a template expression)
      report({
        ...spanOfContainer(container),
        message: `The ${label} has no seccomp profile: every system call is allowed.`,
        fixes: fix(
          'Add seccompProfile RuntimeDefault to the pod securityContext',
          effective ? undefined : setPodSecurityField(context, workload, ['seccompProfile'], { type: 'RuntimeDefault' }),
        ),
      });
    });
  },
};
