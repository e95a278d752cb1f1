// Kubernetes label selectors with the API's semantics: matchLabels AND matchExpressions
// (In, NotIn, Exists, DoesNotExist). A missing selector matches nothing; an empty one matches everything.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isNullish, seqAt, stringAt, valueOf } from '../yaml/nodes';

export type Labels = Record<string, string>;

export interface SelectorExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: SelectorExpression[];
}

export function matches(selector: LabelSelector, labels: Labels): boolean {
  return firstUnmet(selector, labels) === undefined;
}

/** The selector's first requirement the labels do not meet: a matchLabels key, or a matchExpressions index. */
export type UnmetRequirement = { label: string } | { expression: number };

export function firstUnmet(selector: LabelSelector, labels: Labels): UnmetRequirement | undefined {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return { label: key };
  for (const [index, expr] of selector.matchExpressions.entries()) if (!meets(expr, labels)) return { expression: index };
  return undefined;
}

function meets(expr: SelectorExpression, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
  switch (expr.operator) {
    case 'In':
      return has && expr.values.includes(labels[expr.key]);
    case 'NotIn':
      return !(has && expr.values.includes(labels[expr.key]));
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Reads a string map (labels, a Service selector). Non-string values are stringified as Kubernetes would reject them anyway. */
export function readLabels(node: Node | null | undefined): Labels | undefined {
  if (!isMap(node)) return undefined;
  const out: Labels = {};
  for (const pair of node.items) {
    if (!isScalar(pair.key)) return undefined;
    const value = pair.value;
    if (!isScalar(value)) return undefined;
    out[String(pair.key.value)] = value.value === null ? '' : String(value.value);
  }
  return out;
}

/**
 * Reads a `metav1.LabelSelector` map. Returns undefined when it is absent or cannot be read statically
 * (e.g. it contains template expressions), so that callers say nothing instead of guessing.
 */
export function readLabelSelector(node: Node | null | undefined): LabelSelector | undefined {
  if (!isMap(node)) return undefined;
  const map = node;
  // A present but malformed part is unreadable, not empty: an empty selector would match every pod.
  const labelsNode = valueOf(map, 'matchLabels');
  if (!isNullish(labelsNode) && !isMap(labelsNode)) return undefined;
  const matchLabels = isMap(labelsNode) ? readLabels(labelsNode) : {};
  if (!matchLabels) return undefined;
  const expressions: SelectorExpression[] = [];
  const expressionsNode = valueOf(map, 'matchExpressions');
  if (!isNullish(expressionsNode) && !isSeq(expressionsNode)) return undefined;
  const seq = seqAt(map, 'matchExpressions');
  for (const item of seq?.items ?? []) {
    if (!isMap(item)) return undefined;
    const key = stringAt(item, 'key');
    const operator = stringAt(item, 'operator');
    if (!key || !operator || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) return undefined;
    const valuesNode = seqAt(item, 'values');
    const values = (valuesNode && isSeq(valuesNode) ? valuesNode.items : []).map((v) => (isScalar(v) ? String(v.value) : ''));
    expressions.push({ key, operator: operator as SelectorExpression['operator'], values });
  }
  return { matchLabels, matchExpressions: expressions };
}

export function selectorFromLabels(labels: Labels): LabelSelector {
  return { matchLabels: labels, matchExpressions: [] };
}
