// Shared by the kustomize tests: a read-only host file system over a folder, and object normalisation.
import { readFileSync, statSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { HostFileSystem } from '../../server/src/engine';

export function diskFileSystem(): HostFileSystem {
  const isFile = (path: string) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  return {
    exists: (path) => {
      try {
        statSync(path);
        return true;
      } catch {
        return false;
      }
    },
    readFile: (path) => (isFile(path) ? readFileSync(path, 'utf8') : undefined),
  };
}

/** In-memory host file system: absolute path -> text. */
export function memoryFileSystem(files: Record<string, string>): HostFileSystem {
  return {
    exists: (path) => path in files || Object.keys(files).some((f) => f.startsWith(`${path}/`)),
    readFile: (path) => files[path],
  };
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const idOf = (o: unknown) => {
  const obj = o as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
  return `${obj.kind}|${obj.apiVersion}|${obj.metadata?.namespace ?? ''}|${obj.metadata?.name ?? ''}`;
};

/** Objects with keys sorted, in a stable order (by kind, apiVersion, namespace, name). */
export function normaliseObjects(objects: unknown[]): unknown[] {
  return objects.map(sortKeysDeep).sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}

export function parseYamlStream(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((v) => v !== null && v !== undefined);
}
