// JSON patch (RFC 6902) over the build tree: add, remove, replace, move, copy, test. Values added by the
// patch keep the patch file's provenance.
import { clone, drops, isKMap, isKSeq, pairIn, type KNode, type Origin } from './tree';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: KNode;
  /** Where the operation is written. */
  origin?: Origin;
}

export class JsonPatchError extends Error {}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`path "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookup(root: KNode, path: string[]): KNode | undefined {
  let node: KNode | undefined = root;
  for (const token of path) {
    if (isKMap(node)) node = pairIn(node, token)?.value;
    else if (isKSeq(node)) node = node.items[Number(token)];
    else return undefined;
  }
  return node;
}

function parentOf(root: KNode, path: string[], pointer: string): KNode {
  const parent = lookup(root, path.slice(0, -1));
  if (!parent || (!isKMap(parent) && !isKSeq(parent))) throw new JsonPatchError(`no parent for path "${pointer}"`);
  return parent;
}

function indexIn(token: string, length: number, forAdd: boolean, pointer: string): number {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new JsonPatchError(`invalid list index in "${pointer}"`);
  const index = Number(token);
  if (index > length || (!forAdd && index === length)) throw new JsonPatchError(`index out of range in "${pointer}"`);
  return index;
}

/** Removes the node at `pointer`; `by`: a `remove` operation, remembered on the parent (not a move's source). */
function remove(root: KNode, pointer: string, by?: Origin): KNode {
  const path = tokens(pointer);
  const parent = parentOf(root, path, pointer);
  if (by && (isKMap(parent) || isKSeq(parent))) {
    parent.removedBy = by;
    markHolders(root, path, by);
    recordRemoval(root, path, by);
  }
  const last = path[path.length - 1];
  if (isKMap(parent)) {
    const pair = pairIn(parent, last);
    if (!pair) throw new JsonPatchError(`nothing at "${pointer}" to remove`);
    parent.items = parent.items.filter((p) => p !== pair);
    return pair.value;
  }
  const seq = parent as Extract<KNode, { type: 'seq' }>;
  const index = indexIn(last, seq.items.length, false, pointer);
  return seq.items.splice(index, 1)[0];
}

/**
 * Remembers a removal on the maps and lists holding its parent too, up to the list item holding them: a finding about
 * what a container lacks after `remove` of its `securityContext/allowPrivilegeEscalation` is on the container, and is
 * that operation's doing (lint.ts, missingOrigin). A cause already known there (a `replace` of the whole
 * securityContext) is kept; the object itself is not marked.
 */
function markHolders(root: KNode, path: string[], by: Origin): void {
  for (let depth = path.length - 2; depth > 0; depth--) {
    const holder = lookup(root, path.slice(0, depth));
    if (isKMap(holder) || isKSeq(holder)) holder.removedBy ??= by;
    if (isKSeq(lookup(root, path.slice(0, depth - 1)))) return;
  }
}

function recordRemoval(root: KNode, path: string[], by: Origin): void {
  if (isKMap(root)) (root.removals ??= []).push({ path, by });
}

/**
 * Sets `value` at `pointer` (`replace`: a list item is replaced, not inserted). `by`: the operation, remembered on the
 * parent (as a `remove` is) when the value it replaces had a field or item the new one lacks: what is missing after an
 * `op: replace` of a container's whole securityContext is that operation's doing, not the base's.
 */
function add(root: KNode, pointer: string, value: KNode, replace: boolean, by?: Origin): KNode {
  const path = tokens(pointer);
  if (path.length === 0) return value;
  const parent = parentOf(root, path, pointer);
  const last = path[path.length - 1];
  if (isKMap(parent)) {
    // `replace` of a key the map lacks adds it, as kustomize's JSON patch library (evanphx/json-patch) does; only a
    // missing parent fails (test/fixtures/kustomize/harden-jsonpatchreplacemissingkey).
    const pair = pairIn(parent, last);
    if (pair) {
      if (by && drops(pair.value, value)) {
        parent.removedBy = by;
        recordRemoval(root, path, by);
      }
      pair.value = value;
    } else parent.items.push({ key: last, keyOrigin: value.origin, value });
  } else {
    const seq = parent as Extract<KNode, { type: 'seq' }>;
    const index = indexIn(last, seq.items.length, !replace, pointer);
    if (by && replace && drops(seq.items[index], value)) {
      seq.removedBy = by;
      recordRemoval(root, path, by);
    }
    seq.items.splice(index, replace ? 1 : 0, value);
  }
  return root;
}

/** Applies the operations in order to `root` (mutated); returns the new root. */
export function applyJsonPatch(root: KNode, ops: JsonPatchOp[]): KNode {
  let doc = root;
  for (const op of ops) {
    switch (op.op) {
      case 'add':
      case 'replace':
        if (!op.value) throw new JsonPatchError(`"${op.op}" at "${op.path}" has no value`);
        doc = add(doc, op.path, clone(op.value), op.op === 'replace', op.origin);
        break;
      case 'remove':
        remove(doc, op.path, op.origin);
        break;
      case 'move':
        doc = add(doc, op.path, remove(doc, op.from ?? ''), false, op.origin);
        break;
      case 'copy': {
        const source = lookup(doc, tokens(op.from ?? ''));
        if (!source) throw new JsonPatchError(`nothing at "${op.from}" to copy`);
        doc = add(doc, op.path, clone(source), false, op.origin);
        break;
      }
      case 'test': {
        const actual = lookup(doc, tokens(op.path));
        if (!actual || !op.value || JSON.stringify(plain(actual)) !== JSON.stringify(plain(op.value))) throw new JsonPatchError(`test at "${op.path}" failed`);
        break;
      }
      default:
        throw new JsonPatchError(`unknown operation "${op.op}"`);
    }
  }
  return doc;
}

/** No number JSON cannot write (kustomize turns a YAML patch into JSON first). */
export function isJsonData(node: KNode, depth = 0): boolean {
  if (depth > 200) return true;
  if (node.type === 'scalar') return typeof node.value !== 'number' || Number.isFinite(node.value);
  if (node.type === 'seq') return node.items.every((item) => isJsonData(item, depth + 1));
  return node.items.every((pair) => isJsonData(pair.value, depth + 1));
}

function plain(node: KNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.items.map((p) => [p.key, plain(p.value)]));
}
