// Workloads that run one pod by design, which the availability rules must not ask to scale: a senior SRE
// would not add replicas to a leader-elected controller, a Recreate deployment, a pod holding a
// ReadWriteOnce volume or an emptyDir cache, a StatefulSet of one, a single-node database, or a load generator.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { K8sContext } from './context';
import type { Workload } from './model';
import { mapAt, seqAt, stringAt } from '../yaml/nodes';
import { serviceAccountIsBound, serviceAccountOf } from './service-accounts';
import { containerImage } from './container-image';

/** `harden.dev/singleton: "true"` on a workload says it runs one pod on purpose. */
export const SINGLETON_ANNOTATION = 'harden.dev/singleton';

const LEADER_ELECTION = /leader[-_]?elect/i;
/** Volume names that say the pod keeps state in it (a cache, data): a second pod would not share it. */
const STATEFUL_VOLUME_NAME = /cache|data|state|storage|db/i;
/** Workloads that run once on purpose: load generators, migrations. */
const RUN_ONCE_NAME = /load-?gen|migrat/i;
const SHARED_ACCESS_MODES = new Set(['ReadWriteMany', 'ReadOnlyMany']);
/**
 * Images of data stores whose Deployment of one is a single node: a second replica is a second, empty database
 * (or cache, or bucket store) behind the same Service, not a standby, and writes scatter over the two. Clustering them
 * is another setup. The image's last path segment: the store's name, alone or with version and distribution suffixes
 * only (`mysql`, `bitnami/postgresql`, `quay.io/fedora/mysql-80`, `sclorg/postgresql-16-c9s`, `mysql/mysql-server`,
 * `redis/redis-stack-server`); other suffixes name other programs (`mongo-express`, `postgres-exporter`,
 * `mysql-router`) or clustered builds (`bitnami/mariadb-galera`, `bitnami/postgresql-repmgr`, `redis-cluster`).
 */
const SINGLE_NODE_STORE =
  /^(mysql|mariadb|percona|postgres|postgresql|postgis|pgvector|timescaledb|mongo|mongodb|redis|valkey|keydb|minio|etcd|influxdb|couchdb|neo4j)(?:[-_](?:\d[\w.]*|server|community-server|stack-server|alpine|c\d+s|centos\d*|rhel\d*|ubi\d*|el\d+|debian|bookworm|bullseye))*$/;
/**
 * A data store run as a member of a replicated setup, in an image name or the containers' command, args or env: Redis
 * cluster mode, Sentinel or a replica (`replicaof`), a MongoDB replica set, shard or router (`mongos`), MySQL/MariaDB
 * Galera (`wsrep`) or group replication, Bitnami's `*_REPLICATION_MODE`, Patroni, repmgr. Its pods are meant to be
 * several: not a singleton.
 */
const REPLICATED_STORE =
  /cluster[-_]?enabled|redis-cluster|sentinel|replicaof|slaveof|replSet|shardsvr|configsvr|\bmongos\b|wsrep|galera|group[-_]replication|replication[-_]mode|patroni|repmgr/i;

/** Why the workload runs a single pod by design, or undefined. */
export function singletonReason(context: K8sContext, workload: Workload): string | undefined {
  const { object } = workload;
  const annotation = stringAt(object.root, 'metadata', 'annotations', SINGLETON_ANNOTATION);
  if (annotation?.toLowerCase() === 'true') return `annotated ${SINGLETON_ANNOTATION}`;
  if (object.kind === 'StatefulSet') return 'a StatefulSet of one';
  if (stringAt(object.root, 'spec', 'strategy', 'type') === 'Recreate') return 'strategy Recreate';
  if (object.name && RUN_ONCE_NAME.test(object.name)) return 'named as a run-once workload';
  if (workload.containers.some((c) => mentions(c.node, LEADER_ELECTION))) return 'leader election';
  const store = singleNodeStore(workload);
  if (store) return `a single-node ${store}`;
  // A cluster-wide controller or exporter (kube-state-metrics, an operator) runs once or elects a leader:
  // a second copy duplicates metrics or fights over the same objects.
  if (serviceAccountIsBound(context, serviceAccountOf(workload), ['ClusterRoleBinding'])) return 'a cluster-wide controller';
  for (const volume of seqAt(workload.podSpec, 'volumes')?.items ?? []) {
    if (!isMap(volume)) continue;
    const name = stringAt(volume, 'name') ?? '';
    if (mapAt(volume, 'emptyDir') !== undefined || volume.has('emptyDir')) {
      if (STATEFUL_VOLUME_NAME.test(name)) return `an emptyDir "${name}" holding state`;
      continue;
    }
    const claim = stringAt(volume, 'persistentVolumeClaim', 'claimName');
    if (claim && !sharedClaim(context, claim)) return `the ReadWriteOnce volume claim "${claim}"`;
  }
  return undefined;
}

/** The data store a container of the pod runs as a single node (SINGLE_NODE_STORE), unless one runs it replicated. */
function singleNodeStore(workload: Workload): string | undefined {
  const images = workload.containers.map((c) => containerImage(c)?.ref.name.split('/').pop() ?? '');
  const store = images.map((name) => SINGLE_NODE_STORE.exec(name)?.[1]).find((name) => name !== undefined);
  if (!store) return undefined;
  const replicated = images.some((name) => REPLICATED_STORE.test(name)) || workload.containers.some((c) => mentions(c.node, REPLICATED_STORE));
  return replicated ? undefined : store;
}

/** A claim known (in the workspace) to allow many nodes; unknown claims are taken as ReadWriteOnce, the usual. */
function sharedClaim(context: K8sContext, name: string): boolean {
  const claim = context.index.ofKind('PersistentVolumeClaim', context.object.namespace).find((c) => c.name === name);
  return !!claim?.accessModes?.some((mode) => SHARED_ACCESS_MODES.has(mode));
}

/** Whether the container's command, args or env values mention `pattern`. */
function mentions(container: YAMLMap, pattern: RegExp): boolean {
  const words = [...scalarsOf(container.get('command')), ...scalarsOf(container.get('args'))];
  for (const env of seqAt(container, 'env')?.items ?? []) {
    if (isMap(env)) words.push(stringAt(env, 'name') ?? '', stringAt(env, 'value') ?? '');
  }
  return words.some((word) => pattern.test(word));
}

function scalarsOf(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return (node.items as Node[]).filter(isScalar).map((item) => String(item.value));
}
