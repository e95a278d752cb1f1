// How kyaml merges an associative list (a list with merge keys, such as `containers` or `ports`), step by step as
// kustomize 5.5 runs it: kyaml v0.18.1 walk/associative_sequence.go (setAssociativeSequenceElements, appendListNode,
// mergeValues, validateKeys) with the yaml.ElementSetter and yaml.ElementMatcher it calls, in list-prepend mode.
// Its quirks are kustomize's output, so they are kept rather than tidied:
// - Elements are matched on all the list's keys by their text; a key an element lacks is "" (kyaml applies no API
//   default: a port without `protocol` is not TCP). Two key lists that agree where both are set become one
//   (mergeValues), so a patch element without `protocol` is looked up with the base's protocol, which it lacks: the
//   patch element is not found and changes nothing (test/fixtures/kustomize/harden-portpatchwithoutprotocol).
// - The base's elements are put back after the merged ones, each replacing every element with its keys: of several
//   base elements with the same keys the last wins, and a patch merged into the first of them is lost
//   (test/fixtures/kustomize/harden-duplicatelistkeys).
import { clone, isKMap, isKScalar, pairIn, type KMap, type KNode } from './tree';

/**
 * Merges one element of each side found by the same keys (either may be missing; with no patch, the base walked alone).
 * The base element must be merged in place when it stays a map, as kyaml's walk does. Undefined deletes.
 */
export type ElementMerge = (base: KNode | undefined, patch: KNode | undefined) => KNode | undefined;

/**
 * The merged list of `dest` and `patch` (undefined: `dest` alone, as kyaml walks the parts of an object a patch does
 * not name). `keys` are the list's merge keys, in the API's order.
 */
export function mergeAssociativeList(dest: KNode[], patch: KNode[] | undefined, keys: string[], mergeElement: ElementMerge): KNode[] {
  return mergeDistinct(dest, patch ?? [], keys, mergeElement) ?? kyamlMerge(dest, patch, keys, mergeElement);
}

/**
 * The common case in short: every element sets every key, no keys twice on either side. kyaml's steps then come down
 * to this. With one key: the patch's elements in order (each merged into the base's element with its keys, which
 * takes its place), then the base's other elements. With several: the patch's new elements, then the base's elements
 * in their order (appendListNode removes each base element's match and appends it). A deleted element goes.
 * Undefined when the case does not apply (test/kustomize/smp.test.ts checks this against kyamlMerge).
 */
function mergeDistinct(dest: KNode[], patch: KNode[], keys: string[], mergeElement: ElementMerge): KNode[] | undefined {
  const destKeys = distinctKeys(dest, keys);
  const patchKeys = destKeys && distinctKeys(patch, keys);
  if (!destKeys || !patchKeys) return undefined;
  if (patch.length === 0) {
    for (const element of dest) mergeElement(element, undefined);
    return dest;
  }
  const oneKey = keys.length === 1;
  const merged: KNode[] = [];
  const deleted = new Set<KNode>();
  for (let i = 0; i < patch.length; i++) {
    const base = dest[destKeys.indexOf(patchKeys[i])] as KNode | undefined;
    const value = mergeElement(base, patch[i]);
    if (value === undefined || isNullOrEmptyMap(value)) {
      if (base) deleted.add(base);
    } else if (!base) merged.push(value);
    // kyaml puts the base's element back over what the merge gave (a `$patch: replace` of it is lost).
    else if (oneKey) merged.push(base);
  }
  for (let i = 0; i < dest.length; i++) {
    const patched = patchKeys.includes(destKeys[i]);
    if (!patched) mergeElement(dest[i], undefined);
    if ((!patched || !oneKey) && !deleted.has(dest[i])) merged.push(dest[i]);
  }
  return merged;
}

/**
 * A list of scalars merged as kyaml merges `metadata.finalizers` (setAssociativeSequenceElements with the key ""): each
 * value once, by its text, the patch's first (prepend) then the base's others; a value both have keeps the base's
 * node. Nulls go (yaml.ElementSetter drops them).
 */
export function mergePrimitiveList(dest: KNode[], patch: KNode[]): KNode[] {
  const merged = new Map<string, KNode>();
  const put = (element: KNode, fromBase: boolean) => {
    if (isKScalar(element) && element.value === null) return;
    const text = textOf(element);
    // A Map keeps a key's first place when set again: the order stays the patch's, the node becomes the base's.
    if (fromBase || !merged.has(text)) merged.set(text, element);
  };
  for (const element of patch) put(element, false);
  for (const element of dest) put(element, true);
  return [...merged.values()];
}

/** Each element's key texts (joined); undefined when one lacks a key or two have the same. */
function distinctKeys(list: KNode[], keys: string[]): string[] | undefined {
  const texts: string[] = [];
  for (const element of list) {
    let text = '';
    for (const key of keys) {
      const value = keyText(element, key);
      if (value === '') return undefined;
      text = text === '' ? value : `${text}\u0000${value}`;
    }
    if (texts.includes(text)) return undefined;
    texts.push(text);
  }
  return texts;
}

