// A JSON 6902 patch written in YAML is read by kustomize through sigs.k8s.io/yaml, that is go-yaml v2: its plain
// scalars are YAML 1.1's, where the `yaml` library reads YAML 1.2. `value: yes` (or y, on, off, no…) is a boolean,
// `1_000` and `0b101` are numbers, and map keys become their JSON text (`yes:` is "true"). Quoted scalars stay strings
// (test/fixtures/kustomize/harden-jsonpatchyaml11).
import { kscalar, type KNode, type Scalar } from './tree';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
// Go's strconv.ParseInt with base 0, once go-yaml v2 has removed the underscores.
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** A plain scalar's value as go-yaml v2 resolves it, where it differs from YAML 1.2's string. */
function resolve(text: string): Scalar | undefined {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  if (!/^[-+0-9.]/.test(text)) return undefined;
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain)) return goInt(plain);
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

function goInt(text: string): number {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '');
  const lower = digits.toLowerCase();
  const radix = lower.startsWith('0x') ? 16 : lower.startsWith('0o') ? 8 : lower.startsWith('0b') ? 2 : digits.length > 1 && digits.startsWith('0') ? 8 : 10;
  const body = radix === 10 || (radix === 8 && !lower.startsWith('0o')) ? digits : digits.slice(2);
  const value = parseInt(body, radix);
  return negative ? -value : value;
}

/**
 * `node` with its plain scalars (and map keys) read as YAML 1.1. `text`: the file the node's origins point into; a
 * scalar is plain when its source there is exactly its value (a quoted or block scalar is not, nor one whose origin
 * is a whole inline patch).
 */
export function asYaml11(node: KNode, text: string, depth = 0): KNode {
  if (depth > 200) return node;
  const isPlain = (value: string, origin: { start: number; end: number } | undefined) => !!origin && text.slice(origin.start, origin.end) === value;
  if (node.type === 'scalar') {
    const resolved = typeof node.value === 'string' && isPlain(node.value, node.origin) ? resolve(node.value) : undefined;
    return resolved === undefined ? node : kscalar(resolved, node.origin);
  }
  if (node.type === 'seq') return { ...node, items: node.items.map((item) => asYaml11(item, text, depth + 1)) };
  return {
    ...node,
    items: node.items.map((pair) => {
      // A key is a string already (`0777:` is "777" in YAML 1.2): its source says what YAML 1.1 makes of it.
      const source = pair.keyOrigin ? text.slice(pair.keyOrigin.start, pair.keyOrigin.end) : '';
      const key = /^[^'"|>!&*]\S*$/.test(source) ? resolve(source) : undefined;
      return { ...pair, key: key === undefined ? pair.key : String(key), value: asYaml11(pair.value, text, depth + 1) };
    }),
  };
}
