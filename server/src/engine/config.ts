// `.harden.yaml`: one configuration for the editor and CI. Pure: the host finds and reads the file; this
// module validates it. An invalid file yields one problem and no settings (linting goes on with defaults).
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { ruleById } from './rules';
import { nestingTooDeep } from './yaml/documents';
import { KUBERNETES_MINOR_VERSION } from './k8s/versions';
import { isSeverityOrOff, type EngineSettings, type HostFileSystem, type SeverityOrOff } from './types';

export const CONFIG_FILE_NAMES = ['.harden.yaml', '.harden.yml'];

/**
 * What schema validation's findings carry where a rule id goes (the editor's diagnostic source). Users turn it off
 * as a rule: `harden-schema: off` in `.harden.yaml`, `--rule harden-schema=off`. Its checks keep their own severities.
 */
export const SCHEMA_RULE_ID = 'harden-schema';

/** Whether these settings turn schema validation off (`harden-schema: off`). */
export function schemaTurnedOff(settings: Partial<Pick<EngineSettings, 'rules'>>): boolean {
  return settings.rules?.[SCHEMA_RULE_ID] === 'off';
}

export interface HardenConfig {
  settings: Partial<EngineSettings>;
  /** Globs (relative to the config file's folder) of files not to lint. */
  ignore: string[];
  /**
   * Files or folders (relative to the config file's folder, or absolute) of CustomResourceDefinition
   * manifests whose schemas validate custom resources; the host reads them.
   */
  crds: string[];
}

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
  /** `warning`: the entry is left out, the rest of the file applies. Otherwise the whole file is invalid. */
  severity?: 'warning';
}

const KEYS = new Set(['rules', 'kubernetesVersion', 'ignore', 'workloadKinds', 'images', 'dockerTarget', 'defaultNamespace', 'helm', 'crds']);
const HELM_KEYS = ['valuesFiles', 'releaseName', 'namespace', 'kubeVersion'];

export function isConfigFile(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return CONFIG_FILE_NAMES.includes(base);
}

/**
 * The settings of a `.harden.yaml`, and its problems: an error makes the whole file invalid (no settings);
 * warnings (`severity: 'warning'`) name entries that are left out.
 */
export function parseConfig(text: string): { config: HardenConfig; problems: ConfigProblem[] } {
  const empty: HardenConfig = { settings: {}, ignore: [], crds: [] };
  if (nestingTooDeep(text))
    return { config: empty, problems: [{ message: '.harden.yaml does not parse: nested too deeply', start: 0, end: Math.min(1, text.length) }] };
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { config: empty, problems: [{ message: '.harden.yaml does not parse: nested too deeply', start: 0, end: Math.min(1, text.length) }] };
  }
  if (doc.errors.length > 0) {
    const [start, end] = doc.errors[0].pos;
    return { config: empty, problems: [{ message: `.harden.yaml does not parse: ${doc.errors[0].message.split('\n')[0]}`, start, end }] };
  }
  const alias = aliasProblem(doc);
  if (alias) return { config: empty, problems: [alias] };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { config: empty, problems: [] };
  if (!isMap(root)) return { config: empty, problems: [problem('.harden.yaml must be a map of settings', root)] };
  const problems: ConfigProblem[] = [];
  const settings: Partial<EngineSettings> = {};
  const ignore: string[] = [];
  const crds: string[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const at = (message: string, node: Node | null = value) => problems.push(problem(message, node ?? (pair.key as Node)));
    switch (key) {
      case 'rules':
        settings.rules = readRules(value, at);
        break;
      case 'kubernetesVersion': {
        // YAML reads an unquoted 1.30 as the number 1.3: only a string says which minor version was meant.
        const v = isScalar(value) && typeof value.value === 'string' ? value.value : '';
        if (KUBERNETES_MINOR_VERSION.test(v)) settings.kubernetesVersion = v;
        else
          at(
            `kubernetesVersion must be a quoted version such as "1.32" (unquoted, YAML reads 1.30 as the number 1.3), got ${isScalar(value) ? String(value.value) : 'nothing'}`,
          );
        break;
      }
      case 'ignore':
        if (isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          ignore.push(...value.items.map((i) => String((i as { value: unknown }).value)));
        } else at('ignore must be a list of glob strings');
        break;
      case 'crds':
        if (isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value !== '')) {
          // As for images: a repository's config never points the linter at files elsewhere on the disk.
          for (const item of value.items as Array<Node & { value: unknown }>) {
            const path = String(item.value);
            if (!leavesFolder(path)) crds.push(path);
            else
              problems.push({
                ...problem(
                  `crds: ${path} is outside the folder of this .harden.yaml; the entry is ignored (write a path relative to this folder, inside it)`,
                  item,
                ),
                severity: 'warning',
              });
          }
        } else at('crds must be a list of paths (files or folders of CustomResourceDefinition manifests, relative to this file)');
        break;
      case 'workloadKinds':
      case 'images': {
        const map = readStringMap(value);
        if (map && key === 'images') settings.images = withoutOutsidePaths(map, value, problems);
        else if (map) settings[key] = map;
        else
          at(
            `${key} must map names to strings (${key === 'images' ? 'image -> Dockerfile path' : 'apiVersion/kind, group/kind or kind -> pod template path such as spec.template'})`,
          );
        break;
      }
      case 'dockerTarget':
      case 'defaultNamespace':
        if (isScalar(value) && typeof value.value === 'string') settings[key] = value.value;
        else at(`${key} must be a string`);
        break;
      case 'helm': {
        const helm = readHelm(value, at);
        if (helm) settings.helm = helm;
        break;
      }
      default:
        at(`Unknown setting "${key}" in .harden.yaml (known: ${[...KEYS].join(', ')})`, pair.key as Node);
    }
  }
  if (problems.some((p) => p.severity !== 'warning')) return { config: empty, problems: problems.filter((p) => p.severity !== 'warning') };
  return { config: { settings, ignore, crds }, problems };
}

