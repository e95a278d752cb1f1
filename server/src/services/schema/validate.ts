// Validates one Kubernetes YAML document against the shipped schema, walking the `yaml` AST directly.
//
// The Kubernetes schema uses a handful of JSON Schema keywords: `$ref` (local), `type`, `properties`,
// `additionalProperties` (false, or a schema for maps), `required`, `items`, `enum`, and `oneOf` of plain types
// (IntOrString, Quantity); of `format` and the `x-kubernetes-*` extensions, only list-map keys (no two items of such
// a list may share their key) carry a constraint we check. Beyond the schema: values the API server refuses
// (apiValidation.ts), and YAML 1.1 booleans written plain, which kubectl's decoder reads otherwise than we do.
// Implementing exactly those costs microseconds per document, where yaml-language-server's generic validator took milliseconds per
// keystroke (it re-parses the text and converts it to its own AST first). Messages, ranges and severity follow
// yaml-language-server's, which Harden used before: `Property x is not allowed.` on the key, `Incorrect type.
// Expected "integer".` on the value, `Missing property "name".` at the start of the object; null values
// (`key:` or `key: ~`, "unset" in Kubernetes) are accepted anywhere, as it does.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';

/** How a required field's absence is said: a patch is partial, and hosts drop these for patch files. */
const MISSING_PROPERTY = 'Missing property';

export function isMissingPropertyMessage(message: string): boolean {
  return message.startsWith(MISSING_PROPERTY);
}
import { isTemplated, nestingTooDeep, parseSegment, yaml11Boolean } from '../../engine';
import { FIELD_CHECKS } from './apiValidation';

type Json = Record<string, unknown>;

export interface SchemaProblem {
  /** Offsets in the document text. */
  start: number;
  end: number;
  message: string;
}

const MAX_DEPTH = 100;

export class KindValidator {
  private inStatus = false;

  constructor(
    private readonly root: Json,
    private readonly definitions: Record<string, Json>,
  ) {}

  /** Problems of a document's text; none when it does not parse (syntax errors are reported elsewhere). */
  validateText(text: string): SchemaProblem[] {
    // Pathological nesting is refused before parsing, as the engine does (harden/parse-error reports it).
    if (nestingTooDeep(text)) return [];
    const doc = parseSegment(text); // the engine's parse: usually the one linting just made
    return doc.errors.length > 0 ? [] : this.validate(doc);
  }

