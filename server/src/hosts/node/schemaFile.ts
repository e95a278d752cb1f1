// Finds and reads the shipped Kubernetes schemas (schemas/kubernetes-<minor>.json) for the schema service,
// which gets only their text.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_MINORS, SchemaData, schemaFileName, schemaMinorFor } from '../../services/schema/data';
import { KubernetesSchemaService, type SchemaServiceOptions } from '../../services/schema/service';

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

/**
 * One schema service per shipped Kubernetes minor, made on first use: the editor and the CLI pick the service
 * for a file's `kubernetesVersion` the same way.
 */
export class SchemaServicesByMinor {
  private readonly services = new Map<string, KubernetesSchemaService>();

  constructor(private readonly options: Omit<SchemaServiceOptions, 'load'>) {}

  /** The service of the nearest shipped minor to `kubernetesVersion` (`major.minor`). */
  serviceFor(kubernetesVersion: string): KubernetesSchemaService {
    const minor = schemaMinorFor(kubernetesVersion);
    let service = this.services.get(minor);
    if (!service) {
      service = new KubernetesSchemaService({ ...this.options, load: () => loadSchema(minor) });
      this.services.set(minor, service);
    }
    return service;
  }

  all(): IterableIterator<KubernetesSchemaService> {
    return this.services.values();
  }
}
