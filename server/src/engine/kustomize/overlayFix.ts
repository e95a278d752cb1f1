// A fix for a finding that holds in one overlay only goes to that overlay: the base fix's change, as a
// strategic-merge patch of the object, added to the overlay's kustomization (`patches:` entry), so that the
// base and the other overlays are left as they are.
import { isMap, isSeq, parseAllDocuments, parseDocument, stringify, type Node } from 'yaml';
import { applyTextEdits, LineIndex } from '../text';
import type { Fix, HostFileSystem, TextEdit } from '../types';

/** Lists kustomize merges by `name` (so a patch lists only the changed element). */
const NAME_KEYED = new Set(['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'volumeMounts', 'env', 'imagePullSecrets']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What turns `before` into `after` as a strategic-merge patch (null deletes a key); undefined when equal. */
export function strategicDiff(before: Json | undefined, after: Json, key?: string): Json | undefined {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  if (isObject(before) && isObject(after)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(after)) {
      const d = strategicDiff(before[k], v, k);
      if (d !== undefined) out[k] = d;
    }
    for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
    return Object.keys(out).length > 0 ? out : undefined;
  }
  const named = (list: Json[]) => list.every((item) => isObject(item) && typeof item.name === 'string');
  if (key && NAME_KEYED.has(key) && Array.isArray(before) && Array.isArray(after) && named(before) && named(after)) {
    const out: Json[] = [];
    for (const item of after as Array<Record<string, Json>>) {
      const old = (before as Array<Record<string, Json>>).find((b) => b.name === item.name);
      const d = old ? strategicDiff(old, item) : item;
      if (d !== undefined) out.push({ name: item.name, ...(d as Record<string, Json>) });
    }
    for (const old of before as Array<Record<string, Json>>) {
      if (!(after as Array<Record<string, Json>>).some((a) => a.name === old.name)) out.push({ name: old.name, $patch: 'delete' });
    }
    return out.length > 0 ? out : undefined;
  }
  return after;
}

/**
 * The base fix `fix` (edits of `file`) as a fix of the overlay `kustomization` alone: a patch entry of the
 * object the finding at `line` is in. Undefined when the change cannot be said as such a patch.
 */
export function overlayFix(fs: HostFileSystem, file: string, line: number, fix: Fix, kustomization: string, overlayName: string): Fix | undefined {
  if (fix.suppression || fix.createFiles?.length || fix.edits.length === 0) return undefined;
  const text = fs.readFile(file);
  const kustomizationText = fs.readFile(kustomization);
  if (text === undefined || kustomizationText === undefined) return undefined;
  const offset = new LineIndex(text).offsetAt({ line, character: 0 });
  const before = parseAllDocuments(text);
  const after = parseAllDocuments(applyTextEdits(text, fix.edits));
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return undefined;
  const index = before.findIndex((doc) => doc.range[0] <= offset && offset < Math.max(doc.range[2], doc.range[0] + 1));
  if (index === -1 || after[index].errors.length > 0) return undefined;
  const original = before[index].toJS() as Json;
  const fixed = after[index].toJS() as Json;
  if (!isObject(original) || !isObject(fixed) || !isObject(original.metadata) || typeof original.metadata.name !== 'string') return undefined;
  const diff = strategicDiff(original, fixed);
  if (!isObject(diff)) return undefined;
  const { metadata: metadataDiff, ...rest } = diff;
  if ('apiVersion' in rest || 'kind' in rest || (isObject(metadataDiff) && ('name' in metadataDiff || 'namespace' in metadataDiff))) return undefined;
  const metadata: Record<string, Json> = { name: original.metadata.name };
  if (typeof original.metadata.namespace === 'string') metadata.namespace = original.metadata.namespace;
  const patch = { apiVersion: original.apiVersion, kind: original.kind, metadata: { ...metadata, ...(isObject(metadataDiff) ? metadataDiff : {}) }, ...rest };
  const edit = addPatchEntry(kustomizationText, stringify(patch, { lineWidth: 0 }));
  if (!edit) return undefined;
  return {
    title: `${fix.title} in ${overlayName} only (a patch in its kustomization)`,
    kind: fix.kind,
    isPreferred: fix.isPreferred,
    edits: [],
    otherFiles: [{ path: kustomization, edits: [edit] }],
  };
}

/** A text edit adding `- patch: |-` with `patchText` to the kustomization's `patches:` (created when absent). */
export function addPatchEntry(text: string, patchText: string): TextEdit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = (indent: string) =>
    `${indent}- patch: |-${eol}${patchText
      .trimEnd()
      .split('\n')
      .map((l) => `${indent}    ${l}`)
      .join(eol)}${eol}`;
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'patches') : undefined;
  if (!pair) {
    const at = text.length;
    const prefix = text.length > 0 && !text.endsWith('\n') ? eol : '';
    return { range: { start: lines.positionAt(at), end: lines.positionAt(at) }, newText: `${prefix}patches:${eol}${entry('')}` };
  }
  const value = pair.value as Node | null;
  if (!isSeq(value) || value.flow || !value.range || value.items.length === 0) return undefined;
  const column = lines.positionAt(value.range[0]).character;
  // After the line the list ends on.
  const lastEnd = (value.items[value.items.length - 1] as Node).range?.[1] ?? value.range[1];
  const newline = text.indexOf('\n', Math.max(lastEnd - 1, 0));
  const at = newline === -1 ? text.length : newline + 1;
  const prefix = newline === -1 ? eol : '';
  return { range: { start: lines.positionAt(at), end: lines.positionAt(at) }, newText: `${prefix}${entry(' '.repeat(column))}` };
}
