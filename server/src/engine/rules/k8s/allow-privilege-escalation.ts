import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { boolOf, scalarAt, seqAt } from '../../yaml/nodes';
import { capabilityName } from '../../k8s/capabilities';
import { POD_SECURITY_SCOPE, fix, forEachLinuxContainer, setContainerSecurityField, spanOfContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';

export const allowPrivilegeEscalation: K8sRule = {
  meta: {
    id: 'k8s/allow-privilege-escalation',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container does not set `allowPrivilegeEscalation: false`.',
    rationale:
      'Unless it is explicitly `false`, a process in the container can gain more privileges than its parent ' +
      '(setuid binaries, file capabilities): the `no_new_privs` flag is not set. Every seed sets ' +
      '`allowPrivilegeEscalation: false` on each container; it exists only on the container securityContext.',
    seeds: ['000', '001', '002', '003', '004'],
    fixable: true,
    category: 'security',
    podSecurity: ['allowPrivilegeEscalation'],
    fixKinds: {
      safe: 'Only stops setuid binaries and file capabilities from gaining privileges; never offered beside privileged: true or an added SYS_ADMIN.',
    },
    aliases: { kubeLinter: ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'], checkov: ['CKV_K8S_20'] },
  },
  check(context, report) {
    forEachLinuxContainer(
      context,
      (container) => {
        const node = scalarAt(container.node, 'securityContext', 'allowPrivilegeEscalation');
        const value = boolOf(node);
        if (value === false) return;
        if (templatedAt(context.text, container.node, 'securityContext', 'allowPrivilegeEscalation')) return;
        if (node && value === undefined && node.value !== null) return; // unreadable (templated) value
        const label = containerLabel(container);
        // The API server rejects `allowPrivilegeEscalation: false` beside `privileged: true` or an added SYS_ADMIN:
        // no fix until those are gone (k8s/privileged and k8s/dangerous-capabilities fix them).
        const blocked =
          boolOf(scalarAt(container.node, 'securityContext', 'privileged')) === true ||
          !!seqAt(container.node, 'securityContext', 'capabilities', 'add')?.items.some((item) => capabilityName(item) === 'SYS_ADMIN');
        if (node && value === true) {
          report({
            ...spanOfNode(node),
            message: `The ${label} sets allowPrivilegeEscalation: true: its processes can gain more privileges than their parent.`,
            missing: false,
            fixes: blocked ? [] : () => fix('Set allowPrivilegeEscalation: false', context.editor.replaceScalar(node, false)),
          });
          return;
        }
        report({
          ...spanOfContainer(container),
          message: `The ${label} does not set allowPrivilegeEscalation: false.`,
          missing: true,
          fixes: blocked
            ? []
            : () => fix('Set allowPrivilegeEscalation: false', setContainerSecurityField(context, container, ['allowPrivilegeEscalation'], false)),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
