// One Linter per distinct effective settings (files under different `.harden.yaml` files may differ),
// all sharing one WorkspaceIndex and one file system. A file always gets the same Linter while its
// settings stay the same, so the engine's per-document cache keeps working.
import { Linter, type EngineSettings, type HostFileSystem, type LinterOptions } from '../../engine';
import { settingsKey } from './settingsLayers';

/** More distinct settings than this is unusual: start over rather than grow without bound. */
const MAX_LINTERS = 32;

export class LinterPool {
  private readonly linters = new Map<string, Linter>();
  readonly index: Linter['index'];

  constructor(
    private readonly fs: HostFileSystem,
    private readonly options: LinterOptions = {},
  ) {
    const first = new Linter({}, fs, undefined, options);
    this.index = first.index;
    this.linters.set(settingsKey({}), first);
  }

  linterFor(settings: Partial<EngineSettings>): Linter {
    const key = settingsKey(settings);
    let linter = this.linters.get(key);
    if (!linter) {
      if (this.linters.size >= MAX_LINTERS) this.linters.clear();
      linter = new Linter(settings, this.fs, this.index, this.options);
      this.linters.set(key, linter);
    }
    return linter;
  }

  /** Drops cached documents of `path` in every Linter; `deleted` also removes it from the index. True when the index changed. */
  forget(path: string, deleted = false): boolean {
    let changed = false;
    for (const linter of this.linters.values()) changed = linter.forget(path, deleted) || changed;
    return changed;
  }

  /** Settings changed for everyone (editor settings): new Linters, same index. */
  reset(): void {
    this.linters.clear();
  }
}
