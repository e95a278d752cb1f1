// The in-memory `kustomize build`: reads a kustomization through the host file system and produces the
// objects `kubectl apply -k` would apply, each node keeping where its value was written. Problems (missing
// files, cycles, features not run here) are collected on the line that causes them; the build goes on with
// what it can, so a single bad entry never hides the rest.
import type { HostFileSystem } from '../types';
import {
  ConfigConflict,
  defaultTransformerConfig,
  fieldSpecsOf,
  EMPTY_TRANSFORMER_CONFIG,
  mergeTransformerConfigs,
  parseTransformerConfig,
  specTables,
  type TransformerConfig,
} from './fieldspecs';
import { KUSTOMIZATION_FILE_LIST, KUSTOMIZATION_FILE_NAMES } from './fileNames';
import { generate } from './generators';
import { ignoringGitignore, madeBeforeBuild } from './gitignore';

/** What the build does without a missing input it can go on without. */
const REST_BUILT = 'The rest is built without it';
import { applyJsonPatch, isJsonData, JsonPatchError, type JsonPatchOp } from './json6902';
import { asYaml11 } from './yaml11';
import { strictDecodeProblem } from './schema';
import {
  entries,
  field,
  fieldOrigin,
  isRemote,
  isRemoteFile,
  kustomizationFileIn,
  mapItems,
  NOT_RUN_FIELDS,
  parseKustomization,
  stringField,
  stringMapField,
  type BuildProblem,
  type Kustomization,
} from './model';
import { addHashSuffixes, dropLocalConfig, fixNameReferences } from './names';
import { basenameOf, dirnameOf, isInside, joinPath, relativePath } from './paths';
import { allIds, apiVersionOf, currentId, hasBuiltinSchema, idLabel, kindOf, nameOf, sameNamespace, storePreviousId, type Resource } from './resource';
import { clearNullFields, strategicMerge } from './smp';
import { applyReplacements, type ReplacementSpec } from './replacements';
import { readTarget, targetMatches, type Target } from './target';
import { addLabels, addNameAffix, setImages, setNamespace, setReplicas } from './transformers';
import { cachedPatch, parseYamlFile } from './parse-cache';
import { CallSnapshot, unchanged } from './snapshot';
import { declareVars, mergeVarSets, readVars, resolveVars, type Var } from './vars';
import { clone, deleteKey, get, getString, isKMap, isKScalar, isKSeq, kmap, pairIn, type KMap, type KNode, type Origin } from './tree';

export interface BuildOptions {
  /** Folders the build may read (the workspace); a path outside any of them is a problem. */
  roots?: string[];
  /** Kept by a long-lived host: a base used by many overlays is built once while its files are unchanged. */
  cache?: BuildCache;
}

interface CachedSubBuild {
  /** Every file the sub-build read, as it was. */
  texts: Map<string, string | undefined>;
  /** Untouched copies; `chain` relative to the kustomization built. */
  resources: Resource[];
  problems: BuildProblem[];
  /** The sub-build left out something that may hold objects (Builder.incomplete). */
  incomplete: boolean;
  config: TransformerConfig;
  vars: Var[];
}

export class BuildCache {
  readonly entries = new Map<string, CachedSubBuild>();
}

function copyResource(resource: Resource, chainPrefix: string[], chainStrip: number): Resource {
  return {
    ...resource,
    root: clone(resource.root),
    previous: resource.previous.map((id) => ({ ...id })),
    prefixes: resource.prefixes && [...resource.prefixes],
    suffixes: resource.suffixes && [...resource.suffixes],
    refVars: resource.refVars && [...resource.refVars],
    chain: [...chainPrefix, ...(resource.chain ?? []).slice(chainStrip)],
  };
}

export interface BuildResult {
  /** The kustomization file built. */
  kustomization: string;
  resources: Resource[];
  problems: BuildProblem[];
  /** Every file the build read or looked for (kustomizations, resources, patches, generator inputs). */
  files: string[];
}

const MAX_DEPTH = 50;

export function buildKustomization(fs: HostFileSystem, kustomizationPath: string, options: BuildOptions = {}): BuildResult {
  return CallSnapshot.within(fs, (snapshot) => buildWith(snapshot, kustomizationPath, options));
}

function buildWith(fs: CallSnapshot, kustomizationPath: string, options: BuildOptions): BuildResult {
  const builder = new Builder(fs, options);
  const dir = dirnameOf(kustomizationPath);
  const resources = builder.buildFile(kustomizationPath, dir);
  addHashSuffixes(resources);
  fixNameReferences(resources, specTables(builder.config).nameReference);
  // kustomize resolves vars once back references are fixed, before local-config objects are dropped.
  resolveVars(resources, builder.vars, specTables(builder.config).varReference, (origin, message) => builder.report(origin, message));
  // A patch that targets nothing may target what was left out (not fetched, not run): kustomize would say, not us.
  const problems = builder.incomplete ? builder.problems.filter((p) => !p.missingTarget) : builder.problems;
  const output = dropLocalConfig(resources);
  for (const resource of output) clearEmptyAnnotations(resource.root);
  return { kustomization: kustomizationPath, resources: output, problems, files: [...builder.files] };
}

/** kyaml's ClearEmptyAnnotations, which kustomize runs on its output: `annotations:` null or `{}` goes (labels stay). */
function clearEmptyAnnotations(root: KMap): void {
  const metadata = get(root, 'metadata');
  const annotations = isKMap(metadata) ? get(metadata, 'annotations') : undefined;
  if (annotations && ((isKScalar(annotations) && annotations.value === null) || (isKMap(annotations) && annotations.items.length === 0)))
    deleteKey(metadata as KMap, 'annotations');
}

class Builder {
  readonly problems: BuildProblem[] = [];
  readonly files = new Set<string>();
  private readonly stack: string[] = [];
  /** Files read by the sub-builds in progress (for the cache). */
  private readonly recorders: Set<string>[] = [];
  /**
   * The field specs of the kustomization being built (kustomize's accumulator config): the default, merged
   * with its resources' configurations and its own `configurations:` files.
   */
  config: TransformerConfig = defaultTransformerConfig();
  /** The vars of the kustomization being built: its own and its resources' (kustomize's accumulator var set). */
  vars: Var[] = [];
  /**
   * Something the build read was left out that may hold objects (a remote resource, a Helm chart, a plugin): a patch
   * whose target is not among the built objects may target one of those.
   */
  incomplete = false;

