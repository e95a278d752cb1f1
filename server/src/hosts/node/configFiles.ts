// Finding and loading `.harden.yaml`. The nearest config file of a folder is remembered until
// `invalidate` (a config file appeared or disappeared); a loaded config is kept until its stamp changes
// (a new mtime/size on disk, or a new version of the open document in the editor).
import * as path from 'node:path';
import picomatch from 'picomatch';
import { type EngineSettings, findConfigFile, parseConfig, type ConfigProblem } from '../../engine';
import type { StampedFileSystem } from './stampedFileSystem';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its settings (empty when invalid); `images` paths are made absolute. */
  settings: Partial<EngineSettings>;
  /** Why the file is invalid; linting goes on with defaults. The engine reports the first one on the file itself. */
  problems: ConfigProblem[];
  /** True for files its `ignore` globs exclude. */
  ignores(file: string): boolean;
  /** `crds`: absolute paths of files or folders of CustomResourceDefinition manifests (empty when invalid). */
  crds: string[];
}

export class ConfigResolver {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, { stamp: string; config: LoadedConfig }>();

  constructor(private readonly fs: StampedFileSystem) {}

  /** The config that applies to `file`: the nearest one from its folder up to `root` (or the file-system root). */
  configFor(file: string, root?: string): LoadedConfig | undefined {
    const dir = path.dirname(file);
    const key = `${dir}\0${root ?? ''}`;
    if (!this.nearest.has(key)) this.nearest.set(key, findConfigFile(dir, root, this.fs));
    const found = this.nearest.get(key);
    return found === undefined ? undefined : this.load(found);
  }

  /** Loads a config file (cached while its stamp is unchanged); undefined when it does not exist. */
  load(configPath: string): LoadedConfig | undefined {
    const stamp = this.fs.stamp(configPath);
    if (stamp === undefined) {
      this.loaded.delete(configPath);
      return undefined;
    }
    const cached = this.loaded.get(configPath);
    if (cached?.stamp === stamp) return cached.config;
    const config = toLoadedConfig(configPath, this.fs.readFile(configPath) ?? '');
    this.loaded.set(configPath, { stamp, config });
    return config;
  }

  /** Every config loaded so far that still exists (reloaded when its stamp changed). */
  loadedConfigs(): LoadedConfig[] {
    return [...this.loaded.keys()].map((file) => this.load(file)).filter((config): config is LoadedConfig => config !== undefined);
  }

  /** A config file was created, deleted or renamed: folders must look again. */
  invalidate(): void {
    this.nearest.clear();
  }
}

function toLoadedConfig(configPath: string, text: string): LoadedConfig {
  const { config, problems } = parseConfig(text);
  const dir = path.dirname(configPath);
  const settings: Partial<EngineSettings> = { ...config.settings };
  if (settings.images) {
    settings.images = Object.fromEntries(Object.entries(settings.images).map(([image, file]) => [image, path.resolve(dir, file)]));
  }
  // Values files are written relative to the config file, like images.
  // Messages name them as the config file writes them.
  if (settings.helm?.valuesFiles) {
    const files = settings.helm.valuesFiles.map((file) => [path.resolve(dir, file), file] as const);
    settings.helm = { ...settings.helm, valuesFiles: files.map(([file]) => file), valuesFileNames: Object.fromEntries(files) };
  }
  // CRD paths are relative to the config file's folder too; absolute ones are kept.
  const crds = config.crds.map((file) => path.resolve(dir, file));
  return { path: configPath, settings, problems, ignores: ignoreMatcher(dir, config.ignore), crds };
}

/**
 * gitignore-like globs relative to the config file's folder: `charts/` or `charts` also ignores what is
 * inside the folder, and a pattern without a slash (`*.generated.yaml`) matches at any depth.
 */
function ignoreMatcher(dir: string, globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const patterns = globs.flatMap((glob) => {
    const trimmed = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    const anchored = trimmed.includes('/') ? trimmed : `**/${trimmed}`;
    return anchored.endsWith('**') ? [anchored] : [anchored, `${anchored}/**`];
  });
  const matches = picomatch(patterns, { dot: true });
  return (file) => {
    const relative = path.relative(dir, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    return matches(relative.split(path.sep).join('/'));
  };
}
