// Regenerates schemas/kubernetes-<minor>.json: the trimmed Kubernetes JSON schemas that the language server
// ships for schema validation, hover and completion, one per Kubernetes minor (see docs/schema.md).
//
//   npx tsx scripts/build-schema.ts                                  (every vendored version)
//   npx tsx scripts/build-schema.ts <folder with _definitions.json> <output file>
//
// The input is a yannh/kubernetes-json-schema folder (`v<version>-standalone-strict`, vendored under
// vendor/kubernetes-json-schema/). Only the kinds people write in manifests are kept, with every definition
// they reach (descriptions included, for hover).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { schemaFileName } from '../server/src/services/schema/data';

type Json = Record<string, unknown>;

/** Kinds shipped (every apiVersion of them that the source schema defines). */
export const SHIPPED_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'ConfigMap',
  'Secret',
  'Namespace',
  'ServiceAccount',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'NetworkPolicy',
  'Ingress',
  'IngressClass',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'LimitRange',
  'ResourceQuota',
] as const;

const VENDOR = join(__dirname, '..', 'vendor', 'kubernetes-json-schema');
const SCHEMAS = join(__dirname, '..', 'schemas');

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

function refsOf(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) refsOf(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.add(child.slice(child.indexOf('#/definitions/') + '#/definitions/'.length));
      else refsOf(child, out);
    }
  }
}

export function buildSchema(definitions: Record<string, Json>, sourceVersion: string) {
  const wanted = new Set<string>(SHIPPED_KINDS);
  const kinds: Record<string, string> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of (definition['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined) ?? []) {
      if (!wanted.has(gvk.kind)) continue;
      kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
    }
  }
  // Definitions reachable from the shipped kinds.
  const keep = new Set<string>();
  const queue = Object.values(kinds);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (keep.has(name)) continue;
    if (!definitions[name]) throw new Error(`missing definition ${name}`);
    keep.add(name);
    const refs = new Set<string>();
    refsOf(definitions[name], refs);
    queue.push(...refs);
  }
  const kept: Record<string, Json> = {};
  for (const name of [...keep].sort()) kept[name] = definitions[name];
  const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
  return { source: sourceVersion, kinds: sortedKinds, definitions: kept };
}

function build(source: string, output: string): void {
  const input = join(source, '_definitions.json');
  const { definitions } = JSON.parse(readFileSync(input, 'utf8')) as { definitions: Record<string, Json> };
  const schema = buildSchema(definitions, basename(source));
  const text = JSON.stringify(schema);
  writeFileSync(output, text);
  console.log(
    `${basename(source)}: ${Object.keys(schema.kinds).length} kinds, ${Object.keys(schema.definitions).length} of ${Object.keys(definitions).length} definitions -> ` +
      `${Buffer.byteLength(text)} bytes (${output})`,
  );
}

function main(): void {
  if (process.argv[2]) return build(process.argv[2], process.argv[3] ?? join(SCHEMAS, 'kubernetes.json'));
  for (const folder of readdirSync(VENDOR)) {
    const minor = /^v(1\.\d+)\.\d+-standalone-strict$/.exec(folder)?.[1];
    if (minor) build(join(VENDOR, folder), join(SCHEMAS, schemaFileName(minor)));
  }
}

if (require.main === module) main();
