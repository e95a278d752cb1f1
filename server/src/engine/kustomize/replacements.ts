// kustomize's `replacements` (api/filters/replacement, kustomize 5.5): each copies one value of one object (the
// source) into fields of other objects (the targets), after the kustomization's other transformers. The source
// must select exactly one object; a target field that is missing is an error unless `options.create`. With
// `options.delimiter`, the source value is a part of a split string (`index`) and so is the target field's. A
// scalar target keeps its type where the text allows (an int field given "8080" stays an int), as kyaml copies
// the value and keeps the tag. Values copied keep the source's provenance: a finding on one is reported where
// the source wrote it.
import { splitFieldPath, lookupFieldPath } from './fieldpath';
import { entries, mapItems } from './model';
import type { Resource } from './resource';
import { EXACT_MATCH, readTarget, targetMatches, type Target } from './target';
import { clone, get, getString, isKMap, isKScalar, isKSeq, kmap, pairIn, type KMap, type KNode, type KScalar, type Origin } from './tree';

const NOTHING_SELECTED = 'replacement source: nothing selected by';

/** kustomize's DefaultReplacementFieldPath. */
const DEFAULT_FIELD_PATH = 'metadata.name';

export interface ReplacementSpec {
  node: KMap;
  /** Where problems with it are reported (its entry in the kustomization, or its file). */
  origin: Origin;
}

interface FieldOptions {
  delimiter: string;
  index: number;
  create: boolean;
}

/**
 * Applies the replacements in order; each problem is one that makes kustomize refuse the build. `missingSource`: the
 * source selects nothing, which the build may not be able to tell (a Component's includer, a remote resource).
 */
export function applyReplacements(
  specs: readonly ReplacementSpec[],
  resources: readonly Resource[],
  report: (origin: Origin, message: string, missingSource: boolean) => void,
): void {
  for (const { node, origin } of specs) {
    const source = get(node, 'source');
    const targets = get(node, 'targets');
    if (!isKMap(source) || !isKSeq(targets) || targets.items.length === 0) {
      report(origin, 'replacements must specify a source and at least one target', false);
      continue;
    }
    const value = sourceValue(source, resources);
    if (typeof value === 'string') {
      report(origin, value, value.startsWith(NOTHING_SELECTED));
      continue;
    }
    for (const target of targets.items) {
      const problem = isKMap(target) ? applyTarget(target, target.origin ?? origin, value, resources) : 'a replacement target must be a map';
      if (problem) report(target.origin ?? origin, problem, false);
    }
  }
}

function readOptions(node: KNode | undefined): FieldOptions {
  const index = get(node, 'index');
  const create = get(node, 'create');
  return {
    delimiter: getString(node, 'delimiter') ?? '',
    index: isKScalar(index) && typeof index.value === 'number' ? index.value : 0,
    create: isKScalar(create) && create.value === true,
  };
}

/** kustomize's ResId.IsSelectedBy (exact values, unlike a patch target's regular expressions), labels and annotations too. */
const selectedBy = (selector: Target, resource: Resource) => targetMatches(selector, resource, EXACT_MATCH);

function describe(selector: Target): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** The value to copy, or why there is none. */
function sourceValue(source: KMap, resources: readonly Resource[]): KNode | string {
  const selector = readTarget(source) ?? {};
  const matches = resources.filter((resource) => selectedBy(selector, resource));
  if (matches.length === 0) return `${NOTHING_SELECTED} ${describe(selector)}`;
  if (matches.length > 1) return `replacement source: multiple matches for ${describe(selector)}`;
  const fieldPath = getString(source, 'fieldPath') ?? DEFAULT_FIELD_PATH;
  const value = lookupFieldPath(matches[0].root, fieldPath);
  if (value === undefined) return `fieldPath "${fieldPath}" is missing for replacement source ${describe(selector)}`;
  const options = readOptions(get(source, 'options'));
  if (!options.delimiter) return value;
  if (!isKScalar(value)) return 'delimiter option can only be used with scalar nodes';
  const parts = String(value.value ?? '').split(options.delimiter);
  if (options.index < 0 || options.index >= parts.length) return `options.index ${options.index} is out of bounds for value ${String(value.value)}`;
  return { type: 'scalar', value: parts[options.index], origin: value.origin };
}

