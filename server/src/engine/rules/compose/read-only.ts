import { isScalar } from 'yaml';
import { spanOfNode, spanOfService, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { ownsField } from '../../compose/model';
import { boolOf } from '../../yaml/nodes';

export const readOnly: ComposeRule = {
  meta: {
    id: 'compose/read-only',
    language: 'compose',
    defaultSeverity: 'info',
    description: 'A Compose service does not set `read_only: true` (its root file system is writable).',
    rationale:
      'With a writable root file system an attacker can drop tools or change the application in the running ' +
      'container. The same check as k8s/read-only-root-filesystem (seeds 002/004); write paths become volumes or tmpfs.',
    seeds: ['002', '004'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      const node = context.field(service, 'read_only');
      const value = boolOf(node);
      if (value === true) continue;
      if (isScalar(node) && value === false) {
        report({
          ...spanOfNode(node),
          message: `Service ${service.name} sets read_only: false: its root file system is writable.`,
          fixes: ownsField(service, 'read_only') ? suggestion('Set read_only: true', context.editor.replaceScalar(node, true)) : [],
        });
        continue;
      }
      if (node !== undefined || context.isPartial(service)) continue;
      report({
        ...spanOfService(service),
        message: `Service ${service.name} does not set read_only: true: its root file system is writable.`,
        missing: true,
        fixes: suggestion('Set read_only: true (add tmpfs or volumes for the paths it writes)', context.editor.set(service.node, ['read_only'], true)),
      });
    }
  },
};