  constructor(
    private readonly fs: HostFileSystem,
    private readonly options: BuildOptions,
  ) {}

  private read(path: string): string | undefined {
    this.touch(path);
    return this.fs.readFile(path);
  }

  private touch(path: string): void {
    this.files.add(path);
    for (const recorder of this.recorders) recorder.add(path);
  }

  report(origin: Origin, message: string, severity: BuildProblem['severity'] = 'error', extra: Pick<BuildProblem, 'missingTarget'> = {}): void {
    this.problems.push({ file: origin.file, start: origin.start, end: Math.max(origin.end, origin.start + 1), message, severity, ...extra });
  }

  /** Builds a kustomization; a Component (`into`: its includer's resources) adds to them in place. */
  buildFile(path: string, dir: string, into?: Resource[], at?: Origin): Resource[] {
    const cache = this.options.cache;
    // Components add to their includer's resources: only whole sub-builds are cached.
    if (!cache || into || this.stack.includes(dir)) return this.buildUncached(path, dir, into, at);
    const hit = cache.entries.get(path);
    if (hit && unchanged(this.fs, hit.texts)) {
      for (const file of hit.texts.keys()) this.touch(file);
      this.problems.push(...hit.problems);
      this.incomplete ||= hit.incomplete;
      this.config = hit.config;
      this.vars = hit.vars;
      return hit.resources.map((r) => copyResource(r, this.stack, 0));
    }
    const recorder = new Set<string>();
    this.recorders.push(recorder);
    const before = this.problems.length;
    const includerIncomplete = this.incomplete;
    this.incomplete = false;
    let built: Resource[];
    let incomplete: boolean;
    try {
      built = this.buildUncached(path, dir, into, at);
    } finally {
      this.recorders.pop();
      incomplete = this.incomplete;
      this.incomplete ||= includerIncomplete;
    }
    cache.entries.set(path, {
      texts: new Map([...recorder].map((file) => [file, this.fs.readFile(file)])),
      resources: built.map((r) => copyResource(r, [], this.stack.length)),
      problems: this.problems.slice(before),
      incomplete,
      config: this.config,
      vars: this.vars,
    });
    return built;
  }

  /** `this.config` and `this.vars` are left as the built kustomization's (a Component's: its includer's). */
  private buildUncached(path: string, dir: string, into: Resource[] | undefined, at?: Origin): Resource[] {
    const text = this.read(path);
    // A kustomization's accumulator starts empty; a Component works in its includer's.
    if (!into) {
      this.config = EMPTY_TRANSFORMER_CONFIG;
      this.vars = [];
    }
    if (text === undefined) {
      if (at) this.report(at, `kustomization "${this.shown(at, path)}" not found`);
      return into ?? [];
    }
    const parsed = parseKustomization(path, dir, text);
    if ('error' in parsed) {
      this.report({ file: path, start: parsed.start, end: parsed.end }, `invalid kustomization: ${parsed.error}`);
      return into ?? [];
    }
    if (this.stack.includes(dir) || this.stack.length > MAX_DEPTH) {
      const cycle = [...this.stack.slice(this.stack.indexOf(dir)), dir].map((d) => relativePath(this.stack[0] ?? d, d) || '.').join(' -> ');
      this.report(at ?? { file: path, start: 0, end: 1 }, `cycle in kustomizations: ${cycle}`);
      return into ?? [];
    }
    this.stack.push(dir);
    try {
      return this.accumulate(parsed, into ?? []);
    } finally {
      this.stack.pop();
    }
  }

  /** kustomize's ResAccumulator.MergeConfig; the default merged with itself (or into nothing) stays the default. */
  private mergeConfig(incoming: TransformerConfig, origin: Origin): void {
    const fallback = defaultTransformerConfig();
    if (incoming === this.config || (incoming === fallback && this.config === EMPTY_TRANSFORMER_CONFIG)) {
      this.config = incoming;
      return;
    }
    try {
      this.config = mergeTransformerConfigs(this.config, incoming);
    } catch (error) {
      if (!(error instanceof ConfigConflict)) throw error;
      this.report(origin, `configurations: ${error.message}; kustomize refuses them`);
    }
  }

  /** The kustomization's own configuration: kustomize's default merged with its `configurations:` files. */
  private ownConfig(k: Kustomization): TransformerConfig {
    const whole = { file: k.path, start: 0, end: 1 };
    const paths = entries(k.root, 'configurations', whole);
    if (paths.length === 0) return defaultTransformerConfig();
    let custom = EMPTY_TRANSFORMER_CONFIG;
    for (const entry of paths) {
      const path = joinPath(k.dir, entry.value);
      if (!isInside(path, k.dir)) {
        this.report(entry.origin, `configuration "${entry.value}" is outside the kustomization's folder: kustomize refuses it`);
        continue;
      }
      const text = this.read(path);
      if (text === undefined) {
        this.report(entry.origin, `configuration file "${entry.value}" not found`);
        continue;
      }
      const parsed = parseTransformerConfig(text);
      if ('error' in parsed) {
        this.report(entry.origin, `configuration "${entry.value}": ${parsed.error}`);
        continue;
      }
      try {
        custom = mergeTransformerConfigs(custom, parsed);
      } catch (error) {
        if (!(error instanceof ConfigConflict)) throw error;
        this.report(entry.origin, `configuration "${entry.value}": ${error.message}; kustomize refuses it`);
      }
    }
    try {
      return mergeTransformerConfigs(defaultTransformerConfig(), custom);
    } catch (error) {
      if (!(error instanceof ConfigConflict)) throw error;
      this.report(fieldOrigin(k.root, 'configurations') ?? whole, `configurations: ${error.message}; kustomize refuses them`);
      return defaultTransformerConfig();
    }
  }

