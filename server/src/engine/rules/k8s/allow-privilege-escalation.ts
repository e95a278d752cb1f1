import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { boolOf, numberOf, scalarAt, seqAt } from '../../yaml/nodes';
import { capabilityName } from '../../k8s/capabilities';
import { isPrivileged } from '../../k8s/privileged-container';
import {
  POD_SECURITY_SCOPE,
  effectiveSecurityOf,
  fix,
  forEachLinuxContainer,
  setContainerSecurityField,
  spanOfContainer,
  spanOfNode,
  templatedAt,
} from '../../k8s/rule-toolkit';
import type { Container, Workload } from '../../k8s/model';
import type { FixKind } from '../../types';

const TITLE = 'Set allowPrivilegeEscalation: false';

/**
 * Why setting `false` may break this container, if it may: then the fix is a suggestion. An explicit `true` was
 * somebody's decision. A container that adds capabilities and is not known to run as root gets them only through
 * file capabilities (`setcap cap_net_bind_service=+ep` to listen on port 80 as user 10001: sock-shop), which
 * no_new_privs ignores; root keeps its capabilities either way.
 */
function riskOf(workload: Workload, container: Container, explicitTrue: boolean): string | undefined {
  if (explicitTrue) return 'it was set to true on purpose';
  const added = seqAt(container.node, 'securityContext', 'capabilities', 'add')?.items.length ?? 0;
  const user = effectiveSecurityOf(workload, container, 'runAsUser');
  if (added > 0 && !(user && numberOf(user.node) === 0)) return 'a non-root process gets added capabilities only from file capabilities, which it then ignores';
  return undefined;
}

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
      suggestion:
        'Replacing an explicit true, or on a container that adds capabilities and may run as non-root: such a process gets them only from file capabilities (setcap), which no_new_privs ignores, so binding port 80 or raw sockets can fail.',
    },
    aliases: {
      kubeLinter: ['privilege-escalation-container'],
      polaris: ['privilegeEscalationAllowed'],
      checkov: ['CKV_K8S_20'],
      kubescape: ['C-0016'],
      trivy: ['KSV001'],
    },
  },
  check(context, report) {
    forEachLinuxContainer(
      context,
      (container, workload) => {
        const node = scalarAt(container.node, 'securityContext', 'allowPrivilegeEscalation');
        const value = boolOf(node);
        if (value === false) return;
        if (templatedAt(context.text, container.node, 'securityContext', 'allowPrivilegeEscalation')) return;
        if (node && value === undefined && node.value !== null) return; // unreadable (templated) value
        const label = containerLabel(container);
        // The API server rejects `allowPrivilegeEscalation: false` beside `privileged: true` or an added SYS_ADMIN:
        // no fix until those are gone (k8s/privileged and k8s/dangerous-capabilities fix them).
        const privileged = isPrivileged(container);
        const note = privileged ? ' It cannot be false while the container is privileged (k8s/privileged): the API server refuses the pair.' : '';
        const blocked =
          privileged || !!seqAt(container.node, 'securityContext', 'capabilities', 'add')?.items.some((item) => capabilityName(item) === 'SYS_ADMIN');
        const risk = riskOf(workload, container, node !== undefined && value === true);
        const kind: FixKind = risk ? 'suggestion' : 'safe';
        const title = risk ? `${TITLE} (check first: ${risk})` : TITLE;
        if (node && value === true) {
          report({
            ...spanOfNode(node),
            message: `The ${label} sets allowPrivilegeEscalation: true: its processes can gain more privileges than their parent.${note}`,
            missing: false,
            fixes: blocked ? [] : () => fix(title, context.editor.replaceScalar(node, false), kind),
          });
          return;
        }
        report({
          ...spanOfContainer(container),
          message: `The ${label} does not set allowPrivilegeEscalation: false.${note}`,
          missing: true,
          fixes: blocked ? [] : () => fix(title, setContainerSecurityField(context, container, ['allowPrivilegeEscalation'], false), kind),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
