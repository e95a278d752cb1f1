// The engine's HostFileSystem over node:fs, shared by the CLI and the language server. Every access is
// guarded, so a missing or unreadable file is just "not there". `stamp` tells whether a file changed
// since it was last read (config caches key on it).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StampedFileSystem } from './stampedFileSystem';

export { withOpenDocuments, type OpenText, type StampedFileSystem } from './stampedFileSystem';

export interface NodeFileSystemOptions {
  /** Keep what was read and which files exist (the CLI asks once per run); `invalidate` after writing. */
  cacheReads?: boolean;
  /** Files larger than this read as missing. */
  maxFileBytes?: number;
}

export function statFile(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

export class NodeFileSystem implements StampedFileSystem {
  private readonly texts = new Map<string, string | undefined>();
  /** Every file of a run asks for the same kustomization, chart and config files up its folders. */
  private readonly existing = new Map<string, boolean>();
  /** Every file of a Helm chart loads the chart, which lists its folders. */
  private readonly listings = new Map<string, string[] | undefined>();

  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  exists(path: string): boolean {
    if (!this.options.cacheReads) return statFile(path) !== undefined;
    let exists = this.existing.get(path);
    if (exists === undefined) this.existing.set(path, (exists = statFile(path) !== undefined));
    return exists;
  }

  stamp(path: string): string | undefined {
    const stat = statFile(path);
    return stat ? `disk:${stat.mtimeMs}:${stat.size}` : undefined;
  }

  readFile(path: string): string | undefined {
    if (this.options.cacheReads && this.texts.has(path)) return this.texts.get(path);
    const text = this.readFromDisk(path);
    if (this.options.cacheReads) this.texts.set(path, text);
    return text;
  }

  listDirectory(path: string): string[] | undefined {
    if (this.options.cacheReads && this.listings.has(path)) return this.listings.get(path);
    let names: string[] | undefined;
    try {
      names = readdirSync(path, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    } catch {
      names = undefined;
    }
    if (this.options.cacheReads) this.listings.set(path, names);
    return names;
  }

  /** Call after writing a file so that rules see the new content. */
  invalidate(path: string): void {
    this.texts.delete(path);
    this.existing.delete(path);
    // A file a fix created is a new name in its folder.
    this.listings.delete(dirname(path));
  }

  private readFromDisk(path: string): string | undefined {
    const stat = statFile(path);
    if (!stat || (this.options.maxFileBytes !== undefined && stat.size > this.options.maxFileBytes)) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
