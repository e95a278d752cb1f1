// Docker Compose files as the rules see them: the parsed document and its services. A service's fields are
// its own keys first, then those of the maps it merges in (`<<: *defaults`), as Compose resolves them.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseSegment } from '../yaml/documents';
import { pairOf } from '../yaml/nodes';

export interface ComposeService {
  name: string;
  /** The service's name in `services:`, where findings about the whole service sit. */
  key: Scalar;
  node: YAMLMap;
}

export interface ComposeModel {
  doc: Document.Parsed;
  services: ComposeService[];
}

/** File names Compose reads by default, and the `-f` variants people name after them (`docker-compose.prod.yml`). */
const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[^/\\]+)?\.ya?ml$/i;
/** The default file of a folder (not an override or an environment variant). */
const BASE_COMPOSE_FILE = /^(?:docker-)?compose\.ya?ml$/i;
export const BASE_COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export function isComposeFileName(baseName: string): boolean {
  return COMPOSE_FILE.test(baseName);
}

export function isBaseComposeFileName(baseName: string): boolean {
  return BASE_COMPOSE_FILE.test(baseName);
}

export function parseCompose(text: string): ComposeModel {
  const doc = parseSegment(text);
  const root = doc.contents;
  const services: ComposeService[] = [];
  const servicesNode = isMap(root) ? (pairOf(root, 'services')?.value as Node | null) : undefined;
  if (isMap(servicesNode)) {
    for (const pair of servicesNode.items) {
      if (isScalar(pair.key) && pair.key.range && isMap(pair.value)) services.push({ name: String(pair.key.value), key: pair.key, node: pair.value });
    }
  }
  return { doc, services };
}

/** The pair holding `key` for a service: its own, else the first merged map that has it. */
export function servicePair(model: ComposeModel, service: ComposeService, key: string): Pair<Scalar, unknown> | undefined {
  return (
    pairOf(service.node, key) ??
    mergedMaps(model, service.node)
      .map((m) => pairOf(m, key))
      .find((p) => p !== undefined)
  );
}

export function serviceField(model: ComposeModel, service: ComposeService, key: string): Node | null | undefined {
  return servicePair(model, service, key)?.value as Node | null | undefined;
}

/** Whether the service's own map (not a merged one) holds `key`: fixes only edit the service itself. */
export function ownsField(service: ComposeService, key: string): boolean {
  return pairOf(service.node, key) !== undefined;
}

/** Maps merged into `map` with `<<: *anchor` or `<<: [*a, *b]`, in Compose's order of precedence. */
function mergedMaps(model: ComposeModel, map: YAMLMap): YAMLMap[] {
  const merge = pairOf(map, '<<')?.value as Node | null | undefined;
  if (!merge) return [];
  const sources = isSeq(merge) ? (merge.items as Node[]) : [merge];
  const maps: YAMLMap[] = [];
  for (const source of sources) {
    const resolved = isAlias(source) ? source.resolve(model.doc) : source;
    if (isMap(resolved)) maps.push(resolved);
  }
  return maps;
}

/** A scalar field's value as a string, or undefined when absent, not a scalar, or interpolated (`${VAR}`). */
export function literalField(model: ComposeModel, service: ComposeService, key: string): string | undefined {
  const node = serviceField(model, service, key);
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const value = String(node.value);
  return isInterpolated(value) ? undefined : value;
}

/** Compose replaces `$VAR` and `${VAR…}` from the shell or `.env` (`$$` is a literal dollar). */
export function isInterpolated(value: string): boolean {
  return /\$(?!\$)[{A-Za-z_]/.test(value.replace(/\$\$/g, ''));
}
