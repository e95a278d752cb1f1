// Finds and reads the shipped Kubernetes schema (schemas/kubernetes.json) for the schema service, which gets
// only its text.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SCHEMA_FILE_NAME = 'kubernetes.json';

/** schemas/kubernetes.json beside the bundle (dist/../schemas) or the sources (server/src/hosts/node/../../../../schemas). */
export function findSchemaFile(from = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', SCHEMA_FILE_NAME);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function readSchemaFile(path = findSchemaFile()): string {
  if (!path) throw new Error(`the Kubernetes schema (schemas/${SCHEMA_FILE_NAME}) is missing`);
  return readFileSync(path, 'utf8');
}
