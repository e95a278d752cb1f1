// Strategic merge patch as kustomize applies it (kyaml merge2 with list prepend): maps merge key by key, a
// null deletes, lists of the built-in kinds' associative fields merge element by element on their merge
// keys as kyaml does it (associativeList.ts), other lists are replaced, and the `$patch` directives (`delete`,
// `replace`, `merge`) work on maps, lists and list elements. kyaml walks the whole object, so the associative lists
// a patch does not reach are merged too (with nothing: their elements with the same keys become one). Custom
// resources have no schema in kustomize, so their lists are replaced. Values taken from the patch keep the patch's
// provenance.
import { mergeAssociativeList, mergePrimitiveList } from './associativeList';
import { clone, drops, isKMap, isKScalar, isKSeq, kmap, pairIn, type KMap, type KNode, type KPair, type KSeq, type Origin } from './tree';

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

/**
 * Lists of scalars the API merges (`patchStrategy: merge`, no merge key, in the OpenAPI kustomize 5.5 reads): the
 * values of both sides, once each (test/fixtures/kustomize/harden-primitivemergelists).
 */
function isPrimitiveMergeList(field: string, parentField: string | undefined): boolean {
  return (field === 'finalizers' && parentField === 'metadata') || (field === 'podCIDRs' && parentField === 'spec');
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
    if (directive === 'replace') return walkAlone(stripDirectives(patch), options, path[path.length - 1], nearestListField(path));
    const target: KMap = isKMap(dest) ? dest : kmap([], patch.origin);
    if (options.schema && target === dest) {
      for (const pair of target.items) if (!pairIn(patch, pair.key)) pair.value = walkAlone(pair.value, options, pair.key, path[path.length - 1]);
    }
    for (const pair of patch.items) {
      if (isDirectiveKey(pair.key)) continue;
      const existing = pairIn(target, pair.key);
      if (isKScalar(pair.value) && pair.value.value === null) {
        if (existing) target.removedBy = pair.keyOrigin ?? pair.value.origin;
        target.items = target.items.filter((p) => p.key !== pair.key);
        continue;
      }
      const causeBefore = existing && removedByOf(existing.value);
      const merged = strategicMerge(existing?.value, pair.value, options, [...path, pair.key]);
      if (merged === undefined) {
        if (existing) target.removedBy = pair.keyOrigin ?? pair.value.origin;
        target.items = target.items.filter((p) => p.key !== pair.key);
      } else if (existing) {
        // The patch's value took the base's place (`$patch: replace`, a replaced list) without part of it: what is
        // missing now is the patch's doing, as after a JSON patch `replace` (lint.ts, missingOrigin).
        if (takesPlaceOf(merged, pair.value) && drops(existing.value, merged)) target.removedBy = directiveOrigin(pair.value) ?? pair.keyOrigin;
        // A deletion inside (`allowPrivilegeEscalation: null` in the securityContext) is the cause of what the map holding
        // it now lacks too, as for a JSON patch `remove` (json6902.ts, markHolders); list items do not pass it on.
        const cause = removedByOf(merged);
        if (cause && cause !== causeBefore) target.removedBy ??= cause;
        existing.value = merged;
      } else target.items.push({ key: pair.key, keyOrigin: pair.keyOrigin, value: merged });
    }
    return target;
  }
  if (isKSeq(patch)) return mergeList(dest, patch, options, path);
  // The same value written again (a merge key, an unchanged field) stays attributed to where it was first set.
  if (isKScalar(dest) && isKScalar(patch) && dest.value === patch.value) return dest;
  return clone(patch);
}

