import type { YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { boolOf, scalarAt } from '../../yaml/nodes';
import { fix, forEachContainer, spanOfNode } from './helpers';

export const hostProcess: K8sRule = {
  meta: {
    id: 'k8s/host-process',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: '`securityContext.windowsOptions.hostProcess` is `true` (a Windows HostProcess container).',
    rationale:
      'A Windows HostProcess container runs directly on the node, with the node\'s network and file system and as ' +
      'a node account: it is the Windows equivalent of a privileged container. The Pod Security Standards ' +
      '(baseline) forbid it; seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: true,
    aliases: {},
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const check = (securityContextOwner: YAMLMap, who: string) => {
      const node = scalarAt(securityContextOwner, 'securityContext', 'windowsOptions', 'hostProcess');
      if (!node || boolOf(node) !== true) return;
      report({
        ...spanOfNode(node),
        message: `The ${who} runs as a Windows HostProcess container: it has the node's network, file system and privileges.`,
        fixes: fix('Set hostProcess: false', context.editor.replaceScalar(node, false)),
      });
    };
    check(workload.podSpec, 'pod');
    forEachContainer(context, (container) => check(container.node, containerLabel(container)));
  },
};
