// Field specs: "the field at this path of objects of this group/version/kind" — how kustomize says which
// fields a transformer edits. The built-in tables are kustomize's own (builtin-config.ts).
import { parse } from 'yaml';
import * as builtin from './builtin-config';
import { ensureMap, isKMap, isKScalar, isKSeq, pairIn, toJS, type KMap, type KNode, type Origin } from './tree';

export interface FieldSpec {
  path: string[];
  /** Segments written as lists (`volumeClaimTemplates[]`): entered when there, never created (kustomize creates no list). */
  lists?: number[];
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

const toSpec = (raw: RawSpec): FieldSpec => {
  const segments = raw.path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
  const lists = segments.flatMap((segment, i) => (segment.endsWith('[]') ? [i] : []));
  return {
    path: segments.map((segment) => segment.replace(/\[\]$/, '')),
    ...(lists.length > 0 ? { lists } : {}),
    group: raw.group,
    version: raw.version,
    kind: raw.kind,
    create: raw.create === true,
  };
};

const specs = (text: string): FieldSpec[] => (parse(text) as RawSpec[]).map(toSpec);

/** A `fieldSpecs:` list as a built-in transformer's configuration writes it (entries without a path are skipped). */
export function fieldSpecsOf(node: KNode | undefined): FieldSpec[] {
  const raw = node ? toJS(node) : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is RawSpec => typeof r === 'object' && r !== null && typeof (r as RawSpec).path === 'string').map(toSpec);
}

/** kustomize's TransformerConfig: the field specs of each built-in transformer (custom ones via `configurations:`). */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  volumeClaimTemplateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameReference[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  /** Fields where `$(VAR)` is expanded (kustomize's varReference). */
  varReference: FieldSpec[];
}

const SPEC_FIELDS = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'templateLabels',
  'volumeClaimTemplateLabels',
  'commonAnnotations',
  'images',
  'replicas',
  'varReference',
] as const;

let defaultConfig: TransformerConfig | undefined;

/** kustomize's default transformer configuration (builtin-config.ts). */
export function defaultTransformerConfig(): TransformerConfig {
  if (defaultConfig) return defaultConfig;
  const metadataLabels = specs(builtin.METADATA_LABELS);
  const volumeClaimTemplateLabels = specs(builtin.VOLUME_CLAIM_TEMPLATE_LABELS);
  return (defaultConfig = {
    namePrefix: [{ path: ['metadata', 'name'], create: false }],
    nameSuffix: [{ path: ['metadata', 'name'], create: false }],
    namespace: specs(builtin.NAMESPACE),
    commonLabels: [...specs(builtin.COMMON_LABELS), ...metadataLabels, ...volumeClaimTemplateLabels],
    templateLabels: metadataLabels,
    volumeClaimTemplateLabels,
    commonAnnotations: specs(builtin.COMMON_ANNOTATIONS),
    nameReference: (parse(builtin.NAME_REFERENCE) as Array<{ kind: string; group?: string; version?: string; fieldSpecs: RawSpec[] }>).map(
      (ref): NameReference => ({ kind: ref.kind, group: ref.group, version: ref.version, fieldSpecs: ref.fieldSpecs.map(toSpec) }),
    ),
    images: specs(builtin.IMAGES),
    replicas: specs(builtin.REPLICAS),
    varReference: specs(builtin.VAR_REFERENCE),
  });
}

export const EMPTY_TRANSFORMER_CONFIG: TransformerConfig = {
  namePrefix: [],
  nameSuffix: [],
  namespace: [],
  commonLabels: [],
  templateLabels: [],
  volumeClaimTemplateLabels: [],
  commonAnnotations: [],
  nameReference: [],
  images: [],
  replicas: [],
  varReference: [],
};

/** A `configurations:` file: its field specs, or why it cannot be read. */
export function parseTransformerConfig(text: string): TransformerConfig | { error: string } {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    return { error: `not valid YAML: ${(error as Error).message}` };
  }
  if (raw === null || raw === undefined) return EMPTY_TRANSFORMER_CONFIG;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { error: 'expected a map of field spec lists' };
  const record = raw as Record<string, unknown>;
  const config: TransformerConfig = { ...EMPTY_TRANSFORMER_CONFIG };
  const isSpec = (v: unknown): v is RawSpec => typeof v === 'object' && v !== null && typeof (v as RawSpec).path === 'string';
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'nameReference' && key !== 'labels' && !(SPEC_FIELDS as readonly string[]).includes(key)) return { error: `unknown field "${key}"` };
    if (value === null) continue;
    if (!Array.isArray(value)) return { error: `"${key}" must be a list` };
    if (key === 'nameReference') {
      config.nameReference = value.map((ref: { kind?: string; group?: string; version?: string; fieldSpecs?: unknown[] }) => ({
        kind: ref?.kind ?? '',
        group: ref?.group,
        version: ref?.version,
        fieldSpecs: (ref?.fieldSpecs ?? []).filter(isSpec).map(toSpec),
      }));
    } else if ((SPEC_FIELDS as readonly string[]).includes(key)) {
      config[key as (typeof SPEC_FIELDS)[number]] = value.filter(isSpec).map(toSpec);
    }
  }
  for (const key of SPEC_FIELDS) config[key] = sortByGvk(config[key]);
  config.nameReference = sortByGvk(config.nameReference);
  return config;
}

