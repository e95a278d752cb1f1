import { isScalar } from 'yaml';
import { spanOfNode, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { ownsField } from '../../compose/model';
import { boolOf } from '../../yaml/nodes';

export const privileged: ComposeRule = {
  meta: {
    id: 'compose/privileged',
    language: 'compose',
    defaultSeverity: 'error',
    description: 'A Compose service sets `privileged: true`.',
    rationale:
      'A privileged container has every capability, all host devices and no seccomp or AppArmor confinement: escaping ' +
      'to the host is trivial. The same check as k8s/privileged, for services run by Docker Compose (seed 002).',
    seeds: ['002'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      const node = context.field(service, 'privileged');
      if (!isScalar(node) || boolOf(node) !== true) continue;
      report({
        ...spanOfNode(node),
        message: `Service ${service.name} is privileged: it has full access to the host.`,
        fixes: ownsField(service, 'privileged') ? suggestion('Remove privileged: true', context.editor.removePair(service.node, 'privileged')) : [],
      });
    }
  },
};
