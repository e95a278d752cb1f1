// Reading a kustomization file: which file it is, its fields, and the problems found while building it.
import type { HostFileSystem } from '../types';
import { dirnameOf, joinPath } from './paths';
import { parseYamlFile } from './parse-cache';
import { isKMap, isKScalar, isKSeq, type KMap, type KNode, type Origin } from './tree';
import { KUSTOMIZATION_FILE_NAMES } from './fileNames';

export { isKustomizationFile, KUSTOMIZATION_FILE_NAMES } from './fileNames';

export type ProblemSeverity = 'error' | 'info';

export interface BuildProblem {
  /** The kustomization file (or patch) the problem is reported on. */
  file: string;
  start: number;
  end: number;
  message: string;
  /** `error`: kustomize itself would fail; `info`: a feature Harden does not run, the rest is built. */
  severity: ProblemSeverity;
  /** A patch whose target is not among the resources: expected of a Component built on its own. */
  missingTarget?: boolean;
}

export interface Kustomization {
  path: string;
  dir: string;
  text: string;
  root: KMap;
  kind: 'Kustomization' | 'Component';
}

/** A string entry of a list field, with where it is written. */
export interface Entry {
  value: string;
  origin: Origin;
}

/** The kustomization file of a folder, if it has one (several is an error, reported by the caller). */
export function kustomizationFileIn(fs: HostFileSystem, dir: string): string[] {
  return KUSTOMIZATION_FILE_NAMES.map((name) => joinPath(dir, name)).filter((path) => fs.readFile(path) !== undefined);
}

/** A kustomization file sits in `dir` or a folder above it (the file is part of a kustomize tree). */
export function inKustomizeTree(fs: HostFileSystem, dir: string): boolean {
  for (let at = dir, i = 0; i < MAX_TREE_DEPTH; i++) {
    if (kustomizationFileIn(fs, at).length > 0) return true;
    const parent = dirnameOf(at);
    if (parent === at) return false;
    at = parent;
  }
  return false;
}

/** Folders looked up by inKustomizeTree: deeper than any repository's layout. */
const MAX_TREE_DEPTH = 64;

export function parseKustomization(path: string, dir: string, text: string): Kustomization | { error: string; start: number; end: number } {
  const documents = parseYamlFile(path, text);
  const first = documents.find((d) => d.node !== undefined || d.error);
  if (!first) return { kind: 'Kustomization', path, dir, text, root: { type: 'map', items: [] } };
  if (first.error) return { error: `YAML syntax error: ${first.error.message}`, start: first.error.start, end: first.error.end };
  const root = first.node;
  if (!isKMap(root)) return { error: 'a kustomization must be a YAML map of fields', start: 0, end: Math.min(1, text.length) };
  const kind = stringField(root, 'kind') === 'Component' ? 'Component' : 'Kustomization';
  return { kind, path, dir, text, root };
}

/** The file is a kustomization of `kind: Component`. */
export function isComponentFile(fs: HostFileSystem, path: string): boolean {
  const text = fs.readFile(path);
  if (text === undefined || !/^kind:\s*["']?Component\b/m.test(text)) return false;
  const parsed = parseKustomization(path, dirnameOf(path), text);
  return 'kind' in parsed && parsed.kind === 'Component';
}

export function field(root: KMap, key: string): KNode | undefined {
  return root.items.find((p) => p.key === key)?.value;
}

export function fieldOrigin(root: KMap, key: string): Origin | undefined {
  const pair = root.items.find((p) => p.key === key);
  return pair?.keyOrigin ?? pair?.value.origin;
}

export function stringField(root: KMap, key: string): string | undefined {
  const value = field(root, key);
  return isKScalar(value) && value.value !== null ? String(value.value) : undefined;
}

/** The string items of a list field (non-strings are skipped; `invalid` is told about them). */
export function entries(root: KMap, key: string, fallback: Origin, invalid?: (origin: Origin) => void): Entry[] {
  const value = field(root, key);
  if (!isKSeq(value)) return [];
  const out: Entry[] = [];
  for (const item of value.items) {
    const origin = item.origin ?? fallback;
    if (isKScalar(item) && item.value !== null) out.push({ value: String(item.value), origin });
    else invalid?.(origin);
  }
  return out;
}

export function mapItems(root: KMap, key: string): KMap[] {
  const value = field(root, key);
  return isKSeq(value) ? value.items.filter(isKMap) : [];
}

/** `{a: b}` string map of a field (commonLabels, annotations, …). */
export function stringMapField(node: KNode | undefined): Array<{ key: string; value: string; origin?: Origin }> {
  if (!isKMap(node)) return [];
  return node.items.map((p) => ({
    key: p.key,
    value: isKScalar(p.value) ? (p.value.value === null ? '' : String(p.value.value)) : '',
    origin: p.keyOrigin ?? p.value.origin,
  }));
}

// Fields that run code or fetch content (never done here) and fields that change the output in ways
// Harden does not reproduce: the build continues without them and says so once, on the line. `addsResources`:
// what is left out may hold objects (a patch that targets nothing may target one of those).
export const NOT_RUN_FIELDS: Record<string, { why: string; addsResources?: true }> = {
  helmCharts: { why: 'Helm charts are not inflated (that would run helm)', addsResources: true },
  helmChartInflationGenerator: { why: 'Helm charts are not inflated (that would run helm)', addsResources: true },
  helmGlobals: { why: 'Helm charts are not inflated (that would run helm)' },
  validators: { why: 'validator plugins are not run' },
  crds: { why: 'CRD transformer configurations are not read' },
  openapi: { why: 'custom OpenAPI schemas are not read' },
};

/** A file kustomize's loader fetches over HTTP (a patch, a generator's input, a configuration): an http(s) address. */
export function isRemoteFile(entry: string): boolean {
  return /^https?:\/\//i.test(entry);
}

/** Remote resources (URLs, git repositories) are never fetched. */
export function isRemote(entry: string): boolean {
  return /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(entry) || /\?ref=|\.git(\/\/|$)/.test(entry);
}
