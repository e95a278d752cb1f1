// Strategic merge patch as kustomize applies it (kyaml merge2 with list prepend): maps merge key by key, a
// null deletes, lists of the built-in kinds' associative fields merge element by element on their merge
// keys (patch elements first, then the base's others), other lists are replaced, and the `$patch`
// directives (`delete`, `replace`, `merge`) work on maps and list elements. Custom resources have no schema
// in kustomize, so their lists are replaced. Values taken from the patch keep the patch's provenance.
import { clone, isKMap, isKScalar, isKSeq, kmap, pairIn, type KMap, type KNode, type KPair, type KSeq } from './tree';

/** Merge keys of the associative lists of the built-in kinds, by field name (and, for `ports`, by owner). */
function mergeKeysFor(field: string, parentField: string | undefined): string[] | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
    case 'webhooks': // Mutating/ValidatingWebhookConfiguration
      return ['name'];
    case 'volumeMounts':
      return ['mountPath'];
    case 'volumeDevices':
      return ['devicePath'];
    case 'hostAliases':
      return ['ip'];
    case 'topologySpreadConstraints':
      return ['topologyKey', 'whenUnsatisfiable'];
    case 'conditions':
      return ['type'];
    case 'ownerReferences':
      return ['uid'];
    case 'ports':
      return parentField === 'containers' || parentField === 'initContainers' || parentField === 'ephemeralContainers'
        ? ['containerPort', 'protocol']
        : ['port', 'protocol'];
    default:
      return undefined;
  }
}

const DIRECTIVE = '$patch';
const isDirectiveKey = (key: string) =>
  key === DIRECTIVE || key.startsWith('$setElementOrder/') || key === '$retainKeys' || key.startsWith('$deleteFromPrimitiveList/');

export interface MergeOptions {
  /** The target has a schema in kustomize (a built-in kind): its associative lists merge by key. */
  schema: boolean;
}

/** Merges `patch` into `dest`; returns the new node, or undefined when the patch deletes it. */
export function strategicMerge(dest: KNode | undefined, patch: KNode, options: MergeOptions, path: string[] = []): KNode | undefined {
  if (isKMap(patch)) {
    const directive = directiveOf(patch);
    if (directive === 'delete') return undefined;
    if (directive === 'replace') return stripDirectives(patch);
    const target: KMap = isKMap(dest) ? dest : kmap([], patch.origin);
    for (const pair of patch.items) {
      if (isDirectiveKey(pair.key)) continue;
      const existing = pairIn(target, pair.key);
      if (isKScalar(pair.value) && pair.value.value === null) {
        if (existing) target.removedBy = pair.keyOrigin ?? pair.value.origin;
        target.items = target.items.filter((p) => p.key !== pair.key);
        continue;
      }
      const merged = strategicMerge(existing?.value, pair.value, options, [...path, pair.key]);
      if (merged === undefined) {
        if (existing) target.removedBy = pair.keyOrigin ?? pair.value.origin;
        target.items = target.items.filter((p) => p.key !== pair.key);
      } else if (existing) existing.value = merged;
      else target.items.push({ key: pair.key, keyOrigin: pair.keyOrigin, value: merged });
    }
    return target;
  }
  if (isKSeq(patch)) {
    const replace = patch.items.some((item) => isKMap(item) && directiveOf(item) === 'replace' && item.items.length === 1);
    const elements = patch.items.filter((item) => !(isKMap(item) && directiveOf(item) === 'replace' && item.items.length === 1));
    const keys = options.schema ? mergeKeysFor(path[path.length - 1], nearestListField(path)) : undefined;
    if (replace || !keys || !isKSeq(dest) || !elements.every(isKMap)) {
      return { ...patch, items: elements.filter((e) => !(isKMap(e) && directiveOf(e) === 'delete')).map(stripDirectives) };
    }
    return mergeAssociative(dest, { ...patch, items: elements }, keys, options, path);
  }
  // The same value written again (a merge key, an unchanged field) stays attributed to where it was first set.
  if (isKScalar(dest) && isKScalar(patch) && dest.value === patch.value) return dest;
  return clone(patch);
}

// The field owning the list element a path is in: `…containers, ports` -> `containers`.
function nearestListField(path: string[]): string | undefined {
  return path.length >= 2 ? path[path.length - 2] : undefined;
}

function mergeAssociative(dest: KSeq, patch: KSeq, keys: string[], options: MergeOptions, path: string[]): KSeq | undefined {
  const matches = (a: KNode, b: KNode) =>
    keys.every((key, i) => {
      const x = scalarKey(a, key);
      const y = scalarKey(b, key);
      // Secondary keys (a port's protocol) only separate elements when both name them.
      return i === 0 ? x !== undefined && x === y : x === undefined || y === undefined || x === y;
    });
  const merged: KNode[] = [];
  const used = new Set<KNode>();
  for (const element of patch.items) {
    const base = dest.items.find((d) => !used.has(d) && matches(d, element));
    if (base) used.add(base);
    if (isKMap(element) && directiveOf(element) === 'delete') continue;
    const value = strategicMerge(base, element, options, path);
    if (value !== undefined && !(isKMap(value) && value.items.length === 0)) merged.push(value);
  }
  for (const element of dest.items) if (!used.has(element)) merged.push(element);
  return { ...dest, items: merged };
}

function scalarKey(node: KNode, key: string): string | undefined {
  if (!isKMap(node)) return undefined;
  const value = pairIn(node, key)?.value;
  return isKScalar(value) && value.value !== null ? String(value.value) : undefined;
}

function directiveOf(map: KMap): string | undefined {
  const value = pairIn(map, DIRECTIVE)?.value;
  return isKScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** A patch value taken as is: directives removed, nulls dropped (they delete nothing in new content). */
export function stripDirectives<T extends KNode>(node: T): T {
  if (isKMap(node)) {
    return { ...node, items: node.items.filter((p) => !isDirectiveKey(p.key)).map((p) => ({ ...p, value: stripDirectives(p.value) })) };
  }
  if (isKSeq(node)) return { ...node, items: node.items.map(stripDirectives) };
  return { ...node };
}

/** The null field kustomize keeps (what `kubectl create --dry-run -o yaml` writes into every object). */
const KEPT_NULL_FIELD = 'creationTimestamp';

/**
 * Removes the map fields whose value is null (but `creationTimestamp`), all through the object: kustomize's strategic
 * merge leaves none in an object it patched (kyaml's merge walks the whole target), where a JSON patch or no patch
 * keeps them (test/fixtures/kustomize/harden-smpclearsnullfields).
 */
export function clearNullFields(node: KNode, depth = 0): void {
  if (depth > 200) return;
  if (isKSeq(node)) {
    for (const item of node.items) clearNullFields(item, depth + 1);
    return;
  }
  if (!isKMap(node)) return;
  const cleared = (pair: KPair) => isKScalar(pair.value) && pair.value.value === null && pair.key !== KEPT_NULL_FIELD;
  if (node.items.some(cleared)) node.items = node.items.filter((pair) => !cleared(pair));
  for (const pair of node.items) clearNullFields(pair.value, depth + 1);
}
