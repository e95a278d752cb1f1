// `$(VAR)` expansion in the fields of kustomize's varReference table (api/filters/refvar): `$(NAME)` is
// the var's value, `$$` is a literal `$`, an unknown `$(NAME)` is left as written (a later build may know
// it). A field holding only `$(NAME)` takes the value's type (a port stays a number); embedded, the value
// is written as text. Only string values are expanded, in a field, a map's values or a list's items.
import { specsFor, visitField, type FieldSpec } from './fieldspecs';
import { apiVersionOf, kindOf, type Resource } from './resource';
import { isKMap, isKScalar, isKSeq, kscalar, pairIn, type KMap, type KNode, type Origin, type Scalar } from './tree';

/** A var's value: a scalar of the object it reads (a map or list is never substituted). */
export type VarValue = string | number | boolean;

/** kustomize's DoReplacements: the expanded text, or the value itself when `input` is exactly `$(NAME)`. */
export function expandVars(input: string, values: ReadonlyMap<string, VarValue>): VarValue {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close === -1) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        const value = values.get(name);
        if (input === `$(${name})`) return value ?? input;
        out += value === undefined ? `$(${name})` : String(value);
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

export interface RefVarProblem {
  origin: Origin;
  message: string;
}

/** Expands vars in every varReference field of every resource; a substituted value keeps where `$(VAR)` was written. */
export function substituteVars(
  resources: Resource[],
  values: ReadonlyMap<string, VarValue>,
  specs: readonly FieldSpec[],
  report: (problem: RefVarProblem) => void,
): void {
  const expand = (node: KNode): KNode => {
    if (!isKScalar(node) || typeof node.value !== 'string') return node;
    const value: Scalar = expandVars(node.value, values);
    return value === node.value ? node : kscalar(value, node.origin);
  };
  for (const resource of resources) {
    const fallback = resource.root.origin ?? { file: resource.file, start: 0, end: 1 };
    for (const spec of specsFor(specs, apiVersionOf(resource), kindOf(resource))) {
      visitField(resource.root, spec, (parent: KMap, key: string) => {
        const pair = pairIn(parent, key);
        if (!pair) return;
        const node = pair.value;
        if (isKScalar(node)) pair.value = expand(node);
        else if (isKMap(node)) for (const item of node.items) item.value = expand(item.value);
        else if (isKSeq(node)) {
          node.items = node.items.map((item) => {
            // kustomize refuses a list with a non-string item here ("invalid value type expect a string").
            if (!isKScalar(item) || typeof item.value !== 'string') {
              report({ origin: item.origin ?? node.origin ?? fallback, message: `vars: "${key}" must be a list of strings to expand $(VAR) in it` });
              return item;
            }
            return expand(item);
          });
        }
      });
    }
  }
}
