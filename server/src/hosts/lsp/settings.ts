// The `harden.*` settings as the server sees them, read defensively: a bad value in a user's
// settings.json falls back to the default instead of breaking linting.
import { isSeverityOrOff, KUBERNETES_MINOR_VERSION, type EngineSettings, type SeverityOrOff } from '../../engine';

export const SETTINGS_SECTION = 'harden';

export interface ServerSettings {
  enable: boolean;
  /** Severity overrides by rule id. */
  rules: Record<string, SeverityOrOff>;
  /**
   * `major.minor`, e.g. `1.32`; undefined when the user did not set it, so that `.harden.yaml` (or the
   * engine's default) decides. The VS Code client sends only explicitly set values.
   */
  kubernetesVersion?: string;
  /** Documents larger than this are skipped with a notice instead of linted. */
  maxFileSizeKB: number;
  /** Kubernetes schema validation, hover and completion (server/src/services/schema). Flat keys, as in the manifest. */
  'schema.enable': boolean;
  /** Keep schema validation on even when Red Hat's YAML extension validates Kubernetes schemas. */
  'schema.override': boolean;
  /** Lint every workspace file in the background and report its findings, open or not (opt-in). */
  workspaceDiagnostics: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  enable: true,
  rules: {},
  maxFileSizeKB: 2048,
  'schema.enable': true,
  'schema.override': false,
  workspaceDiagnostics: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRules(value: unknown): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  if (!isRecord(value)) return rules;
  for (const [id, severity] of Object.entries(value)) {
    if (isSeverityOrOff(severity)) rules[id] = severity;
  }
  return rules;
}

/** Turns whatever the client answered for the `harden` section into valid settings. */
export function readSettings(raw: unknown): ServerSettings {
  const section = isRecord(raw) ? raw : {};
  const { enable, kubernetesVersion, maxFileSizeKB } = section;
  return {
    enable: typeof enable === 'boolean' ? enable : DEFAULT_SERVER_SETTINGS.enable,
    rules: readRules(section.rules),
    kubernetesVersion: typeof kubernetesVersion === 'string' && KUBERNETES_MINOR_VERSION.test(kubernetesVersion) ? kubernetesVersion : undefined,
    maxFileSizeKB:
      typeof maxFileSizeKB === 'number' && Number.isFinite(maxFileSizeKB) && maxFileSizeKB > 0 ? maxFileSizeKB : DEFAULT_SERVER_SETTINGS.maxFileSizeKB,
    'schema.enable': readSchemaFlag(section, 'enable'),
    'schema.override': readSchemaFlag(section, 'override'),
    workspaceDiagnostics: typeof section.workspaceDiagnostics === 'boolean' ? section.workspaceDiagnostics : DEFAULT_SERVER_SETTINGS.workspaceDiagnostics,
  };
}

/** `schema: {enable, override}` (VS Code's shape for a section) or the flat `schema.enable` keys. */
function readSchemaFlag(section: Record<string, unknown>, key: 'enable' | 'override'): boolean {
  const value = isRecord(section.schema) && key in section.schema ? section.schema[key] : section[`schema.${key}`];
  return typeof value === 'boolean' ? value : DEFAULT_SERVER_SETTINGS[`schema.${key}`];
}

/** What the editor settings override in `.harden.yaml`: each rule set here, and the version when set. */
export function toEngineOverrides(settings: ServerSettings): Partial<EngineSettings> {
  return { rules: settings.rules, ...(settings.kubernetesVersion ? { kubernetesVersion: settings.kubernetesVersion } : {}) };
}
