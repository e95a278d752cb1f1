import type { K8sRule } from '../../k8s/context';
import { userNamespaceRelaxes } from '../../k8s/user-namespaces';
import { containerLabel } from '../../k8s/model';
import { isPrivileged, voidedByPrivileged } from '../../k8s/privileged-container';
import { mapAt, scalarAt } from '../../yaml/nodes';
import { POD_SECURITY_SCOPE, fix, forEachContainer, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';

export const procMount: K8sRule = {
  meta: {
    id: 'k8s/proc-mount',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A container sets `securityContext.procMount` to anything but `Default` (e.g. `Unmasked`).',
    rationale:
      'The default /proc mount masks and makes read-only the paths that expose the host kernel (/proc/kcore, ' +
      '/proc/sys, …). `Unmasked` removes that protection. The Pod Security Standards (baseline) allow only ' +
      '`Default` (from 1.35 any value for a pod in a user namespace, `hostUsers: false`; restricted still only ' +
      '`Default`); seed 004 asks for the restricted profile.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['procMount', 'procMount_restricted'],
    fixKinds: {
      suggestion: 'Unmasked /proc may be what a nested container runtime needs.',
    },
    aliases: { kubeLinter: ['unsafe-proc-mount'], polaris: ['procMount'], trivy: ['KSV027'] },
  },
  check(context, report) {
    // From 1.35 baseline allows any procMount in a user namespace; restricted still requires Default.
    const relaxed = userNamespaceRelaxes(context.workload, context.settings.kubernetesVersion);
    forEachContainer(
      context,
      (container) => {
        const node = scalarAt(container.node, 'securityContext', 'procMount');
        if (!node || typeof node.value !== 'string' || node.value === 'Default' || isTemplate(context.text, node)) return;
        // The runtime masks no /proc path of a privileged container whatever procMount says: no fix while it is.
        const privileged = isPrivileged(container);
        const note = privileged ? voidedByPrivileged('The Default /proc mount') : '';
        report({
          ...spanOfNode(node),
          ...(relaxed ? { severity: 'warning' as const } : {}),
          message: relaxed
            ? `The ${containerLabel(container)} mounts /proc ${node.value}. The pod runs in a user namespace (hostUsers: false), which baseline Pod Security allows from Kubernetes 1.35, but restricted still requires Default.${note}`
            : `The ${containerLabel(container)} mounts /proc ${node.value}: the host kernel paths that are normally masked are exposed.${note}`,
          fixes: privileged ? [] : fix('Remove procMount (Default)', context.editor.removePair(mapAt(container.node, 'securityContext')!, 'procMount')),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
