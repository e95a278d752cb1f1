// The last steps of a top-level build: generated ConfigMaps/Secrets get their content-hash suffix, then
// every field that names a renamed object (volumes, env refs, service accounts, role refs, …: kustomize's
// name-reference table) is updated to the final name.
import { builtinSpecs, gvkMatches, specsFor, visitField, type NameReference } from './fieldspecs';
import { configMapHash, secretHash } from './hash';
import {
  apiVersionOf,
  currentId,
  isClusterScoped,
  kindOf,
  nameOf,
  namespaceOf,
  sameNamespace,
  storePreviousId,
  type Resource,
  type ResourceId,
} from './resource';
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

/**
 * kustomize's name-reference transformer (api/filters/nameref, api/internal/accumulator): every field that
 * names an object of a kind in the table is set to the current name of the object it meant, chosen among
 * the objects that had that name (the referrer itself included), in reach of the referrer, and built with
 * the same name prefixes and suffixes when several remain.
 */
export function fixNameReferences(resources: Resource[], nameReference: readonly NameReference[] = builtinSpecs().nameReference): void {
  // Only objects with an earlier id can be the object a reference meant: the kinds of others need no visit.
  const renamed = resources.filter((r) => r.previous.length > 0);
  const references = nameReference.filter((ref) => renamed.some((r) => gvkMatches(ref, apiVersionOf(r), kindOf(r))));
  if (references.length === 0) return;
  for (const referrer of resources) {
    let candidates: Resource[] | undefined;
    for (const reference of references) {
      for (const spec of specsFor(reference.fieldSpecs, apiVersionOf(referrer), kindOf(referrer))) {
        candidates ??= referableBy(referrer, resources);
        const selector = { referrer, candidates, target: reference, roleRef: spec.path.join('/').endsWith('roleRef/name') };
        visitField(referrer.root, spec, (parent, key) => updateReference(parent, key, selector));
      }
    }
  }
}

interface Selector {
  referrer: Resource;
  /** The objects the referrer may name (SubsetThatCouldBeReferencedByResource). */
  candidates: Resource[];
  target: NameReference;
  roleRef: boolean;
}

/** Objects in reach of the referrer: anything for a cluster-scoped one, else cluster-scoped ones, its namespace's, and a RoleBinding's subjects' namespaces. */
function referableBy(referrer: Resource, resources: Resource[]): Resource[] {
  if (isClusterScoped(referrer)) return resources;
  const subjectNamespaces = new Set<string>();
  if (kindOf(referrer) === 'RoleBinding') {
    const subjects = get(referrer.root, 'subjects');
    if (isKSeq(subjects)) {
      for (const subject of subjects.items) {
        const namespace = isKMap(subject) ? getString(subject, 'namespace') : undefined;
        if (isKMap(subject) && getString(subject, 'kind') === 'ServiceAccount' && namespace !== undefined) subjectNamespaces.add(namespace);
      }
    }
  }
  return resources.filter((r) => isClusterScoped(r) || sameNamespace(namespaceOf(r), namespaceOf(referrer)) || subjectNamespaces.has(namespaceOf(r)));
}

function updateReference(parent: KMap, key: string, selector: Selector): void {
  const value = pairIn(parent, key)?.value;
  if (value === undefined || (isKScalar(value) && value.value === null)) return;
  if (isKScalar(value)) setScalar(parent, key, value, selector);
  else if (isKMap(value)) setMapping(value, selector);
  else if (isKSeq(value)) {
    value.items.forEach((item, i) => {
      if (isKScalar(item)) {
        const referral = selectReferral(String(item.value ?? ''), selector.candidates, selector, sameNames);
        if (referral && nameOf(referral) !== item.value) value.items[i] = kscalar(nameOf(referral), item.origin);
      } else if (isKMap(item)) setMapping(item, selector);
    });
  }
}

function setScalar(parent: KMap, key: string, node: KNode & { type: 'scalar' }, selector: Selector): void {
  const referral = selectReferral(String(node.value ?? ''), selector.candidates, selector, sameNames);
  if (referral && nameOf(referral) !== node.value) setKey(parent, key, kscalar(nameOf(referral), node.origin));
}

