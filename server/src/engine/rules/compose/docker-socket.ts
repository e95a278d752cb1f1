import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { spanOfNode, type ComposeRule } from '../../compose/context';
import { servicePair } from '../../compose/model';
import { pairOf } from '../../yaml/nodes';

/** Container runtime API sockets: whoever can write to one can start a privileged container on the host. */
const RUNTIME_SOCKET = /(?:^|\/)(?:docker|podman|containerd|crio|cri-dockerd)\.sock$/;

/** The host side of a volume: `SRC:DST[:MODE]` or the long syntax's `source`. */
function volumeSource(item: Node | null): string | undefined {
  if (isScalar(item) && typeof item.value === 'string') return item.value.split(':')[0];
  if (isMap(item)) {
    const source = pairOf(item, 'source')?.value;
    return isScalar(source) && typeof source.value === 'string' ? source.value : undefined;
  }
  return undefined;
}

export const dockerSocket: ComposeRule = {
  meta: {
    id: 'compose/docker-socket',
    language: 'compose',
    defaultSeverity: 'warning',
    description: 'A Compose service mounts the Docker (or another container runtime) socket from the host.',
    rationale:
      'The Docker API is root on the host: a service that can reach the socket can start a privileged container ' +
      'that mounts the host file system. Mounting it read-only (`:ro`) does not help, since API calls are not file ' +
      'writes. The Compose form of k8s/host-path on the runtime socket (seed 002).',
    seeds: ['002'],
    fixable: false,
    category: 'security',
  },
  check(context, report) {
    for (const service of context.model.services) {
      const volumes = servicePair(context.model, service, 'volumes')?.value;
      if (!isSeq(volumes)) continue;
      for (const item of volumes.items as Array<Node | null>) {
        const source = volumeSource(item)?.replace(/\/+$/, '');
        if (!item || !source || !RUNTIME_SOCKET.test(source)) continue;
        report({
          ...spanOfNode(item),
          message: `Service ${service.name} mounts the container runtime socket ${source}: it can take over the host (read-only does not help).`,
        });
      }
    }
  },
};
