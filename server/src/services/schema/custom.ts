// Schemas for custom resources: every CustomResourceDefinition of the workspace gives the `openAPIV3Schema` of
// each of its versions to validation, hover and completion of objects of that `group/version/Kind`. Fed by the
// host with the text of workspace files (the scan, file events, open documents); nothing is downloaded.
import { isMap, parseAllDocuments } from 'yaml';

type Json = Record<string, unknown>;

/** The CRD schemas of one file, as plain data (sent to the CLI's worker threads). */
export interface CustomResourceFile {
  path: string;
  /** `group/version/Kind` -> closed schema. */
  schemas: Array<[string, Json]>;
}

/**
 * Where a schema comes from, kept in the schema itself (an `x-` keyword, which validators ignore) so that it goes
 * wherever the schemas go (the CLI's worker threads): messages name the CRD behind a finding.
 */
const SOURCE = 'x-harden-source';
interface CrdSource {
  /** The CRD's `metadata.name` (`widgets.example.com`). */
  crd: string;
  /** 1-based line where its document starts. */
  line: number;
}

/** Cheap test before parsing: most YAML files define no CRD. */
const DEFINES_CRD = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?\r?$/m;

/** True when the text may define a CustomResourceDefinition (a cheap test; `crdSchemas` says for sure). */
export function mayDefineCrd(text: string): boolean {
  return DEFINES_CRD.test(text);
}

/**
 * True when the text may define a CRD of one of these API groups (a cheap test). Vendored CRDs run to megabytes
 * (argo-workflows' three largest: 8.4 MB), and most runs lint no custom resource of theirs: those are not parsed.
 */
export function mayDefineCrdOf(text: string, groups: ReadonlySet<string>): boolean {
  return mayDefineCrd(text) && [...crdGroups(text)].some((group) => groups.has(group));
}

