import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { boolOf, scalarAt } from '../../yaml/nodes';
import { POD_SECURITY_SCOPE, fix, forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';

export const privileged: K8sRule = {
  meta: {
    id: 'k8s/privileged',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A container sets `privileged: true`.',
    rationale:
      'A privileged container has every capability and access to all host devices: escaping to the node is ' +
      'trivial. Seed 002 lists the privileged flag first among the settings that raise privileges.',
    seeds: ['002'],
    fixable: true,
    category: 'security',
    podSecurity: ['privileged'],
    fixKinds: {
      suggestion: 'Node agents and CNI plugins need privileged mode.',
    },
    aliases: {
      kubeLinter: ['privileged-container'],
      polaris: ['runAsPrivileged'],
      checkov: ['CKV_K8S_16'],
      kubeScore: ['container-security-context-privileged'],
      kubescape: ['C-0057'],
      trivy: ['KSV017'],
    },
  },
  check(context, report) {
    forEachContainer(
      context,
      (container) => {
        const node = scalarAt(container.node, 'securityContext', 'privileged');
        if (boolOf(node) !== true || !node) return;
        report({
          ...spanOfNode(node),
          message: `The ${containerLabel(container)} is privileged: it has full access to the node.`,
          fixes: fix('Set privileged: false', context.editor.replaceScalar(node, false)),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
