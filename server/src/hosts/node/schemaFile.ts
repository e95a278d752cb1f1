// Finds and reads the shipped Kubernetes schemas (schemas/kubernetes-<minor>.json) for the schema service,
// which gets only their text.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SchemaServicesByMinor as SchemaServicesPerMinor, type SchemaServicesOptions } from '../../services/schema/byMinor';
import { SCHEMA_MINORS, SchemaData, schemaFileName } from '../../services/schema/data';

const NEWEST_MINOR = SCHEMA_MINORS[SCHEMA_MINORS.length - 1];

/** A minor's schema file beside the bundle (dist/../schemas) or the sources (server/src/hosts/node/../../../../schemas). */
export function findSchemaFile(minor: string = NEWEST_MINOR, from = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', schemaFileName(minor));
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function readSchemaFile(minor: string = NEWEST_MINOR): string {
  const path = findSchemaFile(minor);
  if (!path) throw new Error(`the Kubernetes schema (schemas/${schemaFileName(minor)}) is missing`);
  return readFileSync(path, 'utf8');
}

/** The parsed schema of a shipped minor (default: the newest). */
export function loadSchema(minor: string = NEWEST_MINOR): SchemaData {
  return SchemaData.parse(readSchemaFile(minor));
}

/** The schema services of the shipped minors, read from the schema files beside the bundle. */
export class SchemaServicesByMinor extends SchemaServicesPerMinor {
  constructor(options: Omit<SchemaServicesOptions, 'loadMinor'>) {
    super({ ...options, loadMinor: loadSchema });
  }
}
