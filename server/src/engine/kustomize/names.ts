// The last steps of a top-level build: generated ConfigMaps/Secrets get their content-hash suffix, then
// every field that names a renamed object (volumes, env refs, service accounts, role refs, …: kustomize's
// name-reference table) is updated to the final name.
import { builtinSpecs, gvkMatches, specsFor, visitField } from './fieldspecs';
import { configMapHash, secretHash } from './hash';
import { allIds, apiVersionOf, isClusterScoped, kindOf, nameOf, namespaceOf, sameNamespace, storePreviousId, type Resource } from './resource';
import { get, getString, isKMap, isKScalar, isKSeq, kscalar, pairIn, setKey, type KMap, type KNode } from './tree';

function stringEntries(node: KNode | undefined): Record<string, string> | undefined {
  if (!isKMap(node)) return undefined;
  return Object.fromEntries(node.items.map((p) => [p.key, isKScalar(p.value) ? String(p.value.value ?? '') : '']));
}

export function addHashSuffixes(resources: Resource[]): void {
  for (const resource of resources) {
    if (!resource.hashSuffix) continue;
    const kind = kindOf(resource);
    const data = stringEntries(get(resource.root, 'data'));
    const hash =
      kind === 'Secret' ? secretHash(getString(resource.root, 'type') ?? '', data) : configMapHash(data, stringEntries(get(resource.root, 'binaryData')));
    storePreviousId(resource);
    const metadata = get(resource.root, 'metadata') as KMap;
    const name = pairIn(metadata, 'name')!;
    name.value = kscalar(`${nameOf(resource)}-${hash}`, name.value.origin);
  }
}

export function fixNameReferences(resources: Resource[]): void {
  const renamed = resources.filter((r) => r.previous.some((id) => id.name !== nameOf(r)));
  if (renamed.length === 0) return;
  for (const reference of builtinSpecs().nameReference) {
    const referents = renamed.filter((r) => gvkMatches(reference, apiVersionOf(r), kindOf(r)));
    if (referents.length === 0) continue;
    for (const referrer of resources) {
      for (const spec of specsFor(reference.fieldSpecs, apiVersionOf(referrer), kindOf(referrer))) {
        visitField(referrer.root, spec, (parent, key) => updateReference(parent, key, referrer, referents, reference.kind));
      }
    }
  }
}

function updateReference(parent: KMap, key: string, referrer: Resource, referents: Resource[], kind: string): void {
  const value = pairIn(parent, key)?.value;
  if (value === undefined) return;
  const rename = (node: KNode, namespace?: string): KNode => {
    if (!isKScalar(node) || typeof node.value !== 'string') return node;
    const target = findReferent(node.value, namespace ?? namespaceOf(referrer), referrer, referents);
    return target ? kscalar(nameOf(target), node.origin) : node;
  };
  if (isKScalar(value)) setKey(parent, key, rename(value));
  else if (isKSeq(value)) {
    value.items = value.items.map((item) => {
      if (!isKMap(item)) return rename(item);
      // RoleBinding subjects: only the subjects of the referenced kind.
      const subjectKind = getString(item, 'kind');
      if (subjectKind && subjectKind !== kind) return item;
      const name = pairIn(item, 'name');
      if (name) name.value = rename(name.value, getString(item, 'namespace'));
      return item;
    });
  } else if (isKMap(value)) {
    const name = pairIn(value, 'name');
    if (name) name.value = rename(name.value, getString(value, 'namespace'));
  }
}

function findReferent(name: string, namespace: string, referrer: Resource, referents: Resource[]): Resource | undefined {
  const clusterWide = isClusterScoped(referrer);
  const candidates = referents.filter((r) => r !== referrer && r.previous.some((id) => id.name === name));
  const inScope = candidates.filter(
    (r) => clusterWide || isClusterScoped(r) || allIds(r).some((id) => sameNamespace(id.namespace, namespace)) || sameNamespace(namespaceOf(r), namespace),
  );
  // Two bases built from one folder (a- and b- prefixed): a reference means the copy built beside it.
  const closeness = (r: Resource) => sharedPrefix(r.chain ?? [], referrer.chain ?? []);
  const ranked = (inScope.length > 0 ? inScope : candidates).sort((a, b) => closeness(b) - closeness(a));
  return inScope.length > 0 || candidates.length === 1 ? ranked[0] : undefined;
}

function sharedPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
