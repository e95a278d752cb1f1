// A file system that can say which version of a file it would read, and open editor buffers layered over one.
// Free of Node: the language servers of the desktop (over NodeFileSystem) and of the web (over the files the
// client sent, hosts/web) share it.
import type { HostFileSystem } from '../../engine';

/** A HostFileSystem that can also say which version of a file it would read. */
export interface StampedFileSystem extends HostFileSystem {
  /** Changes whenever the file's content may have changed; undefined when there is no such file. */
  stamp(path: string): string | undefined;
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
