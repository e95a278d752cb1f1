// kyaml's dotted field paths (RNode.GetFieldValue), as a var's `fieldref.fieldPath` is written:
// `spec.ports[0].port`, `spec.ports.0.port`, `-` for the last item, `[name=web]` for the list item whose
// field `name` is `web`, and `a\.b` or `[a.b]` for a key that holds dots (kyaml/utils/pathsplitter.go,
// kyaml/yaml/rnode.go convertSliceIndex, kyaml/yaml/fns.go PathGetter).
import { isKMap, isKScalar, isKSeq, pairIn, type KNode } from './tree';

/** kyaml's PathSplitter: split on dots, a dot after a backslash is part of the key. */
function splitEscaped(path: string): string[] {
  let parts = path.split('.');
  if (parts.length > 1 && parts[0] === '') parts = parts.slice(1);
  const out: string[] = [parts[0]];
  for (const part of parts.slice(1)) {
    const last = out.length - 1;
    if (out[last].endsWith('\\')) out[last] = `${out[last].slice(0, -1)}.${part}`;
    else out.push(part);
  }
  return out;
}

/** The path's steps: SmarterPathSplitter (brackets keep their dots), then list indices split off. */
export function splitFieldPath(path: string): string[] {
  const split = splitEscaped(path);
  const steps: string[] = [];
  for (let i = 0; i < split.length; i++) {
    let step = split[i];
    if (step.startsWith('[') && !step.endsWith(']')) {
      const bracketed = [step];
      while (i < split.length - 1) {
        i++;
        bracketed.push(split[i]);
        if (split[i].endsWith(']')) break;
      }
      step = bracketed.join('.');
      // `[k=v]` selects a list item; `[a.b]` is just a key with dots.
      if (!step.includes('=')) step = step.replace(/^[[\]]+|[[\]]+$/g, '');
    }
    const indexed = /^(.*)\[(\d+)\]$/.exec(step);
    if (indexed) {
      if (indexed[1] !== '') steps.push(indexed[1]);
      steps.push(indexed[2]);
    } else steps.push(step);
  }
  // PathGetter's cleanPath: blank steps are dropped.
  return steps.map((s) => s.trim()).filter((s) => s !== '');
}

/** The node at a field path, or undefined where kyaml finds nothing (or refuses the path). */
export function lookupFieldPath(root: KNode, path: string): KNode | undefined {
  let node: KNode | undefined = root;
  for (const step of splitFieldPath(path)) {
    node = stepInto(node, step);
    if (node === undefined) return undefined;
  }
  return node;
}

function stepInto(node: KNode, step: string): KNode | undefined {
  if (/^\d+$/.test(step) || step === '-') {
    if (!isKSeq(node) || node.items.length === 0) return undefined;
    return step === '-' ? node.items[node.items.length - 1] : node.items[Number(step)];
  }
  if (step.startsWith('[') && step.endsWith(']')) {
    const at = step.indexOf('=');
    if (at === -1 || !isKSeq(node)) return undefined;
    const [key, value] = [step.slice(1, at), step.slice(at + 1, -1)];
    const text = (n: KNode | undefined) => (isKScalar(n) ? String(n.value ?? '') : undefined);
    // `[=v]` matches a scalar item; `[k=v]` a map item whose field k is v.
    if (key === '') return node.items.find((item) => text(item) === value);
    return node.items.find((item) => isKMap(item) && text(pairIn(item, key)?.value) === value);
  }
  if (step === '*') return undefined; // kyaml: "wildcard is not supported in PathGetter"
  return isKMap(node) ? pairIn(node, step)?.value : undefined;
}
