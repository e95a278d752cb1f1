// The `harden.*` settings as the server sees them, read defensively: a bad value in a user's
// settings.json falls back to the default instead of breaking linting.
import type { EngineSettings, SeverityOrOff } from '../engine';

export const SETTINGS_SECTION = 'harden';

export interface ServerSettings {
  enable: boolean;
  /** Severity overrides by rule id. */
  rules: Record<string, SeverityOrOff>;
  /** `major.minor`, e.g. `1.32`. */
  kubernetesVersion: string;
  /** Documents larger than this are skipped with a notice instead of linted. */
  maxFileSizeKB: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  enable: true,
  rules: {},
  kubernetesVersion: '1.32',
  maxFileSizeKB: 2048,
};

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRules(value: unknown): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  if (!isRecord(value)) return rules;
  for (const [id, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as SeverityOrOff;
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
    kubernetesVersion:
      typeof kubernetesVersion === 'string' && /^1\.\d+$/.test(kubernetesVersion)
        ? kubernetesVersion
        : DEFAULT_SERVER_SETTINGS.kubernetesVersion,
    maxFileSizeKB:
      typeof maxFileSizeKB === 'number' && Number.isFinite(maxFileSizeKB) && maxFileSizeKB > 0
        ? maxFileSizeKB
        : DEFAULT_SERVER_SETTINGS.maxFileSizeKB,
  };
}

export function toEngineSettings(settings: ServerSettings): Partial<EngineSettings> {
  return { kubernetesVersion: settings.kubernetesVersion, rules: settings.rules };
}
