// configMapGenerator / secretGenerator: literals, files and env files become a ConfigMap or Secret whose
// name later gets kustomize's content hash (unless disabled), attributed to the generator's entry.
import type { HostFileSystem } from '../types';
import { field, isRemoteFile, stringMapField, type BuildProblem } from './model';
import { basenameOf, isInside, joinPath } from './paths';
import { madeBeforeBuild } from './gitignore';
import type { Resource } from './resource';
import { get, getString, isKMap, isKScalar, isKSeq, kmap, kscalar, setKey, type KMap, type KNode, type Origin } from './tree';

export interface GeneratorInput {
  kind: 'ConfigMap' | 'Secret';
  spec: KMap;
  /** The kustomization's `generatorOptions`. */
  options: KNode | undefined;
  dir: string;
  fs: HostFileSystem;
  file: string;
  report(problem: Omit<BuildProblem, 'file'> & { file?: string }): void;
  readFile(path: string): string | undefined;
  /** The `.gitignore` (relative to `dir`) that ignores a missing input (absolute), or undefined. */
  ignoredBy?(path: string): string | undefined;
}

function strings(node: KNode | undefined): Array<{ value: string; origin?: Origin }> {
  return isKSeq(node) ? node.items.filter(isKScalar).map((i) => ({ value: String(i.value ?? ''), origin: i.origin })) : [];
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) return value.slice(1, -1);
  return value;
}

/** Key/value pairs of an env file: `KEY=value` lines; comments and blank lines skipped. */
export function parseEnvFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    // A bare name is read from kustomize's own environment; never here: it is empty, as on a clean machine.
    if (at === -1) out.push([line.trim(), '']);
    else out.push([line.slice(0, at), line.slice(at + 1)]);
  }
  return out;
}

export function generate(input: GeneratorInput): Resource | undefined {
  const { spec } = input;
  const origin = spec.origin ?? { file: input.file, start: 0, end: 0 };
  const name = getString(spec, 'name');
  if (!name) {
    input.report({
      start: origin.start,
      end: origin.end,
      message: `${input.kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'} entry has no name`,
      severity: 'error',
    });
    return undefined;
  }
  const data = kmap([], origin);
  const add = (key: string, value: string, at: Origin | undefined) =>
    setKey(data, key, kscalar(input.kind === 'Secret' ? secretValue(value) : value, at ?? origin), at ?? origin);
  for (const literal of strings(field(spec, 'literals'))) {
    const at = literal.value.indexOf('=');
    if (at === -1) {
      input.report({
        start: literal.origin?.start ?? origin.start,
        end: literal.origin?.end ?? origin.end,
        message: `literal "${literal.value}" is not KEY=VALUE`,
        severity: 'error',
      });
      continue;
    }
    add(literal.value.slice(0, at), unquote(literal.value.slice(at + 1)), literal.origin);
  }
  for (const entry of strings(field(spec, 'files'))) {
    const at = entry.value.indexOf('=');
    const key = at === -1 ? basenameOf(entry.value) : entry.value.slice(0, at);
    const written = at === -1 ? entry.value : entry.value.slice(at + 1);
    const text = readInside(input, written, 'file', name, entry.origin ?? origin);
    if (text !== undefined) add(key, text, entry.origin);
  }
  const envs = [...strings(field(spec, 'envs')), ...strings(isKScalar(field(spec, 'env')) ? { type: 'seq', items: [field(spec, 'env')!] } : undefined)];
  for (const entry of envs) {
    const text = readInside(input, entry.value, 'env file', name, entry.origin ?? origin);
    if (text !== undefined) for (const [key, value] of parseEnvFile(text)) add(key, value, entry.origin);
  }
  const root = kmap([], origin);
  setKey(root, 'apiVersion', kscalar('v1', origin));
  setKey(root, 'kind', kscalar(input.kind, origin));
  const metadata = kmap([], origin);
  setKey(metadata, 'name', kscalar(name, get(spec, 'name')?.origin ?? origin));
  const namespace = getString(spec, 'namespace');
  if (namespace) setKey(metadata, 'namespace', kscalar(namespace, get(spec, 'namespace')?.origin));
  const options = [input.options, field(spec, 'options')];
  for (const key of ['labels', 'annotations'] as const) {
    const pairs = options.flatMap((o) => (isKMap(o) ? stringMapField(field(o, key)) : []));
    if (pairs.length === 0) continue;
    const map = kmap([], origin);
    for (const p of pairs) setKey(map, p.key, kscalar(p.value, p.origin), p.origin);
    setKey(metadata, key, map);
  }
  setKey(root, 'metadata', metadata);
  if (input.kind === 'Secret') setKey(root, 'type', kscalar(getString(spec, 'type') ?? 'Opaque', get(spec, 'type')?.origin ?? origin));
  // kustomize gives a Secret its `data` even when empty (`data: {}`); an empty ConfigMap has none.
  if (data.items.length > 0 || input.kind === 'Secret') setKey(root, 'data', data);
  const option = (key: string) =>
    options
      .map((o) => (isKMap(o) ? get(o, key) : undefined))
      .reverse()
      .find((v) => isKScalar(v) && v.value !== null);
  const immutable = option('immutable');
  if (isKScalar(immutable) && immutable.value === true) setKey(root, 'immutable', kscalar(true, immutable.origin));
  const disableHash = option('disableNameSuffixHash');
  return {
    root,
    previous: [],
    file: input.file,
    hashSuffix: !(isKScalar(disableHash) && disableHash.value === true),
    behavior: behaviorOf(getString(spec, 'behavior')),
  };
}

/** kustomize's NewGenerationBehavior: anything but `replace` or `merge` (unset, `create`, a typo) creates. */
function behaviorOf(written: string | undefined): 'create' | 'replace' | 'merge' {
  return written === 'replace' || written === 'merge' ? written : 'create';
}

/**
 * A generator's input, `written` as in the kustomization. kustomize fetches an http(s) address (not here: an info,
 * the object is made without it), and refuses a file outside the kustomization's folder; a missing file that Git
 * ignores is made before the build (`make params.env && kustomize build`): an info, not an error.
 */
function readInside(input: GeneratorInput, written: string, what: string, name: string, origin: Origin): string | undefined {
  const at = { start: origin.start, end: origin.end };
  const made = `${input.kind} "${name}" is made without it`;
  if (isRemoteFile(written)) {
    input.report({ ...at, message: `remote ${what} "${written}" is not fetched; ${made}.`, severity: 'info' });
    return undefined;
  }
  const path = joinPath(input.dir, written);
  if (!isInside(path, input.dir)) {
    input.report({ ...at, message: `${what} "${written}" is outside the kustomization's folder (kustomize refuses it)`, severity: 'error' });
    return undefined;
  }
  const text = input.readFile(path);
  if (text !== undefined) return text;
  const ignoredBy = input.ignoredBy?.(path);
  if (ignoredBy) input.report({ ...at, message: madeBeforeBuild(`${what} "${written}"`, ignoredBy, made), severity: 'info' });
  else input.report({ ...at, message: `${what} "${written}" not found`, severity: 'error' });
  return undefined;
}

/** kyaml's encodeBase64: 70-column lines, each ending in a newline, once the encoding reaches 70 characters. */
function secretValue(text: string): string {
  const encoded = base64(text);
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}
