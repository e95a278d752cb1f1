// Re-rendering after an edit of values.yaml only: a template whose output reads none of the values that
// changed keeps its output (the values file's offsets after the edit shift). Which values a template reads
// is recorded by top-level key of the chart's `.Values` (a template that lists them, or writes them, reads
// them all). Renders that change the values themselves (Sprig's set/merge on a values map) are never
// reused: the templates are then not independent of one another, as in Helm.
import { valueOrigins } from './template/exec';
import type { Segment } from './template/sourcemap';

/** The top-level `.Values` keys a template read; 'all' when it listed or wrote them. */
export type ValuesRead = ReadonlySet<string> | 'all';

/** One contiguous edit of a values file: `[start, oldEnd)` of the old text became `delta` characters longer. */
export interface ValuesEdit {
  /** Chart-relative name the segments use (`values.yaml`). */
  file: string;
  start: number;
  oldEnd: number;
  delta: number;
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix). */
export function valuesEditOf(before: string, after: string, file: string): ValuesEdit {
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shortest - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { file, start, oldEnd: before.length - suffix, delta: after.length - before.length };
}

/**
 * `values` seen through a proxy that records the top-level keys read. Listing the keys (toYaml, range,
 * keys) or writing counts as reading them all. The proxy carries the map's value origins.
 */
export function trackReads(values: Record<string, unknown>, reads: Set<string>, readsAll: () => void): Record<string, unknown> {
  const proxy = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      readsAll();
      return Reflect.ownKeys(target);
    },
    set(target, key, value, receiver) {
      readsAll();
      return Reflect.set(target, key, value, receiver);
    },
    deleteProperty(target, key) {
      readsAll();
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, attributes) {
      readsAll();
      return Reflect.defineProperty(target, key, attributes);
    },
  });
  const origins = valueOrigins.get(values);
  if (origins) valueOrigins.set(proxy, origins);
  return proxy;
}

/** Top-level keys whose values differ (deeply) between two coalesced values maps. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const key of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, key) || !sameValue(before[key], after[key])) out.add(key);
  for (const key of Object.keys(after)) if (!Object.prototype.hasOwnProperty.call(before, key)) out.add(key);
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameValue(left[key], right[key]));
}

/** Whether a template that read `read` may see a different value now. */
export function readsChanged(read: ValuesRead, changed: ReadonlySet<string>): boolean {
  if (read === 'all') return true;
  for (const key of read) if (changed.has(key)) return true;
  return false;
}

/**
 * A kept output's segments after the edit: those into the edited file after it move by `delta`. Undefined
 * when one touches the edited range (its text may have changed): the template renders again.
 */
export function shiftedSegments(segments: Segment[], edit: ValuesEdit): Segment[] | undefined {
  if (edit.delta === 0 && edit.start >= edit.oldEnd) return segments;
  let out: Segment[] | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const { source } = segment;
    if (source.file !== edit.file || source.end < edit.start) continue;
    if (source.start <= edit.oldEnd) return undefined;
    out ??= segments.slice();
    out[i] = { ...segment, source: { ...source, start: source.start + edit.delta, end: source.end + edit.delta } };
  }
  return out ?? segments;
}

/** The values' content, to tell whether a render changed them (undefined: not serialisable, e.g. a cycle). */
export function valuesFingerprint(values: Record<string, unknown>): string | undefined {
  try {
    return JSON.stringify(values, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    return undefined;
  }
}
