// What kustomize accepts in a kustomization (or Component) file. kustomize 5.5 decodes it strictly (Go's
// encoding/json with DisallowUnknownFields, after go-yaml v2 turned the YAML into JSON): an unknown field or a value
// of the wrong type fails the whole build. The fields are those of api/types (kustomize/v5.5.0, api/v0.18.0),
// deprecated ones included; inline Go structs are flattened into their includer.
import { isKMap, isKScalar, isKSeq, type KNode, type Origin } from './tree';
import { asYaml11 } from './yaml11';

/** A Go type as JSON sees it; `object`: any map (Helm values). */
type Shape = 'string' | 'bool' | 'int' | 'object' | { list: Shape } | { map: Shape } | { struct: string };

const STRINGS = { list: 'string' } as const;
const STRING_MAP = { map: 'string' } as const;
const GVK = { group: 'string', version: 'string', kind: 'string' } as const;
const RES_ID = { ...GVK, name: 'string', namespace: 'string' } as const;

const GENERATOR_ARGS = {
  namespace: 'string',
  name: 'string',
  behavior: 'string',
  literals: STRINGS,
  files: STRINGS,
  envs: STRINGS,
  env: 'string',
  options: { struct: 'GeneratorOptions' },
} as const;

const STRUCTS: Record<string, Record<string, Shape>> = {
  Kustomization: {
    kind: 'string',
    apiVersion: 'string',
    metadata: { struct: 'ObjectMeta' },
    openapi: STRING_MAP,
    namePrefix: 'string',
    nameSuffix: 'string',
    namespace: 'string',
    commonLabels: STRING_MAP,
    labels: { list: { struct: 'Label' } },
    commonAnnotations: STRING_MAP,
    patchesStrategicMerge: STRINGS,
    patchesJson6902: { list: { struct: 'Patch' } },
    patches: { list: { struct: 'Patch' } },
    images: { list: { struct: 'Image' } },
    imageTags: { list: { struct: 'Image' } },
    replacements: { list: { struct: 'ReplacementField' } },
    replicas: { list: { struct: 'Replica' } },
    vars: { list: { struct: 'Var' } },
    sortOptions: { struct: 'SortOptions' },
    resources: STRINGS,
    components: STRINGS,
    crds: STRINGS,
    bases: STRINGS,
    configMapGenerator: { list: { struct: 'GeneratorArgs' } },
    secretGenerator: { list: { struct: 'SecretArgs' } },
    helmGlobals: { struct: 'HelmGlobals' },
    helmCharts: { list: { struct: 'HelmChart' } },
    helmChartInflationGenerator: { list: { struct: 'HelmChartArgs' } },
    generatorOptions: { struct: 'GeneratorOptions' },
    configurations: STRINGS,
    generators: STRINGS,
    transformers: STRINGS,
    validators: STRINGS,
    buildMetadata: STRINGS,
  },
  ObjectMeta: { name: 'string', namespace: 'string', labels: STRING_MAP, annotations: STRING_MAP },
  Label: { pairs: STRING_MAP, includeSelectors: 'bool', includeTemplates: 'bool', fields: { list: { struct: 'FieldSpec' } } },
  FieldSpec: { ...GVK, path: 'string', create: 'bool' },
  Patch: { path: 'string', patch: 'string', target: { struct: 'Selector' }, options: { map: 'bool' } },
  Selector: { ...RES_ID, annotationSelector: 'string', labelSelector: 'string' },
  Image: { name: 'string', newName: 'string', tagSuffix: 'string', newTag: 'string', digest: 'string' },
  Replica: { name: 'string', count: 'int' },
  ReplacementField: { source: { struct: 'SourceSelector' }, targets: { list: { struct: 'TargetSelector' } }, path: 'string' },
  SourceSelector: { ...RES_ID, fieldPath: 'string', options: { struct: 'FieldOptions' } },
  TargetSelector: { select: { struct: 'Selector' }, reject: { list: { struct: 'Selector' } }, fieldPaths: STRINGS, options: { struct: 'FieldOptions' } },
  FieldOptions: { delimiter: 'string', index: 'int', encoding: 'string', create: 'bool' },
  Var: { name: 'string', objref: { struct: 'VarTarget' }, fieldref: { struct: 'FieldSelector' } },
  VarTarget: { apiVersion: 'string', ...GVK, name: 'string', namespace: 'string' },
  FieldSelector: { fieldPath: 'string' },
  SortOptions: { order: 'string', legacySortOptions: { struct: 'LegacySortOptions' } },
  LegacySortOptions: { orderFirst: STRINGS, orderLast: STRINGS },
  GeneratorArgs: GENERATOR_ARGS,
  SecretArgs: { ...GENERATOR_ARGS, type: 'string' },
  GeneratorOptions: { labels: STRING_MAP, annotations: STRING_MAP, disableNameSuffixHash: 'bool', immutable: 'bool' },
  HelmGlobals: { chartHome: 'string', configHome: 'string' },
  HelmChart: {
    name: 'string',
    version: 'string',
    repo: 'string',
    releaseName: 'string',
    namespace: 'string',
    additionalValuesFiles: STRINGS,
    valuesFile: 'string',
    valuesInline: 'object',
    valuesMerge: 'string',
    includeCRDs: 'bool',
    skipHooks: 'bool',
    apiVersions: STRINGS,
    kubeVersion: 'string',
    nameTemplate: 'string',
    skipTests: 'bool',
    debug: 'bool',
  },
  HelmChartArgs: {
    chartName: 'string',
    chartVersion: 'string',
    chartRepoUrl: 'string',
    chartHome: 'string',
    chartRepoName: 'string',
    helmBin: 'string',
    helmHome: 'string',
    values: 'string',
    valuesLocal: 'object',
    valuesMerge: 'string',
    releaseName: 'string',
    releaseNamespace: 'string',
    extraArgs: STRINGS,
  },
};