  /** Resources, generators, components, then transformers: kustomize's order for one kustomization. */
  private accumulate(k: Kustomization, into: Resource[]): Resource[] {
    const whole = { file: k.path, start: 0, end: 1 };
    // kustomize refuses the whole file: nothing of it is built.
    const refused = strictDecodeProblem(k.root, k.text);
    if (refused) {
      this.report(refused.origin ?? whole, refused.message);
      return into;
    }
    if (isEmptyKustomization(k.root)) {
      this.report(whole, `${basenameOf(k.path)} is empty: kubectl kustomize refuses it (list its resources, or delete it)`);
      return into;
    }
    for (const [key, { why, addsResources }] of Object.entries(NOT_RUN_FIELDS)) {
      const origin = fieldOrigin(k.root, key);
      if (!origin) continue;
      this.report(origin, `${key}: ${why}; the rest of the kustomization is built and linted without it.`, 'info');
      if (addsResources) this.incomplete = true;
    }
    const resources = into;
    const invalid = (o: Origin) => this.report(o, 'expected a path (a string)');
    for (const entry of [...entries(k.root, 'resources', whole, invalid), ...entries(k.root, 'bases', whole, invalid)]) {
      this.addResource(k, entry.value, entry.origin, resources);
    }
    this.mergeConfig(this.ownConfig(k), fieldOrigin(k.root, 'configurations') ?? whole);
    this.runGenerators(k, resources);
    this.runBuiltinGeneratorConfigs(k, resources);
    for (const entry of entries(k.root, 'components', whole, invalid)) {
      const dir = joinPath(k.dir, entry.value);
      if (isRemote(entry.value)) {
        this.report(entry.origin, `remote component "${entry.value}" is not fetched; the rest is built without it.`, 'info');
        this.incomplete = true;
        continue;
      }
      const file = this.kustomizationIn(dir, entry.origin);
      if (file) this.buildFile(file, dir, resources, entry.origin);
    }
    this.runTransformers(k, resources);
    // Declared after the transformers: a var names its object by the name written, before any prefix.
    this.vars = declareVars(
      this.vars,
      readVars(k, (o, m) => this.report(o, m)),
      resources,
      (o, m) => this.report(o, m),
    );
    return resources;
  }

  /**
   * The `.gitignore` (relative to the kustomization's folder) that ignores a missing file (absolute): a file made
   * before the build, not a mistake. Its `.gitignore` files are read as the build's own (a change rebuilds).
   */
  private ignoredBy(k: Kustomization, path: string): string | undefined {
    const file = ignoringGitignore(this.fs, path, (read) => this.touch(read));
    return file && relativePath(k.dir, file);
  }

  /** `path` (absolute) as the kustomization written at `at` would name it, for messages. */
  private shown(at: Origin, path: string): string {
    return relativePath(dirnameOf(at.file), path);
  }

  private outsideRoots(path: string): boolean {
    const roots = this.options.roots;
    return !!roots && roots.length > 0 && !roots.some((r) => isInside(path, r));
  }

  private kustomizationIn(dir: string, at: Origin): string | undefined {
    if (this.outsideRoots(dir)) {
      this.report(at, `"${this.shown(at, dir)}" is outside the workspace: not read`);
      return undefined;
    }
    const found = kustomizationFileIn(this.fs, dir);
    for (const name of KUSTOMIZATION_FILE_NAMES) this.files.add(joinPath(dir, name));
    if (found.length > 1)
      this.report(at, `"${this.shown(at, dir)}" has several kustomization files (${found.map((f) => f.split('/').pop()).join(', ')}); kustomize refuses that`);
    if (found.length === 0) {
      this.report(at, `"${this.shown(at, dir)}" has no kustomization file (${KUSTOMIZATION_FILE_LIST})`);
      return undefined;
    }
    return found[0];
  }

  private addResource(k: Kustomization, entry: string, origin: Origin, resources: Resource[]): void {
    if (isRemote(entry)) {
      this.report(origin, `remote resource "${entry}" is not fetched; the rest is built without it.`, 'info');
      this.incomplete = true;
      return;
    }
    const path = joinPath(k.dir, entry);
    if (this.outsideRoots(path)) {
      this.report(origin, `"${entry}" is outside the workspace: not read`);
      return;
    }
    const text = this.read(path);
    if (text === undefined) {
      const found = kustomizationFileIn(this.fs, path);
      for (const name of KUSTOMIZATION_FILE_NAMES) this.files.add(joinPath(path, name));
      if (found.length === 0) {
        const ignoredBy = this.ignoredBy(k, path);
        if (ignoredBy) {
          // Made before the build (`helm template . > all.yaml && kustomize build`): the rest is built without it.
          this.report(origin, madeBeforeBuild(`resource "${entry}"`, ignoredBy, REST_BUILT), 'info');
          this.incomplete = true;
          return;
        }
        this.report(origin, `resource "${entry}" not found (no such file, nor a folder with a ${KUSTOMIZATION_FILE_LIST})`);
        return;
      }
      const [outer, outerVars] = [this.config, this.vars];
      const built = this.buildFile(found[0], path, undefined, origin);
      const [inner, innerVars] = [this.config, this.vars];
      this.config = outer;
      this.mergeConfig(inner, origin);
      for (const resource of built) this.absorb(resource, resources, origin);
      this.vars = mergeVarSets(outerVars, innerVars, origin, (o, m) => this.report(o, m));
      return;
    }
    if (!isInside(path, k.dir)) {
      this.report(
        origin,
        `file "${entry}" is outside the kustomization's folder: kustomize refuses it (make it a resource of a kustomization in its own folder)`,
      );
      return;
    }
    for (const resource of this.parseResources(path, text, origin)) this.absorb(resource, resources, origin);
  }

  private absorb(resource: Resource, resources: Resource[], origin: Origin): void {
    const id = currentId(resource);
    // kustomize's ResId: group, version and kind, name, namespace (an object in two API versions is two resources).
    const clash = resources.find(
      (r) =>
        kindOf(r) === kindOf(resource) &&
        apiVersionOf(r) === apiVersionOf(resource) &&
        nameOf(r) === id.name &&
        sameNamespace(currentId(r).namespace, id.namespace),
    );
    if (clash) {
      this.report(origin, `duplicate resource: ${idLabel(resource)} is already included (from ${this.shown(origin, clash.file)})`);
      return;
    }
    resources.push(resource);
  }