// kustomize's resource order (kyaml/resid/gvk.go), by which it sorts field specs.
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

type Gvk = { group?: string; version?: string; kind?: string };

function gvkOrder(kind: string | undefined): number {
  const first = ORDER_FIRST.indexOf(kind ?? '');
  if (first !== -1) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind ?? '');
  return last !== -1 ? last + 1 : 0;
}

const gvkSortKey = (x: Gvk) => `${x.group || '~G'}_${x.version || '~V'}_${x.kind || '~K'}`;

function sortByGvk<T extends Gvk>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => gvkOrder(a.kind) - gvkOrder(b.kind) || (gvkSortKey(a) < gvkSortKey(b) ? -1 : gvkSortKey(a) > gvkSortKey(b) ? 1 : 0));
}

/** kustomize's Gvk.IsSelected: every field the selector sets is equal. */
const gvkSelected = (x: Gvk, selector: Gvk) =>
  (!selector.group || x.group === selector.group) && (!selector.version || x.version === selector.version) && (!selector.kind || x.kind === selector.kind);

/** kustomize's FsSlice.MergeAll: a spec already selected (same path, the existing one selected by its gvk) is dropped. */
function mergeSpecs(base: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  const result = [...base];
  for (const spec of incoming) {
    const path = spec.path.join('/');
    const existing = result.find((e) => gvkSelected(e, spec) && e.path.join('/') === path);
    if (!existing) result.push(spec);
    else if (existing.create !== spec.create) throw new ConfigConflict(`conflicting field specs for "${path}"`);
  }
  return result;
}

export class ConfigConflict extends Error {}

/** kustomize's TransformerConfig.Merge (each list merged, then sorted by kind); throws ConfigConflict. */
export function mergeTransformerConfigs(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const merged = { ...EMPTY_TRANSFORMER_CONFIG };
  for (const key of SPEC_FIELDS) merged[key] = sortByGvk(mergeSpecs(a[key], b[key]));
  const references = a.nameReference.map((r) => ({ ...r }));
  for (const other of b.nameReference) {
    const same = references.find((r) => (r.group ?? '') === (other.group ?? '') && (r.version ?? '') === (other.version ?? '') && r.kind === other.kind);
    if (same) same.fieldSpecs = mergeSpecs(same.fieldSpecs, other.fieldSpecs);
    else references.push(other);
  }
  merged.nameReference = sortByGvk(references);
  return merged;
}

export type SpecTables = ReturnType<typeof tablesOf>;

function tablesOf(config: TransformerConfig) {
  const metadataOnly: FieldSpec[] = [{ path: ['metadata', 'labels'], create: true }];
  const { templateLabels, volumeClaimTemplateLabels } = config;
  return {
    /** `labels:` entries without includeSelectors, by includeTemplates / includeVolumeClaimTemplates. */
    plainLabels: [
      metadataOnly,
      [...metadataOnly, ...templateLabels],
      [...metadataOnly, ...volumeClaimTemplateLabels],
      [...metadataOnly, ...templateLabels, ...volumeClaimTemplateLabels],
    ],
    /** Namespace fields besides metadata.namespace (a Namespace's own name is handled apart). */
    namespaceReferences: config.namespace.filter((s) => s.path.join('/') !== 'metadata/name'),
    /** Image volumes: only an existing reference is rewritten, nothing is created. */
    imageVolumes: config.images.filter((s) => s.path.includes('volumes')).map((s) => ({ ...s, create: false })),
    commonLabels: config.commonLabels,
    templateLabels,
    volumeClaimTemplateLabels,
    commonAnnotations: config.commonAnnotations,
    namespace: config.namespace,
    images: config.images,
    replicas: config.replicas,
    nameReference: config.nameReference,
    namePrefix: config.namePrefix,
    nameSuffix: config.nameSuffix,
    varReference: config.varReference,
  };
}

const tables = new WeakMap<TransformerConfig, SpecTables>();

/** The tables the transformers read, for a configuration (memoised per configuration object). */
export function specTables(config: TransformerConfig): SpecTables {
  let found = tables.get(config);
  if (!found) tables.set(config, (found = tablesOf(config)));
  return found;
}

export function builtinSpecs(): SpecTables {
  return specTables(defaultTransformerConfig());
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
  walk(root, spec, 0, visit, origin);
}

/** `path` from index `from` on (no copies of the path: this runs for every field spec of every object). */
function walk(node: KNode, spec: FieldSpec, from: number, visit: (parent: KMap, key: string) => void, origin?: Origin): void {
  const { path } = spec;
  if (isKSeq(node)) {
    for (const item of node.items) walk(item, spec, from, visit, origin);
    return;
  }
  if (!isKMap(node)) return;
  const head = path[from];
  if (from + 1 >= path.length) {
    // Without `create`, a missing field is left missing (kustomize's PathGetter finds nothing to set).
    const last = pairIn(node, head)?.value;
    if (!spec.create && (last === undefined || (isKScalar(last) && last.value === null))) return;
    visit(node, head);
    return;
  }
  let next = pairIn(node, head)?.value;
  if ((next === undefined || (isKScalar(next) && next.value === null)) && spec.create && !spec.lists?.includes(from)) next = ensureMap(node, [head], origin);
  if (next) walk(next, spec, from + 1, visit, origin);
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
