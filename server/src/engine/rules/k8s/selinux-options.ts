import type { K8sRule } from '../../k8s/context';
import { atLeast } from '../../k8s/versions';
import { mapAt, scalarAt } from '../../yaml/nodes';
import { forEachSecurityContextOwner, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';

/** SELinux types the Pod Security Standards (baseline) allow; `container_engine_t` from Kubernetes 1.31. */
const ALLOWED_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

export const seLinuxOptions: K8sRule = {
  meta: {
    id: 'k8s/selinux-options',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: '`seLinuxOptions` sets a `user` or `role`, or a `type` other than the container types.',
    rationale:
      'The SELinux label decides what a container may touch on the node. Container types (container_t and its ' +
      'init, KVM and engine variants) confine it; any other type, user or role can lift that confinement (e.g. ' +
      'spc_t, unconfined_t). The Pod Security Standards (baseline) allow only the container types; seed 004 ' +
      'mentions seLinuxOptions and asks for the restricted profile, which includes baseline.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    podSecurity: ['seLinuxOptions'],
    aliases: { trivy: ['KSV025'] },
  },
  check(context, report) {
    const allowed = atLeast(context.settings.kubernetesVersion, '1.31') ? [...ALLOWED_TYPES, 'container_engine_t'] : ALLOWED_TYPES;
    forEachSecurityContextOwner(context, (owner, who) => {
      const options = mapAt(owner, 'securityContext', 'seLinuxOptions');
      if (!options) return;
      const type = scalarAt(options, 'type');
      if (type && typeof type.value === 'string' && !allowed.includes(type.value) && !isTemplate(context.text, type)) {
        report({
          ...spanOfNode(type),
          message: `The ${who} runs with SELinux type ${type.value}: only the container types (${allowed.filter(Boolean).join(', ')}) keep it confined.`,
        });
      }
      for (const field of ['user', 'role'] as const) {
        const node = scalarAt(options, field);
        if (!node || node.value === '' || node.value === null || isTemplate(context.text, node)) continue;
        report({
          ...spanOfNode(node),
          message: `The ${who} sets an SELinux ${field} (${String(node.value)}): the Pod Security Standards allow only the runtime's default ${field}.`,
        });
      }
    });
  },
};