  private parseResources(path: string, text: string, origin: Origin): Resource[] {
    const out: Resource[] = [];
    for (const doc of parseYamlFile(path, text)) {
      if (doc.error) {
        this.report(origin, `"${this.shown(origin, path)}" is not valid YAML: ${doc.error.message}`);
        continue;
      }
      if (!isKMap(doc.node)) continue;
      // Shared parse: the build changes its own copy.
      const root = clone(doc.node);
      const items = get(root, 'items');
      if (getString(root, 'kind')?.endsWith('List') && isKSeq(items)) {
        for (const item of items.items) if (isKMap(item)) out.push({ root: item, previous: [], file: path, chain: [...this.stack] });
        continue;
      }
      if (!getString(root, 'kind') || !getString(root, 'apiVersion')) {
        this.report(root.origin ?? origin, `"${this.shown(origin, path)}": a resource needs apiVersion and kind`);
        continue;
      }
      out.push({ root, previous: [], file: path, chain: [...this.stack] });
    }
    return out;
  }

  private runGenerators(k: Kustomization, resources: Resource[]): void {
    const options = field(k.root, 'generatorOptions');
    for (const [key, kind] of [
      ['configMapGenerator', 'ConfigMap'],
      ['secretGenerator', 'Secret'],
    ] as const) {
      for (const spec of mapItems(k.root, key)) {
        const generated = generate({
          kind,
          spec,
          options,
          dir: k.dir,
          fs: this.fs,
          file: k.path,
          report: (p) => this.report({ file: p.file ?? k.path, start: p.start, end: p.end }, p.message, p.severity),
          readFile: (path) => this.read(path),
          ignoredBy: (path) => this.ignoredBy(k, path),
        });
        if (generated) generated.chain = [...this.stack];
        if (generated) this.mergeGenerated(generated, resources, spec.origin ?? { file: k.path, start: 0, end: 1 });
      }
    }
  }

  /**
   * The entries of `generators:` or `transformers:` (files or inline YAML) that configure one of kustomize's built-in
   * plugins (`apiVersion: builtin` and a kind of `kinds`), each with the file it is written in; any other is a plugin,
   * or a built-in Harden does not run: never run (an info finding naming it, and the build may lack what it would
   * have made).
   */
  private builtinPluginConfigs(k: Kustomization, key: 'generators' | 'transformers', kinds: readonly string[]): BuiltinPluginConfig[] {
    const whole = { file: k.path, start: 0, end: 1 };
    const value = field(k.root, key);
    if (!isKSeq(value)) return [];
    const what = key === 'generators' ? 'generator' : 'transformer';
    const notRun = (origin: Origin, builtin?: string) => {
      const why = builtin ? `kustomize's built-in ${builtin} is not run by Harden` : `${what} plugins are not run`;
      this.report(origin, `${key}: ${why}; the rest of the kustomization is built and linted without it.`, 'info');
      this.incomplete = true;
    };
    const out: BuiltinPluginConfig[] = [];
    // kustomize reads the inline configurations first, then the files (KustTarget.configureExternalTransformers).
    const inline = (item: KNode) => isKScalar(item) && typeof item.value === 'string' && item.value.includes('\n');
    for (const item of [...value.items.filter(inline), ...value.items.filter((item) => !inline(item))]) {
      const origin = item.origin ?? whole;
      if (!isKScalar(item) || typeof item.value !== 'string') {
        notRun(origin);
        continue;
      }
      let nodes: KNode[] | undefined;
      let source: PatchSource = { file: k.path, text: k.text };
      const built = inline(item) || isRemote(item.value) ? undefined : this.pluginConfigFolder(k, item.value, origin);
      if (built) nodes = built;
      else if (inline(item)) nodes = this.inlinePatch(k, item.value, item)?.nodes;
      else {
        if (isRemote(item.value) || !isInside(joinPath(k.dir, item.value), k.dir)) {
          notRun(origin);
          continue;
        }
        const loaded = this.loadFile(k, item.value, origin, `${what} configuration`);
        nodes = loaded?.nodes;
        if (loaded) source = { file: loaded.file, text: this.fs.readFile(loaded.file) ?? '' };
      }
      for (const node of nodes ?? []) {
        // A configuration built from a folder is written in its own file.
        if (built && node.origin) source = { file: node.origin.file, text: this.read(node.origin.file) ?? '' };
        const kind = isKMap(node) && getString(node, 'apiVersion') === 'builtin' ? getString(node, 'kind') : undefined;
        if (isKMap(node) && kind && kinds.includes(kind)) out.push({ node, kind, origin: node.origin ?? origin, source });
        else notRun(isKMap(node) && node.origin ? node.origin : origin, kind && KUSTOMIZE_BUILTINS.has(kind) ? kind : undefined);
      }
    }
    return out;
  }

  /**
   * A `generators:` or `transformers:` entry naming a folder with a kustomization: kustomize builds it (on its own, its
   * configurations not merged into this build's) and takes the objects built as the plugins' configurations.
   * Undefined when the entry is no such folder.
   */
  private pluginConfigFolder(k: Kustomization, entry: string, origin: Origin): KMap[] | undefined {
    const path = joinPath(k.dir, entry);
    if (this.read(path) !== undefined || kustomizationFileIn(this.fs, path).length === 0) return undefined;
    const file = this.kustomizationIn(path, origin);
    if (!file) return [];
    const [config, vars] = [this.config, this.vars];
    try {
      return this.buildFile(file, path, undefined, origin).map((resource) => resource.root);
    } finally {
      [this.config, this.vars] = [config, vars];
    }
  }

  /** `generators:` that configure kustomize's built-in ConfigMapGenerator or SecretGenerator, run like `configMapGenerator` entries. */
  private runBuiltinGeneratorConfigs(k: Kustomization, resources: Resource[]): void {
    for (const { node, kind, origin } of this.builtinPluginConfigs(k, 'generators', ['ConfigMapGenerator', 'SecretGenerator'])) {
      // The plugin's config: its metadata names the object; the rest is a generator entry's fields.
      const spec: KMap = { ...node, items: node.items.filter((p) => p.key !== 'apiVersion' && p.key !== 'kind' && p.key !== 'metadata') };
      const metadata = get(node, 'metadata');
      for (const key of ['namespace', 'name']) {
        const pair = isKMap(metadata) ? pairIn(metadata, key) : undefined;
        if (pair) spec.items.unshift({ ...pair });
      }
      const generated = generate({
        kind: kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret',
        spec,
        options: undefined,
        dir: k.dir,
        fs: this.fs,
        file: k.path,
        report: (p) => this.report({ file: p.file ?? k.path, start: p.start, end: p.end }, p.message, p.severity),
        readFile: (path) => this.read(path),
        ignoredBy: (path) => this.ignoredBy(k, path),
      });
      if (generated) {
        generated.chain = [...this.stack];
        this.mergeGenerated(generated, resources, node.origin ?? origin);
      }
    }
  }

