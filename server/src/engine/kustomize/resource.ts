// A resource during a build: its tree, the ids it had (kustomize matches patches and references by any
// earlier name or namespace), and what a generator asked for it.
import { splitApiVersion } from './fieldspecs';
import { getString, type KMap } from './tree';

export interface ResourceId {
  name: string;
  namespace: string;
  /** Remembered for earlier ids (a patch with allowKindChange changes it). */
  kind?: string;
}

export interface Resource {
  root: KMap;
  /** Earlier ids, oldest first (the current one is read from the tree). */
  previous: ResourceId[];
  /** Absolute path of the file the resource was read from (a generator: the kustomization). */
  file: string;
  /** Generated ConfigMap/Secret whose name gets the content hash. */
  hashSuffix?: boolean;
  /** Kustomization folders the resource was read in, outermost first: references resolve within the nearest. */
  chain?: string[];
  /** Name prefixes and suffixes added by the kustomizations that built it, innermost first (kustomize's ResCtx). */
  prefixes?: string[];
  suffixes?: string[];
  /** Generator behaviour (`create`, `merge`, `replace`). */
  behavior?: 'create' | 'merge' | 'replace';
  /** Names of the vars whose objref is this object (kustomize's refVarNames, set where the var is declared). */
  refVars?: string[];
}

export const kindOf = (r: Resource) => getString(r.root, 'kind') ?? '';
export const apiVersionOf = (r: Resource) => getString(r.root, 'apiVersion') ?? '';
export const nameOf = (r: Resource) => getString(r.root, 'metadata', 'name') ?? '';
export const namespaceOf = (r: Resource) => getString(r.root, 'metadata', 'namespace') ?? '';

export function currentId(r: Resource): ResourceId {
  return { name: nameOf(r), namespace: namespaceOf(r) };
}

export function allIds(r: Resource): ResourceId[] {
  return [currentId(r), ...r.previous];
}

/** Remembers the current id before a transformer renames the resource or moves it to a namespace. */
export function storePreviousId(r: Resource): void {
  const id = { ...currentId(r), kind: kindOf(r) };
  if (!r.previous.some((p) => p.name === id.name && p.namespace === id.namespace && p.kind === id.kind)) r.previous.push(id);
}

/** `""` and `default` are the same namespace to kustomize. */
export function sameNamespace(a: string, b: string): boolean {
  return (a || 'default') === (b || 'default');
}

export function idLabel(r: Resource): string {
  const { group } = splitApiVersion(apiVersionOf(r));
  const ns = namespaceOf(r);
  return `${kindOf(r)}${group ? `.${group}` : ''} ${ns ? `${ns}/` : ''}${nameOf(r)}`;
}

// Kinds kustomize 5.5 knows to be cluster-scoped (kyaml/openapi's precomputed table): the namespace
// transformer leaves them alone. Anything else (custom resources included) gets the namespace, as in kustomize.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'NodeProxyOptions',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Kustomize keys this on the group too: a custom resource named `Namespace` is namespaced. */
export function isClusterScoped(resource: Resource): boolean {
  return isClusterScopedKind(splitApiVersion(apiVersionOf(resource)).group, kindOf(resource));
}

export function isClusterScopedKind(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(kind) && BUILTIN_GROUPS.has(group);
}

// API groups of the built-in kinds: kustomize has their schema, so their lists merge by key.
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'coordination.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
]);

export function hasBuiltinSchema(r: Resource): boolean {
  return BUILTIN_GROUPS.has(splitApiVersion(apiVersionOf(r)).group);
}