/** A `{name, namespace}` map (subjects, webhook services): both are read from the object meant. */
function setMapping(node: KMap, selector: Selector): void {
  const name = pairIn(node, 'name');
  if (!name || !isKScalar(name.value)) return;
  const oldName = String(name.value.value ?? '');
  const namespace = pairIn(node, 'namespace')?.value;
  let candidates = selector.candidates;
  if (isKScalar(namespace)) {
    const wanted = String(namespace.value ?? '');
    const effective = (r: Resource, id: ResourceId) => (isClusterScoped(r) ? undefined : id.namespace || 'default');
    const byOriginal = candidates.filter((r) => effective(r, originalId(r)) === wanted);
    candidates = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => effective(r, currentId(r)) === wanted);
  }
  const referral = selectReferral(oldName, candidates, selector, sameNamesAndNamespaces);
  if (!referral) return;
  const referralNamespace = namespaceOf(referral);
  if (nameOf(referral) === oldName && referralNamespace === '') return;
  name.value = kscalar(nameOf(referral), name.value.origin);
  // An empty namespace is a wildcard here, not "default": it is not written.
  if (referralNamespace !== '') setKey(node, 'namespace', kscalar(referralNamespace, namespace?.origin ?? name.value.origin), name.value.origin);
}

const originalId = (r: Resource): ResourceId => r.previous[0] ?? currentId(r);
const sameNames = (rs: Resource[]) => rs.every((r) => nameOf(r) === nameOf(rs[0]));
const sameNamesAndNamespaces = (rs: Resource[]) => rs.every((r) => nameOf(r) === nameOf(rs[0]) && namespaceOf(r) === namespaceOf(rs[0]));

/** kustomize's selectReferral; several objects that differ is kustomize's "found multiple possible referrals" error: none here. */
function selectReferral(oldName: string, all: Resource[], selector: Selector, identical: (rs: Resource[]) => boolean): Resource | undefined {
  const { referrer, target } = selector;
  let roleRefGvk: { group: string; kind: string } | undefined;
  if (selector.roleRef) {
    const roleRef = get(referrer.root, 'roleRef');
    const group = isKMap(roleRef) ? getString(roleRef, 'apiGroup') : undefined;
    const kind = isKMap(roleRef) ? getString(roleRef, 'kind') : undefined;
    if (group !== undefined && kind !== undefined) roleRefGvk = { group, kind };
  }
  let candidates = all.filter(
    (r) =>
      r.previous.some((id) => id.name === oldName) &&
      gvkMatches(target, apiVersionOf(r), kindOf(r)) &&
      (!roleRefGvk || gvkMatches(roleRefGvk, apiVersionOf(r), kindOf(r))) &&
      (isClusterScoped(referrer) || isClusterScoped(r) || kindOf(r) === 'ServiceAccount' || sameNamespace(namespaceOf(r), namespaceOf(referrer))),
  );
  if (candidates.length === 1) return candidates[0];
  candidates = candidates.filter((r) => affixesEqual(r, referrer, true));
  if (candidates.length > 1) candidates = candidates.filter((r) => affixesEqual(r, referrer, false));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) return undefined;
  return identical(candidates) ? candidates[0] : undefined;
}

/** Built with the same name prefixes and suffixes (kustomize's PrefixesSuffixesEquals). */
function affixesEqual(a: Resource, b: Resource, allowEmpty: boolean): boolean {
  const [ap, as, bp, bs] = [a.prefixes ?? [], a.suffixes ?? [], b.prefixes ?? [], b.suffixes ?? []];
  if (allowEmpty) {
    return (ap.length === 0 || bp.length === 0 || sameEnding(ap, bp)) && (as.length === 0 || bs.length === 0 || sameEnding(as, bs));
  }
  return sameEnding(ap, bp) && sameEnding(as, bs);
}

/** kustomize's SameEndingSubSlice: the shorter list is the end of the longer; an empty one only matches an empty one. */
function sameEnding(a: string[], b: string[]): boolean {
  const [shortest, longest] = a.length > b.length ? [b, a] : [a, b];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  return shortest.every((value, i) => longest[i + diff] === value);
}

/** Objects marked `config.kubernetes.io/local-config: "true"` are dropped last, once references to them are fixed. */
export function dropLocalConfig(resources: Resource[]): Resource[] {
  return resources.filter((r) => getString(r.root, 'metadata', 'annotations', 'config.kubernetes.io/local-config') !== 'true');
}
