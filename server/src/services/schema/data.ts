// The shipped Kubernetes schemas (schemas/kubernetes-<minor>.json, built by scripts/build-schema.ts), one per
// supported Kubernetes minor: each read once per server process, on first need, and cut into one
// self-contained schema per kind on first use of that kind. Nothing here ever touches the network.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Kubernetes minors whose schemas ship, oldest first (the last three the schema source has). */
export const SCHEMA_MINORS = ['1.30', '1.31', '1.32'] as const;

export function schemaFileName(minor: string): string {
  return `kubernetes-${minor}.json`;
}

/**
 * The shipped minor for a `kubernetesVersion`: itself when shipped, else the nearest (older targets get the
 * oldest schema, newer ones the newest: fields are added far more often than removed).
 */
export function schemaMinorFor(kubernetesVersion: string): string {
  const minor = Number(/^1\.(\d+)$/.exec(kubernetesVersion)?.[1] ?? NaN);
  const shipped = SCHEMA_MINORS.map((m) => Number(m.split('.')[1]));
  if (Number.isNaN(minor)) return SCHEMA_MINORS[SCHEMA_MINORS.length - 1];
  const nearest = shipped.reduce((best, m) => (Math.abs(m - minor) < Math.abs(best - minor) ? m : best));
  return `1.${nearest}`;
}
/** Scheme of the schema URIs we hand to yaml-language-server; the request service serves only these. */
export const SCHEMA_URI_PREFIX = 'harden-k8s://schemas/';

type Json = Record<string, unknown>;

export interface SchemaBundle {
  /** e.g. `v1.32.2-standalone-strict`. */
  source: string;
  /** `group/version/Kind` (`v1/Service` for the core group) -> definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, Json>;
}

/** `apps/v1` + `Deployment` -> `apps/v1/Deployment`, the key of `SchemaBundle.kinds`. */
export function schemaKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export function schemaUri(key: string): string {
  return `${SCHEMA_URI_PREFIX}${key}.json`;
}

export function keyOfSchemaUri(uri: string): string | undefined {
  if (!uri.startsWith(SCHEMA_URI_PREFIX) || !uri.endsWith('.json')) return undefined;
  return uri.slice(SCHEMA_URI_PREFIX.length, -'.json'.length);
}

/** A minor's schema file beside the bundle (dist/../schemas) or the sources (server/src/services/schema/../../../../schemas). */
export function findSchemaFile(minor: string = SCHEMA_MINORS[SCHEMA_MINORS.length - 1], from = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', schemaFileName(minor));
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export class SchemaData {
  private readonly texts = new Map<string, string>();
  /** How many times the bundle file was read (tests assert: once). */
  static reads = 0;

  constructor(readonly bundle: SchemaBundle) {}

  static load(path = findSchemaFile()): SchemaData {
    if (!path) throw new Error('the Kubernetes schema (schemas/kubernetes-<minor>.json) is missing');
    SchemaData.reads++;
    return new SchemaData(JSON.parse(readFileSync(path, 'utf8')) as SchemaBundle);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.bundle.kinds, key);
  }

  /** The schema of one kind as JSON text: its definition plus the definitions it reaches (local `$ref`s). */
  schemaText(key: string): string | undefined {
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const root = this.bundle.kinds[key];
    if (!root) return undefined;
    const definitions: Record<string, Json> = {};
    const queue = [root];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (definitions[name] || !this.bundle.definitions[name]) continue;
      definitions[name] = this.bundle.definitions[name];
      collectRefs(definitions[name], queue);
    }
    const text = JSON.stringify({ ...this.bundle.definitions[root], definitions });
    this.texts.set(key, text);
    return text;
  }
}

function collectRefs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push(child.slice(child.lastIndexOf('/') + 1));
      else collectRefs(child, out);
    }
  }
}