/**
 * Anchors and aliases are refused with a message that says so: a config is a few lines, and an alias bomb
 * (aliases of aliases) would otherwise show up as a confusing "got undefined" or as a huge expansion.
 */
function aliasProblem(doc: ReturnType<typeof parseDocument>): ConfigProblem | undefined {
  const aliases: Node[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  if (aliases.length === 0) return undefined;
  const first = aliases[0];
  const name = isAlias(first) ? first.source : '';
  const bomb = aliases.length > 9 ? `; ${aliases.length} aliases here, which could expand into a huge value (an alias bomb)` : '';
  return problem(`.harden.yaml uses the YAML alias *${name}${bomb}. Anchors and aliases are not supported in .harden.yaml: write the values out`, first);
}

/**
 * `images` paths must name files of the workspace, relative to this file's folder and inside it. Absolute
 * paths (`/etc/passwd`, devices) and paths that climb out of the folder (`../../x`) are left out, each with
 * a warning on its line, so that a config can never point the linter at files elsewhere on the disk.
 */
function withoutOutsidePaths(map: Record<string, string>, node: Node | null, problems: ConfigProblem[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [image, file] of Object.entries(map)) {
    if (!leavesFolder(file)) {
      kept[image] = file;
      continue;
    }
    const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === image) : undefined;
    const at = (pair?.value as Node | undefined) ?? node;
    const message = `images: ${image} -> ${file} is outside the folder of this .harden.yaml; the entry is ignored (write a path relative to this folder, inside it)`;
    if (at) problems.push({ ...problem(message, at), severity: 'warning' });
  }
  return kept;
}

function leavesFolder(file: string): boolean {
  const posix = file.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[A-Za-z]:\//.test(posix) || posix.startsWith('~')) return true;
  let depth = 0;
  for (const segment of posix.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

function readRules(value: Node | null, at: (message: string, node?: Node | null) => void): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  if (!isMap(value)) {
    at('rules must map rule ids to off, info, warning or error');
    return rules;
  }
  for (const pair of value.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const severityNode = pair.value as Node | null;
    // YAML 1.2 reads `off` as a string, but users also write `false` to mean off.
    const raw = isScalar(severityNode) ? severityNode.value : undefined;
    const severity = raw === false ? 'off' : String(raw);
    if (id === SCHEMA_RULE_ID && severity !== 'off')
      at(`${SCHEMA_RULE_ID} (schema validation) can only be turned off: its checks keep their own severities`, severityNode);
    else if (id === SCHEMA_RULE_ID) rules[id] = 'off';
    else if (!ruleById(id)) at(`Unknown rule "${id}" in .harden.yaml`, pair.key as Node);
    else if (!isSeverityOrOff(severity)) at(`Severity of ${id} must be off, info, warning or error, got ${String(raw)}`, severityNode);
    else rules[id] = severity;
  }
  return rules;
}

function readHelm(value: Node | null, at: (message: string, node?: Node | null) => void): EngineSettings['helm'] | undefined {
  if (!isMap(value)) {
    at(`helm must be a map of ${HELM_KEYS.join(', ')}`);
    return undefined;
  }
  const helm: NonNullable<EngineSettings['helm']> = {};
  for (const pair of value.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const node = pair.value as Node | null;
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    if (key === 'valuesFiles') {
      if (isSeq(node) && node.items.every((i) => isScalar(i) && typeof i.value === 'string'))
        helm.valuesFiles = node.items.map((i) => String((i as { value: unknown }).value));
      else at('helm.valuesFiles must be a list of paths', node);
    } else if (key === 'releaseName' || key === 'namespace') {
      if (text) helm[key] = text;
      else at(`helm.${key} must be a string`, node);
    } else if (key === 'kubeVersion') {
      if (text && /^v?1\.\d+(\.\d+)?$/.test(text)) helm.kubeVersion = text;
      else at('helm.kubeVersion must be a quoted version such as "1.32"', node);
    } else {
      at(`Unknown setting "helm.${key}" in .harden.yaml (known: ${HELM_KEYS.join(', ')})`, pair.key as Node);
    }
  }
  return helm;
}

function readStringMap(value: Node | null): Record<string, string> | undefined {
  if (!isMap(value)) return undefined;
  const out: Record<string, string> = {};
  for (const pair of value.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || typeof (pair.value as { value: unknown }).value !== 'string') return undefined;
    out[String(pair.key.value)] = String((pair.value as { value: unknown }).value);
  }
  return out;
}

function problem(message: string, node: Node): ConfigProblem {
  const [start, end] = node.range ?? [0, 1];
  return { message, start, end: Math.max(end, start + 1) };
}

/** Finds the nearest config file from `dir` upwards, stopping at `root` (inclusive) or the file-system root. */
export function findConfigFile(dir: string, root: string | undefined, fs: HostFileSystem): string | undefined {
  let current = dir.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = `${current === '/' ? '' : current}/${name}`;
      if (fs.exists(candidate)) return candidate;
    }
    if ((root && current === root.replace(/\\/g, '/').replace(/\/+$/, '')) || current === '/' || !current.includes('/')) return undefined;
    current = current.slice(0, current.lastIndexOf('/')) || '/';
  }
}
