// YAML text -> the values Helm's templates see (sigs.k8s.io/yaml: YAML 1.1 read by yaml.v2, then JSON, so
// numbers are float64 and keys are strings), with where each key and value is written.
import { LineCounter, Parser, Composer, isMap, isScalar, isSeq, isAlias, Scalar } from 'yaml';
import type { Node as YamlNode, Document } from 'yaml';
import { valueOrigins } from './template/exec';
import type { SourceRange } from './template/sourcemap';

export interface ParsedValues {
  value: unknown;
  /** The first YAML error, if the text does not parse. */
  error?: { message: string; offset: number };
}

const MAX_ALIAS_EXPANSION = 10000;

/** Parses whose every node reads as written: no anchor, alias, tag or merge key (an edit can be applied to them). */
const plainParses = new WeakSet<ParsedValues>();

export function isPlainParse(parsed: ParsedValues): boolean {
  return plainParses.has(parsed);
}

/** Records that `parsed` (derived from a plain parse by a scalar edit) is plain too. */
export function markPlainParse(parsed: ParsedValues): ParsedValues {
  plainParses.add(parsed);
  return parsed;
}

/** Parses a values file; maps and lists carry the origins of their entries (see `valueOrigins`). */
export function parseValuesYaml(text: string, file: string): ParsedValues {
  const docs: Document.Parsed[] = [];
  const composer = new Composer({ version: '1.1', uniqueKeys: false });
  for (const doc of composer.compose(new Parser(new LineCounter().addNewLine).parse(text), true)) docs.push(doc);
  const doc = docs[0];
  if (!doc) return { value: {} };
  const error = doc.errors[0];
  if (error) return { value: undefined, error: { message: error.message, offset: error.pos[0] } };
  let budget = MAX_ALIAS_EXPANSION;
  let plain = true;
  const convert = (node: unknown): unknown => {
    if (--budget < 0) throw new Error('too many alias expansions');
    if (isAlias(node)) {
      plain = false;
      return convert(node.resolve(doc));
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && (node.anchor !== undefined || node.tag !== undefined)) plain = false;
    if (isScalar(node)) return scalarValue(node);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const origins = new Map<string, { key?: SourceRange; value: SourceRange }>();
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
          plain = false;
          // YAML merge key: entries of the aliased map(s) that the map does not set itself.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) {
            const merged = convert(source);
            if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
              for (const [k, v] of Object.entries(merged)) if (!(k in out)) out[k] = v;
            }
          }
          continue;
        }
        const key = keyString(isScalar(pair.key) || isAlias(pair.key) ? convert(pair.key) : null);
        out[key] = pair.value === null ? null : convert(pair.value);
        origins.set(key, {
          key: rangeOf(pair.key as YamlNode, file, 'key'),
          value: rangeOf((pair.value ?? pair.key) as YamlNode, file, 'value') ?? { kind: 'value', file, start: 0, end: 0 },
        });
      }
      valueOrigins.set(out, origins);
      return out;
    }
    if (isSeq(node)) {
      const out = node.items.map(convert);
      const origins = new Map<string, { value: SourceRange }>();
      node.items.forEach((item, i) => {
        const range = rangeOf(item as YamlNode, file, 'value');
        if (range) origins.set(String(i), { value: range });
      });
      valueOrigins.set(out, origins);
      return out;
    }
    return null;
  };
  try {
    const value = convert(doc.contents);
    return plain ? markPlainParse({ value }) : { value };
  } catch (e) {
    return { value: undefined, error: { message: (e as Error).message, offset: 0 } };
  }
}

function rangeOf(node: YamlNode | null | undefined, file: string, kind: 'key' | 'value'): SourceRange | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { kind, file, start: range[0], end: range[1] };
}

function scalarValue(node: Scalar): unknown {
  const v = node.value;
  // yaml.v2 hands timestamps to interface{} as their text.
  if (v instanceof Date) return node.source ?? v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (v instanceof Uint8Array) return node.source;
  return v === undefined ? null : String(v);
}

/** JSON turns every map key into a string: true -> "true", 1 -> "1". */
function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number') return String(k);
  return String(k);
}