/** Copies the value into one target's fields; returns why kustomize would fail, if it would. */
function applyTarget(target: KMap, origin: Origin, value: KNode, resources: readonly Resource[]): string | undefined {
  const selector = readTarget(get(target, 'select'));
  if (!selector) return 'a replacement target must specify resources to select';
  const rejects = mapItems(target, 'reject').map((reject) => readTarget(reject) ?? {});
  const written = entries(target, 'fieldPaths', origin).map((entry) => entry.value);
  const fieldPaths = written.length > 0 ? written : [DEFAULT_FIELD_PATH];
  const options = readOptions(get(target, 'options'));
  for (const resource of resources) {
    if (!selectedBy(selector, resource)) continue;
    if (rejects.some((reject) => rejected(reject, resource))) continue;
    for (const fieldPath of fieldPaths) {
      const slots = matchSlots(resource.root, splitFieldPath(fieldPath), options.create);
      if (slots.length === 0) return `unable to ${options.create ? 'find or create' : 'find'} field "${fieldPath}" in replacement target`;
      for (const slot of slots) {
        const problem = setSlot(slot, value, options);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** kustomize's rejectId and selectByAnnoAndLabel: a reject with an id rejects by id, one with selectors by them. */
function rejected(reject: Target, resource: Resource): boolean {
  const { labelSelector, annotationSelector, ...id } = reject;
  if (Object.keys(id).length > 0 && selectedBy(id, resource)) return true;
  if (labelSelector || annotationSelector) return selectedBy({ labelSelector, annotationSelector }, resource);
  return false;
}

/** A place a value goes: a map's key or a list's index. */
type Slot = { parent: KMap; key: string } | { parent: Extract<KNode, { type: 'seq' }>; index: number };

/** kyaml's PathMatcher: every field the path reaches (`*` and `[k=v]` reach several list items); with `create`, missing maps. */
function matchSlots(root: KNode, steps: string[], create: boolean): Slot[] {
  let nodes: KNode[] = [root];
  const out: Slot[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const next: KNode[] = [];
    for (const node of nodes) {
      if (isKSeq(node)) {
        const indices = seqIndices(node, step);
        if (last) for (const index of indices) out.push({ parent: node, index });
        else for (const index of indices) next.push(node.items[index]);
      } else if (isKMap(node)) {
        let child = pairIn(node, step)?.value;
        if (last) {
          if (child !== undefined || create) out.push({ parent: node, key: step });
          continue;
        }
        if ((child === undefined || (isKScalar(child) && child.value === null)) && create) {
          child = kmap([], node.origin);
          const pair = pairIn(node, step);
          if (pair) pair.value = child;
          else node.items.push({ key: step, value: child, keyOrigin: node.origin });
        }
        if (child !== undefined) next.push(child);
      }
    }
    nodes = next;
  }
  return out;
}

function seqIndices(seq: Extract<KNode, { type: 'seq' }>, step: string): number[] {
  if (step === '*') return seq.items.map((_, i) => i);
  if (step === '-') return seq.items.length > 0 ? [seq.items.length - 1] : [];
  if (/^\d+$/.test(step)) return Number(step) < seq.items.length ? [Number(step)] : [];
  const filter = /^\[([^=]*)=(.*)\]$/.exec(step);
  if (!filter) return [];
  const [, key, wanted] = filter;
  const text = (node: KNode | undefined) => (isKScalar(node) ? String(node.value ?? '') : undefined);
  return seq.items.flatMap((item, i) => ((key === '' ? text(item) : isKMap(item) ? text(pairIn(item, key)?.value) : undefined) === wanted ? [i] : []));
}

function setSlot(slot: Slot, value: KNode, options: FieldOptions): string | undefined {
  const current = 'key' in slot ? pairIn(slot.parent, slot.key)?.value : slot.parent.items[slot.index];
  let incoming: KNode = clone(value);
  if (options.delimiter) {
    if (current !== undefined && !isKScalar(current)) return 'delimiter option can only be used with scalar nodes';
    const parts = current === undefined || current.value === null ? [''] : String(current.value).split(options.delimiter);
    const part = isKScalar(value) ? String(value.value ?? '') : '';
    if (options.index < 0) parts.unshift(part);
    else if (options.index >= parts.length) parts.push(part);
    else parts[options.index] = part;
    incoming = { type: 'scalar', value: parts.join(options.delimiter), origin: value.origin };
  }
  // A scalar keeps its type where the new text allows it (kyaml copies the value and keeps the tag).
  if (isKScalar(current) && isKScalar(incoming)) incoming = { ...incoming, value: keepType(current, incoming) };
  if ('key' in slot) {
    const pair = pairIn(slot.parent, slot.key);
    if (pair) pair.value = incoming;
    else slot.parent.items.push({ key: slot.key, value: incoming, keyOrigin: incoming.origin });
  } else slot.parent.items[slot.index] = incoming;
  return undefined;
}

function keepType(current: KScalar, incoming: KScalar): KScalar['value'] {
  const text = incoming.value === null ? 'null' : String(incoming.value);
  if (typeof current.value === 'number' && /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (typeof current.value === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (typeof current.value === 'string') return text;
  return incoming.value;
}
