import { isScalar, isSeq } from 'yaml';
import { spanOfNode, spanOfService, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { ownsField, servicePair } from '../../compose/model';

// Docker accepts `no-new-privileges`, `no-new-privileges:true` and `no-new-privileges=true`.
const NO_NEW_PRIVILEGES = /^no-new-privileges(?:[:=](true|false))?$/i;

export const noNewPrivileges: ComposeRule = {
  meta: {
    id: 'compose/no-new-privileges',
    language: 'compose',
    defaultSeverity: 'warning',
    description: 'A Compose service does not set `security_opt: [no-new-privileges:true]`.',
    rationale:
      'Without the no_new_privs flag a process in the container can gain privileges through setuid binaries or file ' +
      'capabilities. The Compose form of k8s/allow-privilege-escalation, which every seed sets.',
    seeds: ['000', '001', '002', '003', '004'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      const pair = servicePair(context.model, service, 'security_opt');
      const options = pair?.value;
      if (pair && !isSeq(options) && !(isScalar(options) && options.value === null)) continue; // not a list: not ours to judge
      const items = isSeq(options) ? options.items : [];
      const entry = items.find((item) => isScalar(item) && NO_NEW_PRIVILEGES.test(String(item.value).trim()));
      if (isScalar(entry)) {
        if (NO_NEW_PRIVILEGES.exec(String(entry.value).trim())?.[1]?.toLowerCase() !== 'false') continue;
        report({
          ...spanOfNode(entry),
          message: `Service ${service.name} sets no-new-privileges:false: its processes can gain privileges through setuid binaries.`,
          fixes: ownsField(service, 'security_opt')
            ? suggestion('Set no-new-privileges:true', context.editor.replaceScalar(entry, 'no-new-privileges:true'))
            : [],
        });
        continue;
      }
      if (context.isPartial(service)) continue;
      // Appending to a merged-in list would change every service that merges it.
      const editable = !pair || ownsField(service, 'security_opt');
      report({
        ...spanOfService(service),
        message: `Service ${service.name} does not set security_opt no-new-privileges:true: its processes can gain privileges through setuid binaries.`,
        missing: true,
        fixes: editable
          ? suggestion('Add security_opt: no-new-privileges:true', context.editor.addToSeq(service.node, ['security_opt'], 'no-new-privileges:true'))
          : [],
      });
    }
  },
};
