import { isScalar } from 'yaml';
import { spanOfNode, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { ownsField } from '../../compose/model';

/** Keys that share a host namespace with `host`, and what sharing it gives away. */
const HOST_NAMESPACES: Record<string, string> = {
  network_mode: "the host's network stack (every port and interface of the host, no isolation)",
  pid: "the host's processes (it can see and signal them)",
  ipc: "the host's shared memory and IPC objects",
  uts: "the host's hostname",
  userns_mode: "the host's user namespace (no user remapping even when the daemon enables it)",
};

export const hostNamespaces: ComposeRule = {
  meta: {
    id: 'compose/host-namespaces',
    language: 'compose',
    defaultSeverity: 'warning',
    description: 'A Compose service shares a host namespace: `network_mode: host`, `pid: host`, `ipc: host`, `uts: host` or `userns_mode: host`.',
    rationale:
      'Sharing a host namespace removes a layer of container isolation: with the host network a compromised service ' +
      'reaches every local-only port of the host; with the host PID namespace it sees and signals host processes. ' +
      'The same check as k8s/host-namespaces (seed 002).',
    seeds: ['002'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      for (const [key, what] of Object.entries(HOST_NAMESPACES)) {
        const node = context.field(service, key);
        if (!isScalar(node) || String(node.value).toLowerCase() !== 'host') continue;
        // Without the host network the service needs `ports:` mappings: no fix can know which.
        const removable = key !== 'network_mode' && ownsField(service, key);
        report({
          ...spanOfNode(node),
          message: `Service ${service.name} sets ${key}: host, so it shares ${what}.`,
          fixes: removable ? suggestion(`Remove ${key}: host`, context.editor.removePair(service.node, key)) : [],
        });
      }
    }
  },
};
