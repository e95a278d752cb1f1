// Go values as JavaScript values, the way Helm's templates see them: values files decode to
// map[string]interface{} with float64 numbers; template literals and Sprig arithmetic give ints.
//   nil interface -> null, invalid reflect.Value (a missing result) -> undefined, int -> bigint,
//   float64 -> number, string, bool, []interface{} -> array, map[string]interface{} -> plain object,
//   Helm's structs (.Chart, .Capabilities, .Files) -> GoStruct.

export type GoMap = Record<string, unknown>;

/** A Go struct or named type with methods (Helm's `.Chart`, `.Capabilities`, `.Files`). */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, unknown>,
    readonly methods: Record<string, (...args: unknown[]) => unknown> = {},
    /** A `String()` method: how `%v` prints it. */
    readonly stringer?: () => string,
    /** For Go map types with methods (Helm's `files`): what `range` and `index` see. */
    readonly mapView?: Record<string, unknown>,
    /** For Go slice types with methods (`.Capabilities.APIVersions`, a `VersionSet`): what `range`, `len` and Sprig's list functions see. */
    readonly listView?: unknown[],
  ) {}
}

export function isMap(v: unknown): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoStruct);
}

export function isInt(v: unknown): v is bigint {
  return typeof v === 'bigint';
}

/** The Go type of a scalar (its `reflect.Kind` and `%T` agree for these); undefined for the rest. */
function scalarType(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
  }
  return undefined;
}

/** Go's `reflect.Kind` names, as Sprig's `kindOf` prints them. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  const scalar = scalarType(v);
  if (scalar) return scalar;
  if (Array.isArray(v)) return 'slice';
  if (v instanceof GoStruct) return v.listView ? 'slice' : v.typeName.startsWith('*') ? 'ptr' : 'struct';
  return 'map';
}

/** `%T`, as Sprig's `typeOf` prints it. */
export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  const scalar = scalarType(v);
  if (scalar) return scalar;
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoStruct) return v.typeName;
  return 'map[string]interface {}';
}

/** text/template's truth: the zero value of its type is false. */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoStruct) return true;
  return Object.keys(v).length > 0;
}

/** strconv.FormatFloat(x, 'g', -1, 64), which `%v` uses for float64. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  // Shortest %g switches to an exponent below 1e-4 and from 1e6 (Helm's well-known `1e+06`).
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const whole = digits.padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${whole.slice(0, exp + 1)}${frac ? `.${frac}` : ''}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** fmt's `%v` of a value nested in a map or slice (nil prints `<nil>`). */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloat(v);
  }
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (v instanceof GoStruct) {
    if (v.stringer) return v.stringer();
    return `{${Object.values(v.fields).map(formatValue).join(' ')}}`;
  }
  const map = v as GoMap;
  return `map[${Object.keys(map)
    .sort(compareGoStrings)
    .map((k) => `${k}:${formatValue(map[k])}`)
    .join(' ')}]`;
}

/** What `{{ x }}` prints: a missing or nil value prints `<no value>` (Helm then removes that text). */
export function printValue(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  return formatValue(v);
}

/** Go compares strings by bytes (UTF-8), which for these purposes is code point order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isMap(v)) {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
