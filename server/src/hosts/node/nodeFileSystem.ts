// The engine's HostFileSystem over node:fs, shared by the CLI and the language server. Every access is
// guarded, so a missing or unreadable file is just "not there". `stamp` tells whether a file changed
// since it was last read (config caches key on it).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { HostFileSystem } from '../../engine';

/** A HostFileSystem that can also say which version of a file it would read. */
export interface StampedFileSystem extends HostFileSystem {
  /** Changes whenever the file's content may have changed; undefined when there is no such file. */
  stamp(path: string): string | undefined;
}

export interface NodeFileSystemOptions {
  /** Keep what was read (the CLI reads each side file once per run); `invalidate` after writing. */
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

  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  exists(path: string): boolean {
    return statFile(path) !== undefined;
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
    try {
      return readdirSync(path, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    } catch {
      return undefined;
    }
  }

  /** Call after writing a file so that rules see the new content. */
  invalidate(path: string): void {
    this.texts.delete(path);
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

/** An open editor buffer: its text wins over the disk (it holds unsaved edits). */
export interface OpenText {
  text: string;
  version: number;
}

/** Layers open documents over another file system: the language server's view of the workspace. */
export function withOpenDocuments(disk: StampedFileSystem, open: (path: string) => OpenText | undefined): StampedFileSystem {
  return {
    exists: (path) => open(path) !== undefined || disk.exists(path),
    readFile: (path) => open(path)?.text ?? disk.readFile(path),
    listDirectory: (path) => disk.listDirectory?.(path),
    stamp: (path) => {
      const document = open(path);
      return document ? `open:${document.version}` : disk.stamp(path);
    },
  };
}
