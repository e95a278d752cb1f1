// Effective engine settings from layers, lowest first: engine defaults < `.harden.yaml` < editor settings
// or CLI flags. `rules` merge per rule id; any other value of a higher layer replaces the lower one, and
// `undefined` means "not set here".
import type { EngineSettings } from '../../engine';

export function layerSettings(...layers: Array<Partial<EngineSettings> | undefined>): Partial<EngineSettings> {
  const result: Partial<EngineSettings> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as Array<[keyof EngineSettings, unknown]>) {
      if (value === undefined) continue;
      if (key === 'rules') result.rules = { ...result.rules, ...(value as EngineSettings['rules']) };
      // `--values` replaces the config's values files but keeps its release name and namespace.
      else if (key === 'helm') result.helm = { ...result.helm, ...(value as EngineSettings['helm']) };
      else (result as Record<string, unknown>)[key] = value;
    }
  }
  return result;
}

/** The same settings always give the same key, whatever the order their keys were written in. */
export function settingsKey(settings: Partial<EngineSettings>): string {
  return JSON.stringify(settings, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
