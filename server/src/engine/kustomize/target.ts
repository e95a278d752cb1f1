// Patch targets: kustomize's selector (group, version, kind, name, namespace as anchored regular
// expressions, plus label and annotation selectors), matched against any id the resource has had.
import { splitApiVersion } from './fieldspecs';
import { allIds, apiVersionOf, kindOf, sameNamespace, type Resource } from './resource';
import { get, isKMap, isKScalar, type KNode } from './tree';

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** kustomize's Selector fields: a patch's `target`, a replacement's `source`, `select` and `reject`. */
const SELECTOR_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const;

export function readTarget(node: KNode | undefined): Target | undefined {
  if (!isKMap(node)) return undefined;
  const out: Target = {};
  for (const key of SELECTOR_FIELDS) {
    const value = get(node, key);
    if (isKScalar(value) && value.value !== null) out[key] = String(value.value);
  }
  return out;
}

const anchored = (pattern: string) => {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return { test: (s: string) => s === pattern };
  }
};

/** How a selector's group, version, kind, name and namespace are compared: a patch target's are regular expressions. */
export type SelectorMatch = (pattern: string, value: string) => boolean;
export const REGEXP_MATCH: SelectorMatch = (pattern, value) => anchored(pattern).test(value);
/** kustomize's ResId.IsSelectedBy (replacements): the values as written. */
export const EXACT_MATCH: SelectorMatch = (pattern, value) => pattern === value;

/** The resource is selected: its group/version/kind, any name and namespace it has had, its labels and annotations. */
export function targetMatches(target: Target, resource: Resource, match: SelectorMatch = REGEXP_MATCH): boolean {
  const gv = splitApiVersion(apiVersionOf(resource));
  if (target.group !== undefined && target.group !== '' && !match(target.group, gv.group)) return false;
  if (target.version && !match(target.version, gv.version)) return false;
  if (target.kind && !match(target.kind, kindOf(resource))) return false;
  const ids = allIds(resource);
  if (target.name && !ids.some((id) => match(target.name!, id.name))) return false;
  if (target.namespace && !ids.some((id) => match(target.namespace!, id.namespace) || sameNamespace(id.namespace, target.namespace!))) return false;
  if (target.labelSelector && !selectorMatches(target.labelSelector, stringMap(get(resource.root, 'metadata', 'labels')))) return false;
  if (target.annotationSelector && !selectorMatches(target.annotationSelector, stringMap(get(resource.root, 'metadata', 'annotations')))) return false;
  return true;
}

function stringMap(node: KNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isKMap(node)) for (const p of node.items) if (isKScalar(p.value)) out[p.key] = String(p.value.value ?? '');
  return out;
}

/** Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  for (const requirement of splitRequirements(selector)) {
    const text = requirement.trim();
    if (!text) continue;
    let m: RegExpMatchArray | null;
    if ((m = text.match(/^(\S+?)\s+(in|notin)\s+\((.*)\)$/))) {
      const values = m[3].split(',').map((v) => v.trim());
      const has = m[1] in labels && values.includes(labels[m[1]]);
      if (m[2] === 'in' ? !has : has) return false;
    } else if ((m = text.match(/^(\S+?)\s*!=\s*(\S*)$/))) {
      if (labels[m[1]] === m[2]) return false;
    } else if ((m = text.match(/^(\S+?)\s*==?\s*(\S*)$/))) {
      if (labels[m[1]] !== m[2]) return false;
    } else if (text.startsWith('!')) {
      if (text.slice(1).trim() in labels) return false;
    } else if (!(text in labels)) return false;
  }
  return true;
}

function splitRequirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}