  /**
   * `transformers:` that configure one of kustomize's built-in transformers Harden runs (BUILTIN_TRANSFORMERS), in
   * their order, after the kustomization's own transformers as in kustomize.
   */
  private runBuiltinTransformerConfigs(k: Kustomization, resources: Resource[]): void {
    for (const { node, kind, origin, source } of this.builtinPluginConfigs(k, 'transformers', BUILTIN_TRANSFORMERS)) {
      switch (kind) {
        case 'LabelTransformer':
        case 'AnnotationsTransformer': {
          const pairs = stringMapField(get(node, kind === 'LabelTransformer' ? 'labels' : 'annotations'));
          if (pairs.length > 0) addLabels(resources, { pairs, specs: fieldSpecsOf(get(node, 'fieldSpecs')) });
          break;
        }
        case 'PatchTransformer':
          // The `patches:` entry's fields; `path` is read from the kustomization's folder, as kustomize's loader does.
          this.runPatch(k, node, origin, resources, source);
          break;
        case 'PrefixSuffixTransformer':
        case 'PrefixTransformer':
        case 'SuffixTransformer':
          this.runAffixTransformer(node, kind, origin, resources);
          break;
      }
    }
  }

  /**
   * kustomize's PrefixTransformer and SuffixTransformer (PrefixSuffixTransformer: the one, then the other) over the
   * configuration's own field specs, which it must have (no default: kustomize refuses the configuration).
   */
  private runAffixTransformer(node: KMap, kind: string, origin: Origin, resources: Resource[]): void {
    const specsNode = get(node, 'fieldSpecs');
    if (!specsNode || (isKScalar(specsNode) && specsNode.value === null)) {
      this.report(origin, `${kind} "${getString(node, 'metadata', 'name') ?? ''}": fieldSpecs is not expected to be nil (kustomize refuses it)`);
      return;
    }
    const specs = fieldSpecsOf(specsNode);
    for (const where of ['prefix', 'suffix'] as const) {
      if (kind === (where === 'prefix' ? 'SuffixTransformer' : 'PrefixTransformer')) continue;
      const affix = get(node, where);
      // An empty affix changes no value (kustomize's transformer then only records it).
      if (isKScalar(affix) && affix.value !== null && String(affix.value) !== '')
        addNameAffix(resources, String(affix.value), where, specs, affix.origin ?? origin);
    }
  }

  private mergeGenerated(generated: Resource, resources: Resource[], origin: Origin): void {
    const id = currentId(generated);
    const existing = resources.find(
      (r) => kindOf(r) === kindOf(generated) && allIds(r).some((p) => p.name === id.name && sameNamespace(p.namespace, id.namespace)),
    );
    if (generated.behavior === 'create' || !existing) {
      if (generated.behavior !== 'create' && !existing)
        this.report(origin, `behavior "${generated.behavior}" but no ${kindOf(generated)} "${id.name}" to ${generated.behavior}`);
      else this.absorb(generated, resources, origin);
      return;
    }
    for (const key of ['data', 'binaryData']) {
      const incoming = get(generated.root, key);
      if (!isKMap(incoming)) continue;
      const target = generated.behavior === 'replace' ? undefined : get(existing.root, key);
      existing.root.items = existing.root.items.filter((p) => p.key !== key || generated.behavior !== 'replace');
      strategicMerge(target ?? existing.root, target ? incoming : { type: 'map', items: [{ key, value: incoming }] }, { schema: false });
    }
    for (const key of ['labels', 'annotations']) {
      const incoming = get(generated.root, 'metadata', key);
      if (isKMap(incoming))
        strategicMerge(
          existing.root,
          { type: 'map', items: [{ key: 'metadata', value: { type: 'map', items: [{ key, value: incoming }] } }] },
          { schema: false },
        );
    }
    // A plain ConfigMap merged with generated data stays unhashed, as in kustomize.
    existing.hashSuffix = !!existing.hashSuffix && generated.hashSuffix !== false;
  }

