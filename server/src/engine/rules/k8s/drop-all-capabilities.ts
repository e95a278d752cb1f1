import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { isScalar } from 'yaml';
import { seqAt } from '../../yaml/nodes';
import { capabilityName } from '../../k8s/capabilities';
import { isPrivileged, voidedByPrivileged } from '../../k8s/privileged-container';
import { POD_SECURITY_SCOPE, fix, forEachLinuxContainer, isTemplate, spanOfContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';

export const dropAllCapabilities: K8sRule = {
  meta: {
    id: 'k8s/drop-all-capabilities',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: '`securityContext.capabilities.drop` of a container does not contain `ALL` (spelled exactly so).',
    rationale:
      'Container runtimes grant a default set of Linux capabilities (NET_RAW among them, which allows spoofed ' +
      'packets). Seed 002 drops NET_RAW and notes that "the better choice is to drop ALL"; seed 004 drops ALL and ' +
      'adds back only what is needed, such as NET_BIND_SERVICE.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'security',
    podSecurity: ['capabilities_restricted'],
    fixKinds: {
      safe: 'Writing ALL exactly (all, CAP_ALL) changes nothing the runtime does. No fix on a privileged container: it gets every capability whatever it drops.',
      suggestion:
        'Dropping every capability removes defaults (CHOWN, SETUID, NET_BIND_SERVICE…) a process may use; capabilities the container adds are kept. Never offered on a privileged container.',
    },
    aliases: { kubeLinter: ['drop-net-raw-capability'], polaris: ['insecureCapabilities'], checkov: ['CKV_K8S_37'], trivy: ['KSV003', 'KSV106'] },
  },
  check(context, report) {
    forEachLinuxContainer(
      context,
      (container) => {
        const drop = seqAt(container.node, 'securityContext', 'capabilities', 'drop');
        if (drop?.items.some((item) => isScalar(item) && item.value === 'ALL')) return;
        if (templatedAt(context.text, container.node, 'securityContext', 'capabilities', 'drop')) return;
        if (drop?.items.some((item) => isTemplate(context.text, item))) return;
        const label = containerLabel(container);
        // A privileged container gets every capability whatever `drop` says: report it (restricted still checks
        // it), but a fix would leave the container as it is.
        const privileged = isPrivileged(container);
        const note = privileged ? voidedByPrivileged('Dropping capabilities') : '';
        // Runtimes read `all` and `CAP_ALL` as ALL, but Pod Security admission (restricted) compares the exact
        // string "ALL" and rejects the pod: respell it rather than add a second entry.
        const respelled = drop?.items.find((item) => capabilityName(item) === 'ALL');
        if (isScalar(respelled)) {
          report({
            ...spanOfNode(respelled),
            message: privileged
              ? `The ${label} drops ${JSON.stringify(respelled.value)}: Pod Security admission (restricted) accepts only "ALL" and rejects the pod.${note}`
              : `The ${label} drops ${JSON.stringify(respelled.value)}: the runtime drops all capabilities, but Pod Security admission (restricted) accepts only "ALL" and rejects the pod.`,
            missing: false,
            fixes: privileged ? [] : () => fix('Write ALL', context.editor.replaceScalar(respelled, 'ALL'), 'safe'),
          });
          return;
        }
        report({
          ...(drop ? spanOfNode(drop) : spanOfContainer(container)),
          message: drop
            ? `The ${label} drops some capabilities but not ALL${privileged ? '.' : ": the runtime's other default capabilities remain."}${note}`
            : `The ${label} does not drop ALL capabilities.${note}`,
          missing: true,
          fixes: privileged
            ? []
            : () =>
                fix('Add ALL to capabilities.drop', context.editor.addToSeq(container.node, ['securityContext', 'capabilities', 'drop'], 'ALL'), 'suggestion'),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
