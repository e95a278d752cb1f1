// Kubernetes resource quantities (`250m`, `1Gi`, `1e3`, `"0.5"`), parsed exactly as the API server does, so
// that comparisons never suffer from floating-point rounding (`0.1` vs `100m` compare equal).
//
//   <quantity> ::= <signedNumber><suffix>
//   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | m | "" | k | M | G | T | P | E | (e|E)<signedNumber>
import { isScalar, type Node } from 'yaml';

/** An exact quantity: `numerator / denominator` (denominator > 0). */
export interface Quantity {
  numerator: bigint;
  denominator: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|m|k|M|G|T|P|E)?$/;
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Exponents beyond this are not real resource amounts; refusing them keeps the BigInt math small. */
const MAX_EXPONENT = 64;

/** Parses a quantity string; `undefined` when it is not a valid Kubernetes quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let exponent10 = -fraction.length;
  let exponent2 = 0;
  if (suffix in BINARY) exponent2 = BINARY[suffix];
  else if (suffix in DECIMAL) exponent10 += DECIMAL[suffix];
  else if (suffix) exponent10 += Number(suffix.slice(1));
  if (Math.abs(exponent10) > MAX_EXPONENT) return undefined;
  if (sign === '-') numerator = -numerator;
  numerator *= 2n ** BigInt(exponent2);
  let denominator = 1n;
  if (exponent10 >= 0) numerator *= 10n ** BigInt(exponent10);
  else denominator = 10n ** BigInt(-exponent10);
  return { numerator, denominator };
}

/** The quantity a YAML value holds: plain numbers (`cpu: 2`) and strings (`cpu: "500m"`) alike. */
export function quantityOf(node: Node | null | undefined): Quantity | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return parseQuantity(node.value);
  if (typeof node.value === 'number') {
    // The source text keeps what a float would round (`0.1`, `1e3`, long integers).
    const source = typeof node.source === 'string' ? node.source : String(node.value);
    return parseQuantity(source) ?? parseQuantity(String(node.value));
  }
  return undefined;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Convenience for strings; `undefined` when either side is not a quantity. */
export function compareQuantityText(a: string, b: string): -1 | 0 | 1 | undefined {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  return left && right ? compareQuantities(left, right) : undefined;
}
