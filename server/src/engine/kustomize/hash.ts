// Kustomize's content hash for generated ConfigMaps and Secrets (api/hasher/hasher.go): the SHA-256 of
// a Go-style JSON encoding, its first 10 hex digits with 0,1,3,a,e swapped for g,h,k,m,t (no accidental
// words). Kustomize looks the name up as the single field "metadata/name", which never exists, so the
// name it hashes is always "" — reproduced here because the suffixes must be identical.
import { sha256Hex } from '../digests';

// An absent `data` is hashed as the empty string, as kustomize's lookup returns it.
export function configMapHash(data: Record<string, string> | undefined, binaryData: Record<string, string> | undefined): string {
  const encoded: Record<string, unknown> = { data: data ? sortKeys(data) : '', kind: 'ConfigMap', name: '' };
  if (binaryData) encoded.binaryData = sortKeys(binaryData);
  return encode(goJson(encoded));
}

export function secretHash(type: string, data: Record<string, string> | undefined): string {
  return encode(goJson({ data: data ? sortKeys(data) : '', kind: 'Secret', name: '', type }));
}

function sortKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Go's json.Marshal: map keys sorted, and <, >, &, U+2028, U+2029 escaped. */
function goJson(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const SWAP: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

// Every build of every overlay hashes its generated objects again, mostly the same content: remembered.
const MAX_REMEMBERED = 500;
const hashes = new Map<string, string>();

function encode(json: string): string {
  let hash = hashes.get(json);
  if (hash === undefined) {
    hash = sha256Hex(json)
      .slice(0, 10)
      .replace(/[013ae]/g, (c) => SWAP[c]);
    if (json.length <= 10_000) {
      if (hashes.size >= MAX_REMEMBERED) hashes.delete(hashes.keys().next().value!);
      hashes.set(json, hash);
    }
  }
  return hash;
}
