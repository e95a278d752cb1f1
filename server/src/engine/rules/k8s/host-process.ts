import type { K8sRule } from '../../k8s/context';
import { boolOf, scalarAt } from '../../yaml/nodes';
import { fix, forEachSecurityContextOwner, spanOfNode } from '../../k8s/rule-toolkit';

export const hostProcess: K8sRule = {
  meta: {
    id: 'k8s/host-process',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: '`securityContext.windowsOptions.hostProcess` is `true` (a Windows HostProcess container).',
    rationale:
      "A Windows HostProcess container runs directly on the node, with the node's network and file system and as " +
      'a node account: it is the Windows equivalent of a privileged container. The Pod Security Standards ' +
      '(baseline) forbid it; seed 004 asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['windowsHostProcess'],
    fixKinds: {
      suggestion: 'A Windows HostProcess container needs host access by design.',
    },
    aliases: { polaris: ['hostProcess'], trivy: ['KSV103'] },
  },
  check(context, report) {
    forEachSecurityContextOwner(context, (owner, who) => {
      const node = scalarAt(owner, 'securityContext', 'windowsOptions', 'hostProcess');
      if (!node || boolOf(node) !== true) return;
      report({
        ...spanOfNode(node),
        message: `The ${who} runs as a Windows HostProcess container: it has the node's network, file system and privileges.`,
        fixes: fix('Set hostProcess: false', context.editor.replaceScalar(node, false)),
      });
    });
  },
};
