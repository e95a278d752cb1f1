// Field specs: "the field at this path of objects of this group/version/kind" — how kustomize says which
// fields a transformer edits. The built-in tables are kustomize's own (builtin-config.ts).
import { parse } from 'yaml';
import * as builtin from './builtin-config';
import { ensureMap, isKMap, isKScalar, isKSeq, pairIn, type KMap, type KNode, type Origin } from './tree';

export interface FieldSpec {
  path: string[];
  group?: string;
  version?: string;
  kind?: string;
  create: boolean;
}

export interface NameReference {
  kind: string;
  group?: string;
  version?: string;
  fieldSpecs: FieldSpec[];
}

interface RawSpec {
  path: string;
  group?: string;
  version?: string;
  kind?: string;
  create?: boolean;
}

const toSpec = (raw: RawSpec): FieldSpec => ({
  path: raw.path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/').replace(/\[\]$/, '')),
  group: raw.group,
  version: raw.version,
  kind: raw.kind,
  create: raw.create === true,
});

const specs = (text: string): FieldSpec[] => (parse(text) as RawSpec[]).map(toSpec);

let tables: ReturnType<typeof loadTables> | undefined;

function loadTables() {
  const metadataLabels = specs(builtin.METADATA_LABELS);
  const volumeClaimTemplateLabels = specs(builtin.VOLUME_CLAIM_TEMPLATE_LABELS);
  const namespace = specs(builtin.NAMESPACE);
  const images = specs(builtin.IMAGES);
  const metadataOnly: FieldSpec[] = [{ path: ['metadata', 'labels'], create: true }];
  return {
    /** `labels:` entries without includeSelectors, by includeTemplates / includeVolumeClaimTemplates. */
    plainLabels: [
      metadataOnly,
      [...metadataOnly, ...metadataLabels],
      [...metadataOnly, ...volumeClaimTemplateLabels],
      [...metadataOnly, ...metadataLabels, ...volumeClaimTemplateLabels],
    ],
    /** Namespace fields besides metadata.namespace (a Namespace's own name is handled apart). */
    namespaceReferences: namespace.filter((s) => s.path.join('/') !== 'metadata/name'),
    /** Image volumes: only an existing reference is rewritten, nothing is created. */
    imageVolumes: images.filter((s) => s.path.includes('volumes')).map((s) => ({ ...s, create: false })),
    commonLabels: [...specs(builtin.COMMON_LABELS), ...metadataLabels, ...volumeClaimTemplateLabels],
    templateLabels: metadataLabels,
    volumeClaimTemplateLabels,
    commonAnnotations: specs(builtin.COMMON_ANNOTATIONS),
    namePrefix: [{ path: ['metadata', 'name'], create: false }] as FieldSpec[],
    nameSuffix: [{ path: ['metadata', 'name'], create: false }] as FieldSpec[],
    namespace: specs(builtin.NAMESPACE),
    images: specs(builtin.IMAGES),
    replicas: specs(builtin.REPLICAS),
    nameReference: (parse(builtin.NAME_REFERENCE) as Array<{ kind: string; group?: string; version?: string; fieldSpecs: RawSpec[] }>).map(
      (ref): NameReference => ({ kind: ref.kind, group: ref.group, version: ref.version, fieldSpecs: ref.fieldSpecs.map(toSpec) }),
    ),
  };
}

export function builtinSpecs(): ReturnType<typeof loadTables> {
  return (tables ??= loadTables());
}

export function splitApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  if (!apiVersion) return { group: '', version: '' };
  const at = apiVersion.lastIndexOf('/');
  return at === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, at), version: apiVersion.slice(at + 1) };
}

export function gvkMatches(spec: { group?: string; version?: string; kind?: string }, apiVersion: string | undefined, kind: string | undefined): boolean {
  const gv = splitApiVersion(apiVersion);
  if (spec.kind && spec.kind !== kind) return false;
  if (spec.group !== undefined && spec.group !== '' && spec.group !== gv.group) return false;
  if (spec.version && spec.version !== gv.version) return false;
  return true;
}

/**
 * Calls `visit(parent, key)` for every place `spec.path` reaches in `root` (lists along the way are
 * entered element by element). With `create`, missing maps on the way are created, attributed to `origin`, and
 * `visit` is called on a missing last field; without it, only where the field exists.
 */
export function visitField(root: KMap, spec: FieldSpec, visit: (parent: KMap, key: string) => void, origin?: Origin): void {
  walk(root, spec.path, spec.create, visit, origin);
}

function walk(node: KNode, path: string[], create: boolean, visit: (parent: KMap, key: string) => void, origin?: Origin): void {
  if (isKSeq(node)) {
    for (const item of node.items) walk(item, path, create, visit, origin);
    return;
  }
  if (!isKMap(node)) return;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    // Without `create`, a missing field is left missing (kustomize's PathGetter finds nothing to set).
    const last = pairIn(node, head)?.value;
    if (!create && (last === undefined || (isKScalar(last) && last.value === null))) return;
    visit(node, head);
    return;
  }
  let next = pairIn(node, head)?.value;
  if ((next === undefined || (isKScalar(next) && next.value === null)) && create) next = ensureMap(node, [head], origin);
  if (next) walk(next, rest, create, visit, origin);
}

const matching = new WeakMap<readonly FieldSpec[], Map<string, FieldSpec[]>>();

/** The specs of `specs` for a group/version/kind, duplicates (same path) dropped; memoised per list. */
export function specsFor(specs: readonly FieldSpec[], apiVersion: string, kind: string): FieldSpec[] {
  let byGvk = matching.get(specs);
  if (!byGvk) matching.set(specs, (byGvk = new Map()));
  const key = `${apiVersion}\u0000${kind}`;
  let found = byGvk.get(key);
  if (!found) {
    const seen = new Set<string>();
    found = specs.filter((spec) => {
      if (!gvkMatches(spec, apiVersion, kind)) return false;
      const path = spec.path.join('/');
      if (seen.has(path)) return false; // kustomize merges duplicate field specs
      seen.add(path);
      return true;
    });
    byGvk.set(key, found);
  }
  return found;
}