export interface DecodeProblem {
  message: string;
  origin: Origin | undefined;
}

/**
 * The problem kustomize's strict decode stops at, if any. Go reads the JSON go-yaml made, whose object keys are
 * sorted: the first problem in that order is the one kubectl reports. `text`: the file, to read scalars as YAML 1.1.
 */
export function strictDecodeProblem(root: KNode, text: string): DecodeProblem | undefined {
  // Parsed trees are shared by text (parse-cache.ts): every overlay's build asks again about an unchanged file.
  if (decoded.has(root)) return decoded.get(root);
  const problem = problemIn(asYaml11(root, text), { struct: 'Kustomization' }, '', undefined);
  decoded.set(root, problem);
  return problem;
}

const decoded = new WeakMap<KNode, DecodeProblem | undefined>();

function problemIn(node: KNode, shape: Shape, path: string, at: Origin | undefined): DecodeProblem | undefined {
  const origin = node.origin ?? at;
  // JSON null leaves any Go value as it is.
  if (isKScalar(node) && node.value === null) return undefined;
  const wrong = (expected: string, hint = '') => ({
    message: `invalid kustomization: ${describe(path)} must be ${expected}, not ${kindOf(node)}${hint}; kustomize refuses the file`,
    origin,
  });
  if (shape === 'object') return isKMap(node) ? undefined : wrong('a map');
  if (shape === 'string') return isKScalar(node) && typeof node.value === 'string' ? undefined : wrong('a string', isKScalar(node) ? ' (quote it)' : '');
  if (shape === 'bool') return isKScalar(node) && typeof node.value === 'boolean' ? undefined : wrong('true or false');
  if (shape === 'int') return isKScalar(node) && Number.isInteger(node.value) ? undefined : wrong('a whole number');
  if ('list' in shape) {
    if (!isKSeq(node)) return wrong(shape.list === 'string' ? 'a list of strings' : 'a list');
    for (const item of node.items) {
      const problem = problemIn(item, shape.list, `${path}[]`, origin);
      if (problem) return problem;
    }
    return undefined;
  }
  if ('map' in shape) {
    if (!isKMap(node)) return wrong('a map');
    for (const pair of sortedPairs(node)) {
      const problem = problemIn(pair.value, shape.map, `${path}.${pair.key}`, pair.keyOrigin ?? origin);
      if (problem) return problem;
    }
    return undefined;
  }
  const fields = STRUCTS[shape.struct];
  if (!isKMap(node)) return wrong(`a map (${Object.keys(fields).slice(0, 5).join(', ')}${Object.keys(fields).length > 5 ? ', …' : ''})`);
  for (const pair of sortedPairs(node)) {
    const name = fieldNamed(fields, pair.key);
    if (name === undefined) return { message: unknownField(pair.key, path, Object.keys(fields)), origin: pair.keyOrigin ?? origin };
    const problem = problemIn(pair.value, fields[name], path ? `${path}.${name}` : name, pair.keyOrigin ?? origin);
    if (problem) return problem;
  }
  return undefined;
}

/** Go matches a JSON key to a field exactly, else ignoring case. */
function fieldNamed(fields: Record<string, Shape>, key: string): string | undefined {
  if (key in fields) return key;
  return Object.keys(fields).find((name) => name.toLowerCase() === key.toLowerCase());
}

/** Go's JSON object keys in byte order (what go-yaml's map becomes); `sort` compares UTF-16 units, the same for ASCII. */
const sortedPairs = (node: { items: Array<{ key: string; keyOrigin?: Origin; value: KNode }> }) =>
  [...node.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** A place in the file as people say it: `"images[].newTag"`, `each "patches" entry`. */
function describe(path: string, each = true): string {
  const entry = /^([^.[\]]+)\[\]$/.exec(path);
  return entry ? `${each ? 'each' : 'an'} "${entry[1]}" entry` : `"${path}"`;
}

function kindOf(node: KNode): string {
  if (isKMap(node)) return 'a map';
  if (isKSeq(node)) return 'a list';
  if (typeof node.value === 'string') return 'a string';
  return typeof node.value === 'boolean' ? `the boolean ${node.value}` : `the number ${node.value}`;
}

function unknownField(key: string, path: string, known: string[]): string {
  const where = path ? ` in ${describe(path, false)}` : '';
  // Two edits make most short words alike ("bar", "vars"): one is allowed below six letters.
  const near = known.find((name) => editDistance(name.toLowerCase(), key.toLowerCase()) <= (key.length < 6 ? 1 : 2));
  const hint = near ? ` (did you mean "${near}"?)` : path ? ` (expected ${known.join(', ')})` : '';
  return `invalid kustomization: unknown field "${key}"${where}${hint}; kustomize refuses the file`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