  validate(doc: Document.Parsed): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    if (doc.contents) this.check(doc.contents, this.root, problems, 0);
    return problems.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** The schema a `$ref` points to, and the short name of the definition (`ObjectMeta`), which messages use. */
  private resolve(schema: Json): { schema: Json; name?: string; id?: string } {
    let id: string | undefined;
    for (let i = 0; i < 32 && typeof schema.$ref === 'string'; i++) {
      const definition = schema.$ref.replace(/^#\/(?:definitions|\$defs)\//, '');
      const target = this.definitions[definition];
      if (!target) return { schema: {} };
      id = definition;
      schema = target;
    }
    return { schema, name: id?.slice(id.lastIndexOf('.') + 1), id };
  }

  private check(node: Node, schemaIn: Json, problems: SchemaProblem[], depth: number, key?: Node): void {
    if (depth > MAX_DEPTH) return;
    // An alias's value is validated where its anchor is defined.
    if (isAlias(node)) return;
    const actual = typeOf(node);
    // null is "unset" to the API server (`kubectl create --dry-run -o yaml` writes `creationTimestamp: null`).
    if (actual === 'null') return;
    // `port: ${PORT}`: a substitution made before the manifest is applied; its value is unknown here.
    if (isScalar(node) && typeof node.value === 'string' && isTemplated(node.value)) return;
    const { schema, name, id } = this.resolve(schemaIn);
    const expected = expectedTypes(schema, (s) => this.resolve(s).schema);
    const oldBoolean = yaml11Boolean(node);
    if (oldBoolean !== undefined && expected?.includes('boolean')) {
      const text = String((node as Scalar).value);
      problems.push({
        ...rangeOf(node),
        message: `kubectl reads ${text} as ${oldBoolean} (YAML 1.1), but YAML 1.2 tools such as kustomize read the string "${text}", which the API refuses here: write ${oldBoolean}.`,
      });
      return;
    }
    if (oldBoolean !== undefined && expected?.includes('string')) {
      const text = String((node as Scalar).value);
      problems.push({
        ...rangeOf(node),
        message: `kubectl apply -f reads ${text} as the boolean ${oldBoolean} (YAML 1.1), which the API refuses for this string: quote it ("${text}").`,
      });
      return;
    }
    if (expected && !expected.some((type) => matchesType(type, actual))) {
      // Like yaml-language-server: a named definition by its name, a union of plain types joined by `|`.
      const what = name && typeof schema.type === 'string' ? name : expected.join(' | ');
      problems.push({ ...rangeOf(node), message: `Incorrect type. Expected "${what}".` });
      return;
    }
    if (Array.isArray(schema.enum) && isScalar(node) && !schema.enum.some((value) => value === node.value)) {
      const values = schema.enum.map((value) => JSON.stringify(value)).join(', ');
      problems.push({ ...rangeOf(node), message: `Value is not accepted. Valid values: ${values}.` });
    }
    if (isMap(node)) {
      this.checkMap(node, schema, problems, depth, key);
      const checks = id ? FIELD_CHECKS[id] : undefined;
      if (checks) refusedValues(node, checks, problems);
    } else if (isSeq(node) && schema.items && typeof schema.items === 'object') {
      for (const item of node.items) if (item) this.check(item as Node, schema.items as Json, problems, depth + 1);
      const mapKeys = schema['x-kubernetes-list-type'] === 'map' ? schema['x-kubernetes-list-map-keys'] : undefined;
      if (Array.isArray(mapKeys) && mapKeys.length > 0 && !this.inStatus) duplicateEntries(node.items, mapKeys as string[], problems);
    }
  }

  /** `key`: the key this map is the value of; a missing property is reported there, else at the map's start. */
  private checkMap(node: Node & { items: Array<{ key: unknown; value: unknown }> }, schema: Json, problems: SchemaProblem[], depth: number, key?: Node): void {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const additional = schema.additionalProperties;
    const present = new Set<string>();
    for (const pair of node.items) {
      const pairKey = pair.key as Node | null;
      const name = isScalar(pairKey) ? String(pairKey.value) : undefined;
      if (name === undefined) continue;
      present.add(name);
      const value = pair.value as Node | null;
      const propertySchema = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (propertySchema) {
        // A live object's `status` is the controllers' to write (dumps and test data carry it): its lists are not checked for duplicates.
        const status = depth === 0 && name === 'status';
        if (status) this.inStatus = true;
        if (value) this.check(value, propertySchema, problems, depth + 1, pairKey!);
        if (status) this.inStatus = false;
      } else if (additional === false) {
        problems.push({ ...rangeOf(pairKey!), message: `Property ${name} is not allowed.` });
      } else if (additional && typeof additional === 'object' && value) {
        this.check(value, additional as Json, problems, depth + 1, pairKey!);
      }
    }
    if (Array.isArray(schema.required)) {
      const start = node.range?.[0] ?? 0;
      const at = key ? rangeOf(key) : { start, end: start + 1 };
      for (const name of schema.required) {
        if (typeof name !== 'string' || present.has(name)) continue;
        // The API server fills in a CRD field's default before it validates: a required field with one may be left out.
        if (Object.hasOwn(properties, name) && properties[name].default !== undefined) continue;
        problems.push({ ...at, message: `${MISSING_PROPERTY} "${name}".` });
      }
    }
  }
}

/** Values of the map's fields that the API server refuses (FIELD_CHECKS), on the value. */
function refusedValues(node: YAMLMap, checks: Readonly<Record<string, (value: unknown) => string | undefined>>, problems: SchemaProblem[]): void {
  for (const pair of node.items) {
    const check = isScalar(pair.key) ? checks[String(pair.key.value)] : undefined;
    if (!check || !isScalar(pair.value) || pair.value.value === null) continue;
    if (typeof pair.value.value === 'string' && isTemplated(pair.value.value)) continue;
    const message = check(kubectlValue(pair.value));
    if (message) problems.push({ ...rangeOf(pair.value), message });
  }
}

/** A scalar as kubectl decodes it: YAML 1.1 reads a plain `0644` as octal (420) where YAML 1.2 reads 644. */
function kubectlValue(node: Scalar): unknown {
  return node.type === 'PLAIN' && typeof node.source === 'string' && /^0[0-7]+$/.test(node.source) ? parseInt(node.source, 8) : node.value;
}

/** A key field the API server fills in when absent (ContainerPort and ServicePort `protocol`), as it compares them. */
const KEY_DEFAULTS: Record<string, string> = { protocol: 'TCP' };

/**
 * Items of a list the API keys by some fields (`x-kubernetes-list-type: map`: containers and env by `name`, volume
 * mounts by `mountPath`, ports by `containerPort` + `protocol`) that repeat another item's key. The API server refuses
 * repeated containers, volumes and mount paths, server-side apply refuses any (`duplicate entries for key`), and a
 * strategic merge patch (`kubectl apply`) merges them into one. Items whose key cannot be read are left alone.
 */
function duplicateEntries(items: unknown[], keys: readonly string[], problems: SchemaProblem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    // A strategic-merge patch's directives (`$patch: delete`) name an item again on purpose.
    if (!isMap(item) || item.items.some((pair) => isScalar(pair.key) && String(pair.key.value).startsWith('$'))) continue;
    const values: string[] = [];
    let at: Node | undefined;
    for (const key of keys) {
      const value = item.get(key, true) as Node | undefined;
      if (value === undefined && KEY_DEFAULTS[key] !== undefined) {
        values.push(KEY_DEFAULTS[key]);
        continue;
      }
      if (!isScalar(value) || value.value === null || typeof value.value === 'object') return; // unknown: say nothing
      values.push(String(value.value));
      at ??= value;
    }
    if (!at) continue;
    const id = JSON.stringify(values);
    if (!seen.has(id)) {
      seen.add(id);
      continue;
    }
    const what = keys.map((key, i) => `${key}=${JSON.stringify(values[i])}`).join(', ');
    problems.push({
      ...rangeOf(at),
      message: `Duplicate entry: an earlier item of this list has ${what}. The API keys this list by ${keys.join(' and ')}: server-side apply refuses the object, and a merge patch keeps one of them.`,
    });
  }
}

type ActualType = 'null' | 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'other';

function typeOf(node: Node): ActualType {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return 'other';
  const value = node.value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isInteger(Number(value)) ? 'integer' : 'number';
  return 'other';
}

function matchesType(expected: string, actual: ActualType): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer') || actual === 'other';
}

/** The types a schema allows (`type`, or a `oneOf` of typed schemas); undefined when it does not say. */
function expectedTypes(schema: Json, resolve: (schema: Json) => Json): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  if (Array.isArray(schema.oneOf)) {
    const types = schema.oneOf.map((branch) => resolve(branch as Json).type);
    if (types.every((t): t is string => typeof t === 'string')) return types;
  }
  return undefined;
}

/** The node's value, without a trailing comment or line break. */
function rangeOf(node: Node): { start: number; end: number } {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return { start, end: valueEnd };
}