  private runTransformers(k: Kustomization, resources: Resource[]): void {
    const whole = { file: k.path, start: 0, end: 1 };
    // patchesStrategicMerge: paths or inline documents.
    const legacy = field(k.root, 'patchesStrategicMerge');
    if (isKSeq(legacy)) {
      for (const item of legacy.items) {
        if (!isKScalar(item) || typeof item.value !== 'string') continue;
        const patch = this.loadPatch(k, item.value, item, item.origin ?? whole, true);
        if (patch) this.applyPatch(patch, undefined, resources, item.origin ?? whole);
      }
    }
    for (const spec of mapItems(k.root, 'patches')) this.runPatch(k, spec, spec.origin ?? whole, resources);
    const tables = specTables(this.config);
    const namespace = stringField(k.root, 'namespace');
    if (namespace) setNamespace(resources, namespace, get(k.root, 'namespace')!.origin ?? whole, tables);
    const prefix = stringField(k.root, 'namePrefix') ?? '';
    const suffix = stringField(k.root, 'nameSuffix') ?? '';
    const affixOrigin = get(k.root, prefix ? 'namePrefix' : 'nameSuffix')?.origin ?? whole;
    if (prefix) addNameAffix(resources, prefix, 'prefix', tables.namePrefix, affixOrigin);
    if (suffix) addNameAffix(resources, suffix, 'suffix', tables.nameSuffix, affixOrigin);
    this.runLabels(k, resources);
    const annotations = stringMapField(field(k.root, 'commonAnnotations'));
    if (annotations.length > 0) addLabels(resources, { pairs: annotations, specs: tables.commonAnnotations });
    for (const spec of mapItems(k.root, 'patchesJson6902')) {
      const origin = spec.origin ?? whole;
      const target = readTarget(get(spec, 'target'));
      const pathNode = get(spec, 'path');
      const inline = get(spec, 'patch');
      let patch: LoadedPatch | undefined;
      if (isKScalar(pathNode) && pathNode.value !== null) patch = this.loadPatch(k, String(pathNode.value), undefined, pathNode.origin ?? origin, false);
      else if (isKScalar(inline) && typeof inline.value === 'string') patch = this.inlinePatch(k, inline.value, inline);
      if (patch) this.applyPatch(patch, target, resources, origin, true);
    }
    for (const spec of mapItems(k.root, 'replicas')) {
      const name = getString(spec, 'name');
      const count = get(spec, 'count');
      if (name && count) setReplicas(resources, name, count, spec.origin ?? whole, tables);
    }
    for (const spec of mapItems(k.root, 'images')) {
      const name = getString(spec, 'name');
      if (!name) continue;
      const newTag = get(spec, 'newTag');
      const origin = (get(spec, 'digest') ?? newTag ?? get(spec, 'newName'))?.origin ?? spec.origin ?? whole;
      setImages(
        resources,
        {
          name,
          newName: getString(spec, 'newName'),
          newTag: isKScalar(newTag) && newTag.value !== null ? String(newTag.value) : undefined,
          digest: getString(spec, 'digest'),
          origin,
        },
        tables,
      );
    }
    // Last, as kustomize runs its ReplacementTransformer after the other built-in transformers.
    // A source that selects nothing is, like a patch's missing target, what the build may have left out.
    applyReplacements(this.replacementSpecs(k), resources, (origin, message, missingSource) =>
      this.report(origin, message, 'error', missingSource ? { missingTarget: true } : {}),
    );
    this.runBuiltinTransformerConfigs(k, resources);
  }

  /**
   * A `patches:` entry, or a built-in PatchTransformer's configuration (kustomize runs both with that plugin): a patch
   * file (`path`) or an inline `patch`, with `target` and `options`. `source`: the file the entry is written in.
   */
  private runPatch(k: Kustomization, spec: KMap, origin: Origin, resources: Resource[], source?: PatchSource): void {
    const pathNode = get(spec, 'path');
    const inline = get(spec, 'patch');
    const target = readTarget(get(spec, 'target'));
    const options = get(spec, 'options');
    const allowed = (key: string) => isKMap(options) && options.items.some((p) => p.key === key && isKScalar(p.value) && p.value.value === true);
    const renames: Renames = { name: allowed('allowNameChange'), kind: allowed('allowKindChange') };
    let patch: LoadedPatch | undefined;
    if (isKScalar(pathNode) && pathNode.value !== null) patch = this.loadPatch(k, String(pathNode.value), undefined, pathNode.origin ?? origin, false);
    else if (isKScalar(inline) && typeof inline.value === 'string') patch = this.inlinePatch(k, inline.value, inline, source);
    else this.report(origin, 'a patch needs "path" or "patch"');
    if (patch) this.applyPatch(patch, target, resources, origin, false, renames);
  }

  /** The kustomization's replacements: inline, or read from a file holding one or a list. */
  private replacementSpecs(k: Kustomization): ReplacementSpec[] {
    const whole = { file: k.path, start: 0, end: 1 };
    const out: ReplacementSpec[] = [];
    for (const entry of mapItems(k.root, 'replacements')) {
      const origin = entry.origin ?? whole;
      const pathNode = get(entry, 'path');
      if (!isKScalar(pathNode) || pathNode.value === null) {
        out.push({ node: entry, origin });
        continue;
      }
      if (get(entry, 'source') || get(entry, 'targets')) {
        this.report(origin, 'a replacement cannot have both a path and inline fields');
        continue;
      }
      const loaded = this.loadFile(k, String(pathNode.value), pathNode.origin ?? origin, 'replacements file');
      // One replacement or a list of them.
      for (const node of loaded?.nodes ?? []) {
        for (const item of isKSeq(node) ? node.items : [node]) if (isKMap(item)) out.push({ node: item, origin: item.origin ?? origin });
      }
    }
    return out;
  }

  private runLabels(k: Kustomization, resources: Resource[]): void {
    const specs = specTables(this.config);
    for (const entry of mapItems(k.root, 'labels')) {
      const pairs = stringMapField(get(entry, 'pairs'));
      if (pairs.length === 0) continue;
      const flag = (key: string) => isKScalar(get(entry, key)) && (get(entry, key) as { value: unknown }).value === true;
      const chosen = flag('includeSelectors')
        ? specs.commonLabels
        : specs.plainLabels[(flag('includeTemplates') ? 1 : 0) + (flag('includeVolumeClaimTemplates') ? 2 : 0)];
      addLabels(resources, { pairs, specs: chosen });
    }
    const common = stringMapField(field(k.root, 'commonLabels'));
    if (common.length > 0) addLabels(resources, { pairs: common, specs: specs.commonLabels });
  }

  private loadPatch(k: Kustomization, value: string, node: KNode | undefined, origin: Origin, inlineAllowed: boolean): LoadedPatch | undefined {
    // patchesStrategicMerge entries may be inline YAML rather than a path.
    if (inlineAllowed && node && /\n|^\s*(apiVersion|kind|metadata)\s*:/.test(value)) return this.inlinePatch(k, value, node);
    return this.loadFile(k, value, origin, 'patch file');
  }

  /**
   * A file the kustomization names (a patch, a plugin's configuration, replacements), parsed once per text (read only);
   * kustomize refuses one outside the kustomization's folder.
   */
  private loadFile(k: Kustomization, value: string, origin: Origin, what: string): LoadedPatch | undefined {
    // kustomize's loader fetches an http(s) address (`path: https://raw.githubusercontent.com/…/patch.yaml`).
    if (isRemoteFile(value)) {
      this.report(origin, `remote ${what} "${value}" is not fetched; ${REST_BUILT.toLowerCase()}.`, 'info');
      this.incomplete = true;
      return undefined;
    }
    const path = joinPath(k.dir, value);
    if (!isInside(path, k.dir)) {
      this.report(origin, `${what} "${value}" is outside the kustomization's folder: kustomize refuses it`);
      return undefined;
    }
    const text = this.read(path);
    if (text === undefined) {
      const ignoredBy = this.ignoredBy(k, path);
      // Made before the build (`envsubst < patch.tmpl > params.yaml && kustomize build`): not applied here.
      if (ignoredBy) {
        this.report(origin, madeBeforeBuild(`${what} "${value}"`, ignoredBy, REST_BUILT), 'info');
        this.incomplete = true;
      } else this.report(origin, `${what} "${value}" not found`);
      return undefined;
    }
    return this.parsePatch(text, path, path, (o) => o, origin, text, what);
  }