/** kyaml's setAssociativeSequenceElements, step by step. Exported for the test of mergeDistinct. */
export function kyamlMerge(dest: KNode[], patch: KNode[] | undefined, keys: string[], mergeElement: ElementMerge): KNode[] {
  let base = dest;
  // elementValues: the patch's key values first (prepend), then the base's, each distinct list once.
  const valuesList: string[][] = [];
  for (const element of [...(patch ?? []), ...dest]) {
    const values = keys.map((key) => keyText(element, key));
    if (!valuesList.some((seen) => sameValues(seen, values))) valuesList.push(values);
  }
  if (valuesList.length === 0) return dest;
  if (keys.length > 1) mergeValues(valuesList);

  let merged: KNode[] = [];
  let validKeys = keys;
  for (const values of valuesList) {
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [lookupKeys, lookupValues] = validateKeys([values], values, keys);
    const baseElement = elementList(base, lookupKeys, lookupValues);
    const patchElement = patch && elementList(patch, lookupKeys, lookupValues);
    const value = baseElement === undefined && patchElement === undefined ? undefined : mergeElement(baseElement, patchElement);
    if (value === undefined || isNullOrEmptyMap(value)) {
      base = setElement(base, undefined, validKeys, validValues);
      continue;
    }
    merged = setElement(merged, value, validKeys, validValues);
  }
  return unshared(appendListNode(merged, base, validKeys));
}

// appendListNode: each base element goes back in, replacing the elements with its keys or appended after them.
function appendListNode(list: KNode[], elements: KNode[], keys: string[]): KNode[] {
  for (const element of elements) {
    const values: string[] = [];
    for (const key of keys) {
      const value = field(element, key);
      // kyaml appends an element missing a key and goes on with the keys it has (fewer values than keys).
      if (value === undefined) list = [...list, element];
      else values.push(textOf(value));
    }
    if (keys.length > 1) list = setElement(list, undefined, keys, values);
    list = setElement(list, element, keys, values);
  }
  return list;
}

/**
 * yaml.ElementSetter: replaces every element matching `values` on `keys` with `element` (removes them when it is
 * undefined), appending it when none matched. A "" value matches any element having the key; keys past the
 * values' end are not checked; with no values at all nothing matches and every other element is dropped.
 * Null and empty-map elements are dropped.
 */
function setElement(list: KNode[], element: KNode | undefined, keys: string[], values: string[]): KNode[] {
  const result: KNode[] = [];
  let found = false;
  for (const item of list) {
    if (isNullOrEmptyMap(item)) continue;
    if (!isKMap(item)) {
      // kyaml keeps it when setting maps and fails the merge otherwise; Harden keeps it (values.length > 0 then).
      if (values.length > 0) result.push(item);
      continue;
    }
    if (!setterMatches(item, keys, values)) {
      if (values.length > 0) result.push(item);
      continue;
    }
    found = true;
    if (element) result.push(element);
  }
  if (element && !found) result.push(element);
  return result;
}

function setterMatches(item: KMap, keys: string[], values: string[]): boolean {
  let matched = false;
  for (let i = 0; i < keys.length; i++) {
    if (i < values.length) {
      const value = field(item, keys[i]);
      matched = value !== undefined && (values[i] === '' || textOf(value) === values[i]);
    }
    if (!matched) return false;
  }
  return matched;
}

/** yaml.ElementMatcher (RNode.ElementList): the first map element having each key with the given text. */
function elementList(list: KNode[], keys: string[], values: string[]): KNode | undefined {
  return list.find(
    (element) =>
      isKMap(element) &&
      keys.every((key, i) => {
        const value = field(element, key);
        return value !== undefined && textOf(value) === values[i];
      }),
  );
}

/** The keys some element sets (all of them when none does), and `values` for those keys. */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const list of valuesList) list.forEach((value, i) => value !== '' && valid.add(keys[i]));
  if (valid.size === 0) return [keys, values];
  return [keys.filter((key) => valid.has(key)), values.filter((value, i) => value !== '' || valid.has(keys[i]))];
}

/** Key lists that agree where both are set (and on one key at least) become one, in place, as Go's loops do it. */
function mergeValues(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    const first = valuesList[i];
    for (let j = 0; j < valuesList.length; j++) {
      const both = matchValues(first, valuesList[j]);
      if (both) valuesList[i] = valuesList[j] = both;
    }
  }
}

function matchValues(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const result: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) common = true;
    else if (a[i] !== '' && b[i] !== '') return undefined;
    result.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? result : undefined;
}

const sameValues = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

function field(element: KNode, key: string): KNode | undefined {
  return isKMap(element) ? pairIn(element, key)?.value : undefined;
}

/** A key's text as kyaml reads it (RNode.ElementValuesList): "" when missing, null, or not a scalar. */
function keyText(element: KNode, key: string): string {
  const value = field(element, key);
  return value === undefined ? '' : textOf(value);
}

function textOf(node: KNode): string {
  return isKScalar(node) && node.value !== null ? String(node.value) : '';
}

function isNullOrEmptyMap(node: KNode): boolean {
  return (isKScalar(node) && node.value === null) || (isKMap(node) && node.items.length === 0);
}

// kyaml can put one node at several places of the list; Harden's later edits must not reach them all at once.
function unshared(list: KNode[]): KNode[] {
  const seen = new Set<KNode>();
  return list.map((element) => {
    if (!seen.has(element)) {
      seen.add(element);
      return element;
    }
    return clone(element);
  });
}
