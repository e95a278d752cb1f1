import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { seqAt } from '../../yaml/nodes';
import { capabilityName } from '../../k8s/capabilities';
import { isPrivileged, voidedByPrivileged } from '../../k8s/privileged-container';
import { POD_SECURITY_SCOPE, fix, forEachLinuxContainer, spanOfNode } from '../../k8s/rule-toolkit';

/** The one capability the seeds allow adding back: binding ports below 1024. */
const ALLOWED = new Set(['NET_BIND_SERVICE']);
/** Adding these is as good as running privileged. */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN']);

export const dangerousCapabilities: K8sRule = {
  meta: {
    id: 'k8s/dangerous-capabilities',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: '`securityContext.capabilities.add` has anything but `NET_BIND_SERVICE` (error for `ALL` and `SYS_ADMIN`).',
    rationale:
      'Added capabilities hand kernel privileges to the container: SYS_ADMIN or ALL are close to privileged mode. ' +
      'Seed 002 warns that adding capabilities "is very dangerous" and only a few services such as NTP need it; ' +
      'seed 004 adds back only NET_BIND_SERVICE.',
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'security',
    podSecurity: ['capabilities_baseline', 'capabilities_restricted'],
    fixKinds: {
      safe: "Writing a capability's exact name (NET_BIND_SERVICE for net_bind_service) changes nothing at run time.",
      suggestion: 'Removing an added capability breaks a container that needs it (node agents, CNI plugins).',
    },
    aliases: {
      polaris: ['dangerousCapabilities'],
      checkov: ['CKV_K8S_25', 'CKV_K8S_39'],
      kubescape: ['C-0046'],
      trivy: ['KSV005', 'KSV022', 'KSV106', 'KSV119', 'KSV120'],
    },
  },
  check(context, report) {
    forEachLinuxContainer(
      context,
      (container) => {
        const add = seqAt(container.node, 'securityContext', 'capabilities', 'add');
        if (!add) return;
        // A privileged container has every capability: what it adds is reported (baseline and restricted check
        // it), but removing it would leave the container as it is.
        const privileged = isPrivileged(container);
        const note = privileged ? voidedByPrivileged('Removing it') : '';
        add.items.forEach((item, index) => {
          const name = capabilityName(item);
          if (name && ALLOWED.has(name) && isScalar(item) && item.value !== name) {
            // The runtime reads `net_bind_service` or `CAP_NET_BIND_SERVICE` fine; Pod Security admission
            // (restricted) compares the exact name and rejects the pod.
            report({
              ...spanOfNode(item),
              message: `The ${containerLabel(container)} adds ${JSON.stringify(item.value)}: the runtime reads it as ${name}, but Pod Security admission (restricted) accepts only "${name}" and rejects the pod.${privileged ? voidedByPrivileged('Respelling it') : ''}`,
              fixes: privileged ? [] : fix(`Write ${name}`, context.editor.replaceScalar(item, name), 'safe'),
            });
            return;
          }
          if (!name || ALLOWED.has(name) || !item || typeof item !== 'object' || !('range' in item)) return;
          // The editor takes `add` along when it empties it, and `capabilities` and `securityContext` when
          // nothing else is left in them (a bare `securityContext:` would be null).
          const edits = context.editor.removeSeqItem(add, index);
          report({
            ...spanOfNode(item as never),
            severity: CRITICAL.has(name) ? 'error' : undefined,
            message: `The ${containerLabel(container)} adds the capability ${name}${CRITICAL.has(name) ? ', which amounts to privileged mode' : ''}.${note}`,
            fixes: privileged ? [] : fix(`Remove ${name} from capabilities.add`, edits, 'suggestion'),
          });
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
