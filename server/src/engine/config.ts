// `.harden.yaml`: one configuration for the editor and CI. Pure: the host finds and reads the file; this
// module validates it. An invalid file yields one problem and no settings (linting goes on with defaults).
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { ruleById } from './rules';
import { nestingTooDeep } from './yaml/documents';
import { KUBERNETES_MINOR_VERSION } from './k8s/versions';
import { isSeverityOrOff, type EngineSettings, type HostFileSystem, type SeverityOrOff } from './types';

export const CONFIG_FILE_NAMES = ['.harden.yaml', '.harden.yml'];

export interface HardenConfig {
  settings: Partial<EngineSettings>;
  /** Globs (relative to the config file's folder) of files not to lint. */
  ignore: string[];
}

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

const KEYS = new Set(['rules', 'kubernetesVersion', 'ignore', 'workloadKinds', 'images', 'dockerTarget', 'defaultNamespace']);

export function isConfigFile(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return CONFIG_FILE_NAMES.includes(base);
}

export function parseConfig(text: string): { config: HardenConfig; problems: ConfigProblem[] } {
  const empty: HardenConfig = { settings: {}, ignore: [] };
  if (nestingTooDeep(text)) return { config: empty, problems: [{ message: '.harden.yaml does not parse: nested too deeply', start: 0, end: Math.min(1, text.length) }] };
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
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { config: empty, problems: [] };
  if (!isMap(root)) return { config: empty, problems: [problem('.harden.yaml must be a map of settings', root)] };
  const problems: ConfigProblem[] = [];
  const settings: Partial<EngineSettings> = {};
  const ignore: string[] = [];
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
        else at(`kubernetesVersion must be a quoted version such as "1.32" (unquoted, YAML reads 1.30 as the number 1.3), got ${isScalar(value) ? String(value.value) : 'nothing'}`);
        break;
      }
      case 'ignore':
        if (isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          ignore.push(...value.items.map((i) => String((i as { value: unknown }).value)));
        } else at('ignore must be a list of glob strings');
        break;
      case 'workloadKinds':
      case 'images': {
        const map = readStringMap(value);
        if (map) settings[key] = map;
        else at(`${key} must map names to strings (${key === 'images' ? 'image -> Dockerfile path' : 'kind -> pod template path such as spec.template'})`);
        break;
      }
      case 'dockerTarget':
      case 'defaultNamespace':
        if (isScalar(value) && typeof value.value === 'string') settings[key] = value.value;
        else at(`${key} must be a string`);
        break;
      default:
        at(`Unknown setting "${key}" in .harden.yaml (known: ${[...KEYS].join(', ')})`, pair.key as Node);
    }
  }
  if (problems.length > 0) return { config: empty, problems };
  return { config: { settings, ignore }, problems };
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
    if (!ruleById(id)) at(`Unknown rule "${id}" in .harden.yaml`, pair.key as Node);
    else if (!isSeverityOrOff(severity)) at(`Severity of ${id} must be off, info, warning or error, got ${String(raw)}`, severityNode);
    else rules[id] = severity;
  }
  return rules;
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