/** Every `group:` value of the text: a superset of the API groups its CRDs define (a cheap scan, no parse). */
function crdGroups(text: string): Set<string> {
  return new Set([...text.matchAll(/^[ \t]*group:[ \t]*["']?([\w.-]+)["']?[ \t]*(?:#.*)?\r?$/gm)].map((match) => match[1]));
}

/** A CRD file recorded but not parsed yet: nothing asked for a schema of its groups. */
interface PendingFile {
  groups: Set<string>;
  text: string;
}

export class CustomResourceSchemas {
  /** file -> (`group/version/Kind` -> schema). */
  private readonly byFile = new Map<string, Map<string, Json>>();
  /**
   * Files given by text are parsed when a schema of one of their groups is first asked for: vendored CRDs run to
   * megabytes (argo-workflows' three largest: 2.5 s to parse, 24 MB of schemas), and most workspaces never open a
   * custom resource of theirs.
   */
  private readonly pending = new Map<string, PendingFile>();
  /** The text each file was last given with (unchanged text: nothing to do). */
  private readonly texts = new Map<string, string>();
  /** Bumped on every change: caches of validators and language-service associations compare it. */
  generation = 0;

  /** Records the CRDs of a file (none: `text` undefined or without CRDs). Returns whether anything changed. */
  setFile(path: string, text: string | undefined): boolean {
    const defines = text !== undefined && DEFINES_CRD.test(text);
    if (defines && this.texts.get(path) === text) return false;
    const wasPending = this.pending.delete(path);
    this.texts.delete(path);
    const dropped = this.setSchemas(path, new Map<string, Json>());
    if (!defines) {
      if (wasPending && !dropped) this.generation++;
      return wasPending || dropped;
    }
    this.texts.set(path, text);
    this.pending.set(path, { groups: crdGroups(text), text });
    if (!dropped) this.generation++;
    return true;
  }

  /** Parses the pending files that may define CRDs of `group`. */
  private resolve(group: string): void {
    for (const [path, file] of this.pending) {
      if (!file.groups.has(group)) continue;
      this.pending.delete(path);
      let schemas: Map<string, Json>;
      try {
        schemas = crdSchemas(file.text);
      } catch {
        continue; // an alias bomb: no schemas
      }
      // What the caches built so far did not see: they start over.
      if (schemas.size > 0) this.setSchemas(path, schemas);
    }
  }

  /** Records already parsed CRD schemas of a file (none: empty). Returns whether anything changed. */
  setSchemas(path: string, schemas: Map<string, Json>): boolean {
    const before = this.byFile.get(path);
    if (schemas.size === 0 && !before) return false;
    if (before && sameSchemas(before, schemas)) return false;
    if (schemas.size === 0) this.byFile.delete(path);
    else this.byFile.set(path, schemas);
    this.generation++;
    return true;
  }

  has(key: string): boolean {
    return this.schema(key) !== undefined;
  }

  /** The schema of `group/version/Kind`; when two files define it, the first path in sort order wins. */
  schema(key: string): Json | undefined {
    return this.defining(key)?.schema;
  }

  /** The CRD that gives the schema of `group/version/Kind`: its name, and its file (as recorded) and line. */
  source(key: string): (CrdSource & { path: string }) | undefined {
    const found = this.defining(key);
    const source = found?.schema[SOURCE];
    return found && isObject(source) ? { ...(source as unknown as CrdSource), path: found.path } : undefined;
  }

  private defining(key: string): { path: string; schema: Json } | undefined {
    if (this.pending.size > 0) this.resolve(key.slice(0, key.indexOf('/')));
    for (const path of [...this.byFile.keys()].sort()) {
      const schema = this.byFile.get(path)!.get(key);
      if (schema) return { path, schema };
    }
    return undefined;
  }

  /** The files that define CRDs (every one, or those whose path starts with `prefix`), parsed or not. */
  paths(prefix = ''): string[] {
    return [...new Set([...this.byFile.keys(), ...this.pending.keys()])].filter((path) => path.startsWith(prefix));
  }

  /** The `group/version/Kind`s of the files parsed so far (`has` and `schema` parse what they need). */
  keys(): string[] {
    return [...new Set([...this.byFile.values()].flatMap((m) => [...m.keys()]))].sort();
  }
}

function sameSchemas(a: Map<string, Json>, b: Map<string, Json>): boolean {
  return a.size === b.size && [...a].every(([key, schema]) => JSON.stringify(b.get(key)) === JSON.stringify(schema));
}

/** `group/version/Kind` -> closed schema, for every CRD document of the text (apiextensions v1 and v1beta1). */
export function crdSchemas(text: string): Map<string, Json> {
  const out = new Map<string, Json>();
  const lines = { offset: 0, line: 1 };
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc) || !isMap(doc.contents) || doc.errors.length > 0) continue;
    const crd = doc.toJS({ maxAliasCount: 100 }) as Json;
    const source: CrdSource = { crd: isObject(crd?.metadata) ? String(crd.metadata.name ?? '') : '', line: lineAt(text, doc.contents.range[0], lines) };
    if (crd?.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) continue;
    const spec = crd.spec;
    const group = typeof spec.group === 'string' ? spec.group : undefined;
    const kind = isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : undefined;
    if (!group || !kind) continue;
    const shared = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined; // v1beta1
    const versions = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
    for (const version of versions) {
      if (!isObject(version) || typeof version.name !== 'string') continue;
      const schema = (isObject(version.schema) ? version.schema.openAPIV3Schema : undefined) ?? shared;
      if (isObject(schema))
        out.set(`${group}/${version.name}/${kind}`, { ...closeStructuralSchema(rootWithTypeMeta(schema, `${group}/${version.name}`, kind)), [SOURCE]: source });
    }
  }
  return out;
}

/** 1-based line of `offset`, counting on from the last one asked (`at`: offsets only grow, as documents do). */
function lineAt(text: string, offset: number, at: { offset: number; line: number }): number {
  for (let i = text.indexOf('\n', at.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) at.line++;
  at.offset = offset;
  return at.line;
}

/** `apiVersion`, `kind` and `metadata` are accepted on every object, whether the CRD's schema lists them or not. */
function rootWithTypeMeta(schema: Json, apiVersion: string, kind: string): Json {
  const properties = isObject(schema.properties) ? schema.properties : {};
  return {
    ...schema,
    type: schema.type ?? 'object',
    properties: {
      apiVersion: { type: 'string', enum: [apiVersion], description: `APIVersion of this ${kind}.` },
      kind: { type: 'string', enum: [kind] },
      metadata: { type: 'object', description: 'Standard object metadata (name, namespace, labels, annotations, ...).' },
      ...properties,
    },
  };
}

/**
 * The API server prunes, and `kubectl apply` (strict field validation) rejects, fields a structural schema does
 * not declare, unless `x-kubernetes-preserve-unknown-fields` keeps them: such objects are closed
 * (`additionalProperties: false`) so that a misspelt field is reported.
 */
export function closeStructuralSchema(schema: Json, depth = 0): Json {
  if (depth > 64) return schema;
  const out: Json = { ...schema };
  if (isObject(schema.properties)) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, isObject(v) ? closeStructuralSchema(v, depth + 1) : v]));
    if (schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  }
  if (isObject(schema.items)) out.items = closeStructuralSchema(schema.items, depth + 1);
  if (isObject(schema.additionalProperties)) out.additionalProperties = closeStructuralSchema(schema.additionalProperties, depth + 1);
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
