// Small read helpers over the `yaml` package's node tree.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isTemplated } from './templates';

export type AnyNode = Node | null | undefined;

export function pairOf(map: YAMLMap | undefined, key: string): Pair<Scalar, unknown> | undefined {
  if (!map) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair as Pair<Scalar, unknown>;
  }
  return undefined;
}

export function valueOf(map: YAMLMap | undefined, key: string): AnyNode {
  return pairOf(map, key)?.value as AnyNode;
}

export function mapAt(map: YAMLMap | undefined, ...path: string[]): YAMLMap | undefined {
  let node: AnyNode = map;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = valueOf(node, key);
  }
  return isMap(node) ? node : undefined;
}

export function seqAt(map: YAMLMap | undefined, ...path: string[]): YAMLSeq | undefined {
  const parent = path.length > 1 ? mapAt(map, ...path.slice(0, -1)) : map;
  const node = valueOf(parent, path[path.length - 1]);
  return isSeq(node) ? node : undefined;
}

export function scalarAt(map: YAMLMap | undefined, ...path: string[]): Scalar | undefined {
  const parent = path.length > 1 ? mapAt(map, ...path.slice(0, -1)) : map;
  const node = valueOf(parent, path[path.length - 1]);
  return isScalar(node) ? node : undefined;
}

/** A scalar's string value; undefined when absent or produced by a template expression (unknown). */
export function stringAt(map: YAMLMap | undefined, ...path: string[]): string | undefined {
  const node = scalarAt(map, ...path);
  if (!node || node.value === null || node.value === undefined) return undefined;
  const value = String(node.value);
  return isTemplated(value) ? undefined : value;
}

/** True when a node's value comes (partly) from a template expression, so nothing can be said about it. */
export function isTemplatedNode(node: AnyNode): boolean {
  return isScalar(node) && typeof node.value === 'string' && isTemplated(node.value);
}

/** The plain scalars go-yaml v2 (sigs.k8s.io/yaml, which kubectl and Helm decode manifests with) reads as booleans and YAML 1.2 does not. */
const YAML11_ONLY_BOOLEANS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((text) => [text, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((text) => [text, false] as const),
]);

/** The boolean kubectl reads for a plain scalar that YAML 1.2 (this parser, kustomize) reads as a string; else undefined. */
export function yaml11Boolean(node: AnyNode): boolean | undefined {
  return isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'string' ? YAML11_ONLY_BOOLEANS.get(node.value) : undefined;
}

/** A boolean as kubectl decodes it: YAML 1.1's `yes`/`on`/… count too (yamllint's truthy values, go-yaml v2's exact casings). */
export function boolOf(node: AnyNode): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  return yaml11Boolean(node);
}

export function numberOf(node: AnyNode): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  return undefined;
}

/** Offsets covering a node in its document text (value end, without trailing comments). */
export function spanOf(node: Node): [number, number] {
  const [start, end] = node.range ?? [0, 0, 0];
  return [start, end];
}

/** Span of a `key: value` pair (from the key to the end of the value). */
export function pairSpan(pair: Pair<Scalar, unknown>): [number, number] {
  const keyStart = pair.key.range?.[0] ?? 0;
  const value = pair.value as Node | null;
  const end = value?.range ? value.range[1] : (pair.key.range?.[1] ?? keyStart);
  return [keyStart, Math.max(end, pair.key.range?.[1] ?? keyStart)];
}

/** Span of just the key of a pair. */
export function keySpan(pair: Pair<Scalar, unknown>): [number, number] {
  return [pair.key.range?.[0] ?? 0, pair.key.range?.[1] ?? 0];
}

export function isNullish(node: AnyNode): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}
