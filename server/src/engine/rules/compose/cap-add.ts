import { isScalar, isSeq } from 'yaml';
import { spanOfNode, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { ownsField, servicePair } from '../../compose/model';

/** The one capability the seeds allow adding back: binding ports below 1024. */
const ALLOWED = new Set(['NET_BIND_SERVICE']);
/** Adding these is as good as running privileged. */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN']);

/** Docker reads `sys_admin` and `CAP_SYS_ADMIN` alike. */
function capabilityName(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().toUpperCase().replace(/^CAP_/, '') : undefined;
}

export const capAdd: ComposeRule = {
  meta: {
    id: 'compose/cap-add',
    language: 'compose',
    defaultSeverity: 'warning',
    description: '`cap_add` adds anything but `NET_BIND_SERVICE` to a Compose service (error for `ALL` and `SYS_ADMIN`).',
    rationale:
      'Added capabilities hand kernel privileges to the container: SYS_ADMIN or ALL are close to privileged mode. ' +
      'The same check as k8s/dangerous-capabilities: seed 002 warns that adding capabilities "is very dangerous", ' +
      'seed 004 adds back only NET_BIND_SERVICE.',
    seeds: ['002', '003', '004'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      const seq = servicePair(context.model, service, 'cap_add')?.value;
      if (!isSeq(seq)) continue;
      const own = ownsField(service, 'cap_add');
      seq.items.forEach((item, index) => {
        const name = isScalar(item) ? capabilityName(item.value) : undefined;
        if (!isScalar(item) || !name || ALLOWED.has(name)) return;
        const critical = CRITICAL.has(name);
        const edits = seq.items.length > 1 ? context.editor.removeSeqItem(seq, index) : context.editor.removePair(service.node, 'cap_add');
        report({
          ...spanOfNode(item),
          severity: critical ? 'error' : undefined,
          message: `Service ${service.name} adds the capability ${name}${critical ? ', which amounts to privileged mode' : ''}.`,
          fixes: own ? suggestion(`Remove ${name} from cap_add`, edits) : [],
        });
      });
    }
  },
};