function mergeList(dest: KNode | undefined, patch: KSeq, options: MergeOptions, path: string[]): KNode | undefined {
  const directives = patch.items.filter(isListDirective);
  const elements = patch.items.filter((item) => !isListDirective(item));
  if (options.schema && isPrimitiveMergeList(path[path.length - 1], nearestListField(path)) && elements.every(isKScalar)) {
    const directive = directives.length > 0 ? directiveOf(directives[0]) : undefined;
    if (directive === 'delete') return undefined;
    if (directive === 'replace' || !isKSeq(dest)) return { ...patch, items: mergePrimitiveList([], elements) };
    return { ...dest, items: mergePrimitiveList(dest.items, elements) };
  }
  const keys = options.schema ? mergeKeysFor(path[path.length - 1], nearestListField(path)) : undefined;
  if (!keys || !elements.every(isKMap)) {
    const replaced = patch.items.filter((item) => !(isListDirective(item) && directiveOf(item) === 'replace'));
    return { ...patch, items: replaced.filter((e) => !(isKMap(e) && directiveOf(e) === 'delete')).map(stripDirectives) };
  }
  // kyaml's directive for the whole list: an element that is only `$patch` (merge2 determineSequenceNodePatchStrategy).
  const directive = directives.length > 0 ? directiveOf(directives[0]) : undefined;
  if (!isKSeq(dest) || directive === 'replace') {
    // New content is merged with itself: elements with the same keys become one there too.
    const items: KNode[] = [];
    for (const element of elements) {
      const value = strategicMerge(undefined, element, options, path);
      if (value !== undefined) items.push(value);
    }
    return walkAlone({ ...patch, items }, options, path[path.length - 1], nearestListField(path));
  }
  if (directive === 'delete') return undefined;
  let deletedBy: Origin | undefined;
  const merge = (base: KNode | undefined, change: KNode | undefined) => {
    if (change === undefined) return base && walkAlone(base, options, path[path.length - 1], nearestListField(path));
    const value = strategicMerge(base, change, options, path);
    // A base element a `$patch: delete` removed: remembered on the list, as a JSON patch `remove` of an item is.
    if (value === undefined && base && isKMap(change)) deletedBy = directiveOrigin(change) ?? change.origin;
    return value;
  };
  const merged: KSeq = { ...dest, items: mergeAssociativeList(dest.items, elements, keys, merge) };
  if (deletedBy) merged.removedBy = deletedBy;
  return merged;
}

const removedByOf = (node: KNode): Origin | undefined => (isKScalar(node) ? undefined : node.removedBy);

/** The merge gave the patch's own node (a replacement), not the base's merged in place. */
function takesPlaceOf(merged: KNode, patch: KNode): boolean {
  return merged.origin !== undefined && merged.origin === patch.origin;
}

/** Where a map's `$patch`, or a list's lone `$patch` element, is written. */
function directiveOrigin(node: KNode): Origin | undefined {
  if (isKMap(node)) return pairIn(node, DIRECTIVE)?.keyOrigin;
  const directive = isKSeq(node) ? node.items.find(isListDirective) : undefined;
  return directive && (pairIn(directive, DIRECTIVE)?.keyOrigin ?? directive.origin);
}

/**
 * A node the patch does not reach, walked as kyaml's merge walks it: its associative lists are merged with nothing,
 * which leaves one element for each set of keys (test/fixtures/kustomize/harden-duplicatelistkeys).
 */
function walkAlone(node: KNode, options: MergeOptions, field: string | undefined, owner: string | undefined): KNode {
  if (!options.schema) return node;
  if (isKMap(node)) {
    for (const pair of node.items) pair.value = walkAlone(pair.value, options, pair.key, field);
    return node;
  }
  if (isKSeq(node) && field !== undefined && isPrimitiveMergeList(field, owner) && node.items.every(isKScalar)) {
    return { ...node, items: mergePrimitiveList(node.items, []) };
  }
  const keys = isKSeq(node) && field !== undefined ? mergeKeysFor(field, owner) : undefined;
  if (!isKSeq(node) || !keys || !node.items.every(isKMap)) return node;
  const merge = (base: KNode | undefined) => base && walkAlone(base, options, field, owner);
  const items = mergeAssociativeList(node.items, undefined, keys, merge);
  return items === node.items ? node : { ...node, items };
}

// The field owning the list element a path is in: `…containers, ports` -> `containers`.
function nearestListField(path: string[]): string | undefined {
  return path.length >= 2 ? path[path.length - 2] : undefined;
}

const isListDirective = (item: KNode): item is KMap => isKMap(item) && item.items.length === 1 && directiveOf(item) !== undefined;

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