  /** A patch (or plugin configuration) written as a string in the kustomization, or in `source` (a transformer's configuration). */
  private inlinePatch(k: Kustomization, value: string, node: KNode, source: PatchSource = { file: k.path, text: k.text }): LoadedPatch | undefined {
    const mapOrigin = inlineOffsetMapper(source.text, node.origin, value, source.file);
    const at = { file: source.file, start: 0, end: 1 };
    return this.parsePatch(value, source.file, `${source.file}#${node.origin?.start ?? 0}`, mapOrigin, node.origin ?? at, source.text);
  }

  /**
   * `cacheKey`: the patch file, or the kustomization and the inline patch's offset; `source`: the text the
   * patch and its origins follow from (the kustomization's, for an inline patch). The nodes are shared: read only.
   */
  private parsePatch(
    text: string,
    file: string,
    cacheKey: string,
    mapOrigin: (o: Origin) => Origin,
    origin: Origin,
    source = text,
    what = 'patch',
  ): LoadedPatch | undefined {
    const loaded = cachedPatch(`${cacheKey}\u0000${file}\u0000${source}`, (): LoadedPatch | { error: string } => {
      const nodes: KNode[] = [];
      for (const doc of parseYamlFile(cacheKey, text)) {
        if (doc.error) return { error: doc.error.message };
        if (doc.node) nodes.push(remapOrigins(doc.node, mapOrigin, file));
      }
      return { file, nodes };
    });
    if ('error' in loaded) {
      this.report(origin, `${what} is not valid YAML: ${loaded.error}`);
      return undefined;
    }
    return loaded;
  }

  private applyPatch(
    patch: LoadedPatch,
    target: Target | undefined,
    resources: Resource[],
    origin: Origin,
    jsonOnly = false,
    renames: Renames = { name: false, kind: false },
  ): void {
    for (const node of patch.nodes) {
      if (isKSeq(node)) {
        if (!target) {
          this.report(origin, 'a JSON 6902 patch needs a target');
          continue;
        }
        const text = this.fs.readFile(patch.file) ?? '';
        const ops = node.items.filter(isKMap).map((op): JsonPatchOp => {
          const value = get(op, 'value');
          return {
            op: getString(op, 'op') ?? '',
            path: getString(op, 'path') ?? '',
            from: getString(op, 'from'),
            value: value && asYaml11(value, text),
            origin: op.origin,
          };
        });
        const notJson = ops.find((op) => op.value && !isJsonData(op.value));
        if (notJson) {
          this.report(notJson.origin ?? origin, 'a JSON patch value must be JSON data (.inf and .nan are not): kustomize fails on this patch');
          continue;
        }
        for (const resource of resources.filter((r) => targetMatches(target, r))) {
          try {
            const root = withInternalAnnotations(resource.root, (withAnnotations) => applyJsonPatch(withAnnotations, ops));
            if (isKMap(root)) resource.root = root;
          } catch (error) {
            if (!(error instanceof JsonPatchError)) throw error;
            this.report(origin, `JSON patch on ${idLabel(resource)} failed: ${error.message}`);
          }
        }
        continue;
      }
      if (!isKMap(node) || jsonOnly) {
        if (jsonOnly) this.report(origin, 'patchesJson6902 expects a list of operations');
        continue;
      }
      const matched = target ? resources.filter((r) => targetMatches(target, r)) : resources.filter((r) => patchIdMatches(node, r));
      if (!target && matched.length === 0) {
        const kind = getString(node, 'kind') ?? '?';
        const name = getString(node, 'metadata', 'name') ?? '?';
        const apiVersion = getString(node, 'apiVersion');
        const otherVersion = resources.find((r) => kindOf(r) === kind && nameOf(r) === name && apiVersionOf(r) !== apiVersion);
        this.report(
          origin,
          otherVersion
            ? `patch targets ${apiVersion} ${kind} "${name}", but the resources have it as ${apiVersionOf(otherVersion)}: kustomize matches a patch by group, version and kind`
            : `patch targets ${kind} "${name}", which is not among the resources`,
          'error',
          { missingTarget: true },
        );
        continue;
      }
      for (const resource of matched) this.mergeInto(resource, node, resources, renames);
    }
  }

  private mergeInto(resource: Resource, patch: KMap, resources: Resource[], renames: Renames = { name: false, kind: false }): void {
    const directive = get(patch, '$patch');
    if (isKScalar(directive) && directive.value === 'delete') {
      resources.splice(resources.indexOf(resource), 1);
      return;
    }
    // The patch's own name and kind identify the target; they rename it only with allowNameChange /
    // allowKindChange (kustomize's ApplySmPatch, which then remembers the earlier id).
    if (renames.name || renames.kind) storePreviousId(resource);
    const body: KMap = { ...patch, items: patch.items.filter((p) => (p.key !== 'apiVersion' && p.key !== 'kind') || renames.kind) };
    const metadata = get(body, 'metadata');
    if (isKMap(metadata)) {
      body.items = body.items.map((p) =>
        p.key === 'metadata'
          ? { ...p, value: { ...metadata, items: metadata.items.filter((m) => (m.key === 'name' ? renames.name : m.key !== 'namespace')) } }
          : p,
      );
    }
    const merged = strategicMerge(resource.root, body, { schema: hasBuiltinSchema(resource) });
    if (isKMap(merged)) resource.root = merged;
    clearNullFields(resource.root);
  }
}

/** Patch options allowNameChange / allowKindChange. */
interface Renames {
  name: boolean;
  kind: boolean;
}

