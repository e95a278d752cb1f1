// The tree a kustomize build works on: plain maps, lists and scalars, each node remembering the source file
// and offsets its value came from (its provenance), so that findings on the built object can be reported
// where the user wrote the value (a base resource, a patch, or the kustomization line that set it).
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

export interface Origin {
  /** Absolute path of the file that set the value. */
  file: string;
  start: number;
  end: number;
}

export type Scalar = string | number | boolean | null;

export interface KScalar {
  type: 'scalar';
  value: Scalar;
  origin?: Origin;
}

export interface KPair {
  key: string;
  keyOrigin?: Origin;
  value: KNode;
}

export interface KMap {
  type: 'map';
  items: KPair[];
  origin?: Origin;
  /** The patch operation that last removed a field here: a finding about what is now missing is its doing. */
  removedBy?: Origin;
  /**
   * On an object's root: every field or item a JSON patch operation removed (or replaced by a value without it), by
   * path. When several did, the one a finding is about is the one on the path its fix writes (lint.ts).
   */
  removals?: Removal[];
}

export interface Removal {
  path: readonly string[];
  by: Origin;
}

export interface KSeq {
  type: 'seq';
  items: KNode[];
  origin?: Origin;
  removedBy?: Origin;
}

export type KNode = KMap | KSeq | KScalar;

/** One `---` document of a parsed file. */
export interface ParsedDocument {
  /** Undefined for an empty document. */
  node: KNode | undefined;
  /** The first syntax error, if any. */
  error?: { message: string; start: number; end: number };
}

export const isKMap = (node: KNode | undefined): node is KMap => node?.type === 'map';
export const isKSeq = (node: KNode | undefined): node is KSeq => node?.type === 'seq';
export const isKScalar = (node: KNode | undefined): node is KScalar => node?.type === 'scalar';

export function kmap(items: KPair[] = [], origin?: Origin): KMap {
  return { type: 'map', items, origin };
}

export function kscalar(value: Scalar, origin?: Origin): KScalar {
  return { type: 'scalar', value, origin };
}

export function pairIn(map: KMap, key: string): KPair | undefined {
  return map.items.find((p) => p.key === key);
}

/** The value at `key` of a map, if `node` is one. */
function at(node: KNode | undefined, key: string): KNode | undefined {
  if (node?.type !== 'map') return undefined;
  const items = node.items;
  for (let i = 0; i < items.length; i++) if (items[i].key === key) return items[i].value;
  return undefined;
}

// Called for every id, kind and name a build looks at: up to three keys without a rest array.
export function get(map: KNode | undefined, a?: string, b?: string, c?: string, ...more: string[]): KNode | undefined {
  if (a === undefined) return map;
  let node = at(map, a);
  if (b === undefined) return node;
  node = at(node, b);
  if (c === undefined) return node;
  node = at(node, c);
  for (const key of more) node = at(node, key);
  return node;
}

export function getString(map: KNode | undefined, a?: string, b?: string, c?: string, ...more: string[]): string | undefined {
  const node = more.length === 0 ? get(map, a, b, c) : get(map, a, b, c, ...more);
  return isKScalar(node) && node.value !== null ? String(node.value) : undefined;
}

export function setKey(map: KMap, key: string, value: KNode, keyOrigin?: Origin): void {
  const pair = pairIn(map, key);
  if (pair) pair.value = value;
  else map.items.push({ key, value, keyOrigin: keyOrigin ?? value.origin });
}

export function deleteKey(map: KMap, key: string): void {
  map.items = map.items.filter((p) => p.key !== key);
}

/** The map at `path`, created (with `origin`) where missing; undefined when a non-map is in the way. */
export function ensureMap(map: KMap, path: string[], origin?: Origin): KMap | undefined {
  let node: KMap = map;
  for (const key of path) {
    const next = pairIn(node, key)?.value;
    if (isKMap(next)) node = next;
    else if (next === undefined || (isKScalar(next) && next.value === null)) {
      const created = kmap([], origin);
      setKey(node, key, created, origin);
      node = created;
    } else return undefined;
  }
  return node;
}

