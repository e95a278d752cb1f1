// Which Linter lints a file, and whether it is linted at all: its `.harden.yaml` (the nearest one, or the
// one given with --config), layered under the host's overrides (editor settings, CLI flags).
import { type EngineSettings, type Linter, type LinterOptions, isConfigFile } from '../../engine';
import { ConfigResolver, type LoadedConfig } from './configFiles';
import { LinterPool } from './linterPool';
import type { StampedFileSystem } from './stampedFileSystem';
import { layerSettings } from './settingsLayers';

export interface FileLintersOptions {
  fs: StampedFileSystem;
  /** Settings that win over the config file. */
  overrides?: Partial<EngineSettings>;
  /** A config file for every file (`--config`) instead of looking for the nearest one. */
  configPath?: string;
  /** Where the upward search for a config file stops (the workspace folder); default: the file-system root. */
  rootOf?(file: string): string | undefined;
  /** How the Linters work (an editor's: lazy fixes). */
  linter?: LinterOptions;
}

export interface FileRoute {
  /** Undefined when the file's config ignores it. */
  linter: Linter | undefined;
  config: LoadedConfig | undefined;
}

export class FileLinters {
  readonly configs: ConfigResolver;
  readonly pool: LinterPool;
  private overrides: Partial<EngineSettings>;

  constructor(private readonly options: FileLintersOptions) {
    this.configs = new ConfigResolver(options.fs);
    this.pool = new LinterPool(options.fs, options.linter);
    this.overrides = options.overrides ?? {};
  }

  get index(): Linter['index'] {
    return this.pool.index;
  }

  configFor(file: string): LoadedConfig | undefined {
    if (this.options.configPath !== undefined) return this.configs.load(this.options.configPath);
    return this.configs.configFor(file, this.options.rootOf?.(file));
  }

  route(file: string): FileRoute {
    const config = this.configFor(file);
    // A config file is always linted (its problems are reported on it), whatever its own globs say.
    if (config?.ignores(file) && !isConfigFile(file)) return { linter: undefined, config };
    return { linter: this.pool.linterFor(layerSettings(config?.settings, this.overrides)), config };
  }

  /** The Linter for `file`, or undefined when its config ignores it. */
  linterFor(file: string): Linter | undefined {
    return this.route(file).linter;
  }

  /** Replaces the overrides; true when they changed (every file then gets a new Linter). */
  setOverrides(overrides: Partial<EngineSettings>): boolean {
    if (JSON.stringify(overrides) === JSON.stringify(this.overrides)) return false;
    this.overrides = overrides;
    this.pool.reset();
    return true;
  }
}