interface LoadedPatch {
  file: string;
  nodes: KNode[];
}

/** A file something is written in, and its text (where an inline patch's lines are). */
interface PatchSource {
  file: string;
  text: string;
}

/** A `generators:` or `transformers:` entry configuring a built-in plugin Harden runs. */
interface BuiltinPluginConfig {
  node: KMap;
  kind: string;
  origin: Origin;
  /** The file the configuration is written in. */
  source: PatchSource;
}

/** The built-in transformers Harden runs when `transformers:` configures them. */
const BUILTIN_TRANSFORMERS = [
  'LabelTransformer',
  'AnnotationsTransformer',
  'PatchTransformer',
  'PrefixSuffixTransformer',
  'PrefixTransformer',
  'SuffixTransformer',
];

/** kustomize's built-in plugins (api/internal/plugins/builtinhelpers), which it runs from `apiVersion: builtin` configurations. */
const KUSTOMIZE_BUILTINS = new Set([
  'AnnotationsTransformer',
  'ConfigMapGenerator',
  'IAMPolicyGenerator',
  'HashTransformer',
  'ImageTagTransformer',
  'LabelTransformer',
  'NamespaceTransformer',
  'PatchJson6902Transformer',
  'PatchStrategicMergeTransformer',
  'PatchTransformer',
  'PrefixSuffixTransformer',
  'PrefixTransformer',
  'SuffixTransformer',
  'ReplicaCountTransformer',
  'SecretGenerator',
  'ValueAddTransformer',
  'HelmChartInflationGenerator',
  'ReplacementTransformer',
]);

const apiGroup = (r: Resource) => {
  const v = apiVersionOf(r);
  return v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '';
};

function patchIdMatches(patch: KMap, resource: Resource): boolean {
  const kind = getString(patch, 'kind');
  // By the current kind, or an earlier one (a patch with allowKindChange changed it).
  if (kind !== kindOf(resource) && !resource.previous.some((id) => id.kind === kind)) return false;
  const apiVersion = getString(patch, 'apiVersion');
  // By group, version and kind, as kustomize matches ids: an apps/v1beta2 patch matches no apps/v1 Deployment.
  if (apiVersion && kind === kindOf(resource) && apiVersion !== apiVersionOf(resource)) return false;
  const patchGroup = (apiVersion ?? '').split('/');
  if (patchGroup.length === 2 && patchGroup[0] !== apiGroup(resource)) return false;
  const name = getString(patch, 'metadata', 'name');
  const namespace = getString(patch, 'metadata', 'namespace') ?? '';
  return allIds(resource).some(
    (id) => (id.kind ?? kindOf(resource)) === kind && id.name === name && (namespace === '' || sameNamespace(id.namespace, namespace)),
  );
}

/** A copy of a parsed patch whose origins are moved (inline patches) and attributed to `file`. */
function remapOrigins<T extends KNode>(node: T, map: (o: Origin) => Origin, file: string): T {
  const at = (o: Origin | undefined) => (o ? map({ ...o, file }) : undefined);
  if (node.type === 'scalar') return { ...node, origin: at(node.origin) };
  if (node.type === 'seq') return { ...node, origin: at(node.origin), items: node.items.map((i) => remapOrigins(i, map, file)) };
  return { ...node, origin: at(node.origin), items: node.items.map((p) => ({ ...p, keyOrigin: at(p.keyOrigin), value: remapOrigins(p.value, map, file) })) };
}

/**
 * An inline patch is a block scalar inside the kustomization: offsets in its value map to the file by
 * line (each content line sits `indent` columns in). Other scalar styles map to the scalar itself.
 */
function inlineOffsetMapper(fileText: string, scalar: Origin | undefined, value: string, file: string): (o: Origin) => Origin {
  const whole = scalar ?? { file, start: 0, end: 1 };
  const indicator = fileText.slice(whole.start, whole.start + 1);
  if (indicator !== '|' && indicator !== '>') return () => whole;
  const firstLine = fileText.indexOf('\n', whole.start) + 1;
  if (firstLine === 0) return () => whole;
  const fileLines: number[] = [];
  for (let at = firstLine; at < whole.end && at !== 0; at = fileText.indexOf('\n', at) + 1) fileLines.push(at);
  const indentMatch = /^ */.exec(fileText.slice(firstLine));
  const indent = indentMatch ? indentMatch[0].length : 0;
  const valueLines = [0];
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) valueLines.push(i + 1);
  const toFile = (offset: number) => {
    let line = 0;
    while (line + 1 < valueLines.length && valueLines[line + 1] <= offset) line++;
    const start = fileLines[Math.min(line, fileLines.length - 1)] ?? whole.start;
    return start + indent + (offset - valueLines[line]);
  };
  return (o) => ({ file, start: toFile(o.start), end: toFile(o.end) });
}

/**
 * kyaml keeps internal annotations (`config.kubernetes.io/index`, …) on every object while kustomize runs its
 * transformers, so a JSON patch always finds `metadata.annotations`: `op: add` of
 * `/metadata/annotations/iam.gke.io~1gcp-service-account` works on an object without annotations (bank-of-anthos),
 * where `/metadata/labels/x` fails. The map is there during the patch, and gone after it if it stayed empty.
 */
function withInternalAnnotations(root: KMap, patch: (root: KMap) => KNode): KNode {
  const metadata = pairIn(root, 'metadata')?.value;
  const added = isKMap(metadata) && !pairIn(metadata, 'annotations') ? { key: 'annotations', value: kmap() } : undefined;
  if (added) (metadata as KMap).items.push(added);
  try {
    return patch(root);
  } finally {
    if (added && isKMap(metadata)) {
      const annotations = pairIn(metadata, 'annotations');
      if (annotations === added && added.value.items.length === 0) metadata.items = metadata.items.filter((p) => p !== added);
    }
  }
}

/**
 * What kustomize calls "kustomization.yaml is empty": every field at its Go zero value (unset, null or `""`) but
 * apiVersion and kind. `resources: []` is not empty; `resources:` is.
 */
function isEmptyKustomization(root: KMap): boolean {
  return root.items.every(({ key, value }) => key === 'apiVersion' || key === 'kind' || (isKScalar(value) && (value.value === null || value.value === '')));
}
