// Recursive directory walk shared by the CLI (directories named on the command line) and the language
// server's workspace scan: sorted per directory, skips node_modules and hidden directories, follows
// symlinks only while their real path stays inside the allowed roots (a link to `/` must not make a lint
// of the workspace read the whole disk), and walks a symlink cycle once. Iterative, so that directory depth
// never meets the stack limit; a generator, so that a caller can pause between files.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkOptions {
  /** Extra directories not to enter (full path); node_modules and hidden directories are always skipped. */
  skipDirectory?(fullPath: string): boolean;
  /** A directory that cannot be read; the walk goes on. */
  onError?(dir: string, error: unknown): void;
  /** Real paths a symlink may lead into. Default: the real path of the walked directory. */
  allowedRoots?: readonly string[];
  /** A symlink whose target is outside `allowedRoots`: not followed. */
  onOutside?(link: string, target: string): void;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export function isSkippedDirectoryName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** True when `real` is one of `roots` or lies below one (all real, absolute paths). */
export function isInsideRoots(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`));
}

/** The real path (symlinks resolved), or undefined for a dangling link, a loop or an unreachable path. */
export function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Yields the absolute paths of the regular files under `dir`. */
export function* walkFiles(dir: string, options: WalkOptions = {}): Generator<string> {
  const rootReal = realPathOf(dir) ?? dir;
  const roots = options.allowedRoots ?? [rootReal];
  const visited = new Set<string>();
  // Depth-first, entries in name order: a stack of directories with the entries still to visit.
  const stack: Array<{ dir: string; real: string; entries: fs.Dirent[]; next: number }> = [];
  const enter = (directory: string, real: string) => {
    if (visited.has(real)) return; // a cycle, or a folder reached twice through links
    visited.add(real);
    try {
      const entries = fs.readdirSync(directory, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      stack.push({ dir: directory, real, entries, next: 0 });
    } catch (error) {
      options.onError?.(directory, error);
    }
  };
  enter(dir, rootReal);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const entry = top.entries[top.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    const full = path.join(top.dir, entry.name);
    let kind: fs.Dirent | fs.Stats | undefined = entry;
    let real = path.join(top.real, entry.name);
    if (entry.isSymbolicLink()) {
      const target = realPathOf(full);
      if (target === undefined) continue; // dangling, or a loop of links
      if (!isInsideRoots(target, roots)) {
        options.onOutside?.(full, target);
        continue;
      }
      real = target;
      kind = statOrUndefined(real);
    }
    if (!kind) continue;
    if (kind.isDirectory()) {
      if (isSkippedDirectoryName(entry.name) || options.skipDirectory?.(full)) continue;
      enter(full, real);
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
