// Recursive directory walk shared by the CLI (directories named on the command line) and the language
// server's workspace scan: sorted per directory, skips node_modules and hidden directories, follows
// symlinks once (a cycle is walked once). A generator, so that a caller can pause between files.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkOptions {
  /** Extra directories not to enter (full path); node_modules and hidden directories are always skipped. */
  skipDirectory?(fullPath: string): boolean;
  /** A directory that cannot be read; the walk goes on. */
  onError?(dir: string, error: unknown): void;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export function isSkippedDirectoryName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** Yields the absolute paths of the regular files under `dir`. */
export function* walkFiles(dir: string, options: WalkOptions = {}, visited = new Set<string>()): Generator<string> {
  const real = realpathOrSelf(dir);
  if (visited.has(real)) return; // a symlink cycle
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.onError?.(dir, error);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? statOrUndefined(full) : entry;
    if (!kind) continue; // dangling symlink
    if (kind.isDirectory()) {
      if (isSkippedDirectoryName(entry.name) || options.skipDirectory?.(full)) continue;
      yield* walkFiles(full, options, visited);
    } else if (kind.isFile()) {
      yield full;
    }
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