// Every overlay of a base copies the base's objects on each build: object literals of one shape, not spreads.
export function clone<T extends KNode>(node: T): T {
  return cloneNode(node) as T;
}

function cloneNode(node: KNode): KNode {
  if (node.type === 'scalar') return { type: 'scalar', value: node.value, origin: node.origin };
  if (node.type === 'seq') {
    const items = node.items;
    const copy: KNode[] = new Array<KNode>(items.length);
    for (let i = 0; i < items.length; i++) copy[i] = cloneNode(items[i]);
    return { type: 'seq', items: copy, origin: node.origin };
  }
  const pairs = node.items;
  const copy: KPair[] = new Array<KPair>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    copy[i] = { key: pair.key, keyOrigin: pair.keyOrigin, value: cloneNode(pair.value) };
  }
  return { type: 'map', items: copy, origin: node.origin };
}

/** `before` has a field, item or value that `after` (what replaces it) lacks. */
export function drops(before: KNode, after: KNode, depth = 0): boolean {
  if (depth > 100) return false;
  if (isKMap(before)) {
    if (before.items.length === 0) return false;
    if (!isKMap(after)) return true;
    return before.items.some((pair) => {
      const kept = pairIn(after, pair.key);
      return !kept || drops(pair.value, kept.value, depth + 1);
    });
  }
  if (isKSeq(before)) {
    if (before.items.length === 0) return false;
    if (!isKSeq(after) || after.items.length < before.items.length) return true;
    return before.items.some((item, i) => drops(item, after.items[i], depth + 1));
  }
  return before.value !== null && after.type === 'scalar' && after.value === null;
}

const LEGACY_OCTAL = /^[-+]?0[0-7]+$/;

/**
 * A plain `0755` is octal to kustomize and to Kubernetes (YAML 1.1's integers, kept by go-yaml: 493), decimal to the
 * `yaml` library (YAML 1.2: 755). `source`: the scalar as written (test/fixtures/kustomize/harden-octalmodes).
 */
export function withOctal(value: Scalar, source: unknown): Scalar {
  return typeof value === 'number' && typeof source === 'string' && LEGACY_OCTAL.test(source) ? parseInt(source, 8) : value;
}

/** Converts a parsed YAML node; offsets are those of the parsed text, which must be the whole file `file`. */
export function fromYaml(node: unknown, file: string, doc: Document.Parsed, depth = 0): KNode {
  const origin = (n: Node): Origin | undefined => (n.range ? { file, start: n.range[0], end: n.range[1] } : undefined);
  if (depth > 200) return kscalar(null);
  if (isAlias(node)) return fromYaml(node.resolve(doc), file, doc, depth + 1);
  if (isMap(node)) {
    const items: KPair[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const value = pair.value === null ? kscalar(null, keyNode ? origin(keyNode) : undefined) : fromYaml(pair.value, file, doc, depth + 1);
      const existing = items.findIndex((p) => p.key === key);
      const entry = { key, keyOrigin: keyNode ? origin(keyNode) : undefined, value };
      if (existing >= 0) items[existing] = entry;
      else items.push(entry);
    }
    return kmap(items, origin(node));
  }
  if (isSeq(node)) return { type: 'seq', items: node.items.map((i) => fromYaml(i, file, doc, depth + 1)), origin: origin(node) };
  if (isScalar(node)) {
    const v = node.value;
    const value: Scalar = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v);
    return kscalar(withOctal(value, node.source), origin(node));
  }
  return kscalar(null);
}

/** Plain data (JSON-like) view of a node. */
export function toJS(node: KNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const pair of node.items) out[pair.key] = toJS(pair.value);
  return out;
}

/** A node from plain data, every part of it attributed to `origin`. */
export function fromJS(value: unknown, origin?: Origin): KNode {
  if (Array.isArray(value)) return { type: 'seq', items: value.map((v) => fromJS(v, origin)), origin };
  if (value !== null && typeof value === 'object') {
    return kmap(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keyOrigin: origin, value: fromJS(v, origin) })),
      origin,
    );
  }
  return kscalar(value === undefined ? null : (value as Scalar), origin);
}
