import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { mapAt, seqAt } from '../../yaml/nodes';
import { capabilityName } from './capabilities';
import { fix, forEachLinuxContainer, spanOfNode } from './helpers';

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
    fixKinds: {
      safe: 'Writing a capability\'s exact name (NET_BIND_SERVICE for net_bind_service) changes nothing at run time.',
      suggestion: 'Removing an added capability breaks a container that needs it (node agents, CNI plugins).',
    },
    aliases: { polaris: ['dangerousCapabilities'], checkov: ['CKV_K8S_25', 'CKV_K8S_39'] },
  },
  check(context, report) {
    forEachLinuxContainer(context, (container) => {
      const add = seqAt(container.node, 'securityContext', 'capabilities', 'add');
      if (!add) return;
      add.items.forEach((item, index) => {
        const name = capabilityName(item);
        if (name && ALLOWED.has(name) && isScalar(item) && item.value !== name) {
          // The runtime reads `net_bind_service` or `CAP_NET_BIND_SERVICE` fine; Pod Security admission
          // (restricted) compares the exact name and rejects the pod.
          report({
            ...spanOfNode(item),
            message: `The ${containerLabel(container)} adds ${JSON.stringify(item.value)}: the runtime reads it as ${name}, but Pod Security admission (restricted) accepts only "${name}" and rejects the pod.`,
            fixes: fix(`Write ${name}`, context.editor.replaceScalar(item, name), 'safe'),
          });
          return;
        }
        if (!name || ALLOWED.has(name) || !item || typeof item !== 'object' || !('range' in item)) return;
        const securityContext = mapAt(container.node, 'securityContext');
        const capabilities = mapAt(securityContext, 'capabilities');
        // The last added capability takes its `add` key along, and `capabilities` too when nothing else is in it
        // (a bare `capabilities:` would be left behind otherwise).
        const edits =
          add.items.length > 1 || !capabilities
            ? context.editor.removeSeqItem(add, index)
            : capabilities.items.length === 1 && securityContext
              ? context.editor.removePair(securityContext, 'capabilities')
              : context.editor.removePair(capabilities, 'add');
        report({
          ...spanOfNode(item as never),
          severity: CRITICAL.has(name) ? 'error' : undefined,
          message: `The ${containerLabel(container)} adds the capability ${name}${CRITICAL.has(name) ? ', which amounts to privileged mode' : ''}.`,
          fixes: fix(`Remove ${name} from capabilities.add`, edits, 'suggestion'),
        });
      });
    });
  },
};
