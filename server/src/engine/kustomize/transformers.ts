// Kustomize's built-in transformers other than patches, in the order kustomize runs them: namespace,
// name prefix and suffix, labels, annotations, replicas, images. Values they write are attributed to the
// kustomization line that asked for them.
import { builtinSpecs, gvkMatches, specsFor, visitField, type FieldSpec, type SpecTables } from './fieldspecs';
import { apiVersionOf, isClusterScoped, kindOf, storePreviousId, allIds, type Resource } from './resource';
import { ensureMap, get, isKMap, isKScalar, isKSeq, kscalar, pairIn, setKey, type KMap, type KNode, type Origin } from './tree';
import { parseImageRef } from '../dockerfile/images';

function forSpecs(resource: Resource, specs: readonly FieldSpec[], visit: (parent: KMap, key: string) => void, origin?: Origin): void {
  for (const spec of specsFor(specs, apiVersionOf(resource), kindOf(resource))) visitField(resource.root, spec, visit, origin);
}

export function setNamespace(resources: Resource[], namespace: string, origin: Origin, tables: SpecTables = builtinSpecs()): void {
  for (const resource of resources) {
    const kind = kindOf(resource);
    if (!isClusterScoped(resource)) {
      storePreviousId(resource);
      const metadata = ensureMap(resource.root, ['metadata'], origin);
      if (metadata) setKey(metadata, 'namespace', kscalar(namespace, origin), origin);
    }
    if (kind === 'Namespace' && apiVersionOf(resource) === 'v1') {
      storePreviousId(resource);
      const metadata = ensureMap(resource.root, ['metadata'], origin);
      if (metadata) setKey(metadata, 'name', kscalar(namespace, origin), origin);
    }
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const subjects = get(resource.root, 'subjects');
      if (isKSeq(subjects)) {
        for (const subject of subjects.items) {
          const name = isKMap(subject) ? get(subject, 'name') : undefined;
          if (isKMap(subject) && isKScalar(name) && name.value === 'default') setKey(subject, 'namespace', kscalar(namespace, origin), origin);
        }
      }
    }
    forSpecs(resource, tables.namespaceReferences, (parent, key) => setKey(parent, key, kscalar(namespace, origin), origin), origin);
  }
}

/**
 * namePrefix / nameSuffix over the fields of `specs` (kustomize's default: metadata/name of every kind); a
 * resource whose metadata/name is among them records the affix, for name references (kustomize's ResCtx).
 */
export function addNameAffix(resources: Resource[], affix: string, where: 'prefix' | 'suffix', specs: readonly FieldSpec[], origin: Origin): void {
  for (const resource of resources) {
    // kustomize leaves CRDs' names alone (they must be <plural>.<group>), APIServices and Namespaces too.
    const kind = kindOf(resource);
    if (kind === 'CustomResourceDefinition' || kind === 'Namespace' || (kind === 'APIService' && apiVersionOf(resource).startsWith('apiregistration.k8s.io/')))
      continue;
    for (const spec of specs) {
      if (!gvkMatches(spec, apiVersionOf(resource), kind)) continue;
      if (spec.path.join('/') === 'metadata/name') {
        const list = where === 'prefix' ? (resource.prefixes ??= []) : (resource.suffixes ??= []);
        if (affix !== '') {
          list.push(affix);
          storePreviousId(resource);
        }
      }
      visitField(
        resource.root,
        spec,
        (parent, key) => {
          const node = pairIn(parent, key)?.value;
          const value = isKScalar(node) && node.value !== null ? String(node.value) : '';
          setKey(parent, key, kscalar(where === 'prefix' ? `${affix}${value}` : `${value}${affix}`, origin), origin);
        },
        origin,
      );
    }
  }
}

export interface LabelSet {
  pairs: Array<{ key: string; value: string; origin?: Origin }>;
  specs: readonly FieldSpec[];
}

/** Adds labels (or annotations: same shape) at every field the set's specs reach. */
export function addLabels(resources: Resource[], set: LabelSet): void {
  for (const resource of resources) {
    forSpecs(
      resource,
      set.specs,
      (parent, key) => {
        const first = set.pairs[0]?.origin;
        let map = pairIn(parent, key)?.value;
        if (!isKMap(map)) {
          if (map !== undefined && !(isKScalar(map) && map.value === null)) return;
          map = ensureMap(parent, [key], first);
        }
        if (!isKMap(map)) return;
        for (const pair of set.pairs) setKey(map, pair.key, kscalar(pair.value, pair.origin), pair.origin);
      },
      set.pairs[0]?.origin,
    );
  }
}

export function setReplicas(resources: Resource[], name: string, count: KNode, origin: Origin, tables: SpecTables = builtinSpecs()): void {
  for (const resource of resources) {
    if (!allIds(resource).some((id) => id.name === name)) continue;
    forSpecs(resource, tables.replicas, (parent, key) => setKey(parent, key, { ...count, origin: count.origin ?? origin }, origin), origin);
  }
}

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  origin: Origin;
}

function updateImage(value: string, rule: ImageRule): string | undefined {
  const parts = parseImageRef(value);
  if (parts.name !== rule.name) return undefined;
  const name = rule.newName ?? parts.name;
  if (rule.digest) return `${name}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${name}:${rule.newTag}`;
  return `${name}${parts.tag !== undefined ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
}

export function setImages(resources: Resource[], rule: ImageRule, tables: SpecTables = builtinSpecs()): void {
  const visit = (parent: KMap, key: string) => {
    const node = pairIn(parent, key)?.value;
    if (!isKScalar(node) || typeof node.value !== 'string') return;
    const updated = updateImage(node.value, rule);
    if (updated !== undefined && updated !== node.value) setKey(parent, key, kscalar(updated, rule.origin));
  };
  for (const resource of resources) {
    // kustomize's legacy filter: any `containers`/`initContainers` list anywhere in the object.
    walkContainers(resource.root, (container) => visit(container, 'image'));
    forSpecs(resource, tables.imageVolumes, visit);
  }
}

function walkContainers(node: KNode, visit: (container: KMap) => void, depth = 0): void {
  if (depth > 100) return;
  if (isKSeq(node)) for (const item of node.items) walkContainers(item, visit, depth + 1);
  if (!isKMap(node)) return;
  for (const pair of node.items) {
    if ((pair.key === 'containers' || pair.key === 'initContainers') && isKSeq(pair.value)) {
      for (const c of pair.value.items) if (isKMap(c)) visit(c);
    }
    walkContainers(pair.value, visit, depth + 1);
  }
}
