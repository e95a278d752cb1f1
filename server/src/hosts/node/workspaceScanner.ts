// Background scan of workspace folders for the index: walks the folders, reads every indexed file within
// the size cap and hands it over, yielding to the event loop every few milliseconds so that requests and
// edits stay responsive. A scan stops early when it is cancelled (a newer scan replaced it).
import { readFileSync } from 'node:fs';
import { setImmediate as nextTick } from 'node:timers/promises';
import { statFile } from './nodeFileSystem';
import { realPathOf, walkFiles } from './walkFiles';
import { isIndexedFile } from './workspaceFiles';

export interface ScanOptions {
  roots: readonly string[];
  /** Files and directories to leave out (files.exclude, `.harden.yaml` ignore globs). */
  isExcluded(path: string, isDirectory: boolean): boolean;
  maxFileBytes: number;
  visit(path: string, text: string): void;
  isCancelled(): boolean;
  /** Work this long, then let the event loop run. */
  sliceMs?: number;
  /**
   * Resolves when foreground work (linting an edited document) is done and none falls due within `marginMs`:
   * the scan waits for it after each slice.
   */
  whenIdle?(marginMs: number): Promise<void>;
}

export interface ScanResult {
  completed: boolean;
  /** Every file handed to `visit`. */
  visited: Set<string>;
  /** `link -> target` of the symlinks not followed because they lead outside every root. */
  outside: string[];
}

/** A message (an edit) that arrives during a slice waits for the rest of it: ~1 ms on average. */
const DEFAULT_SLICE_MS = 2;

export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const visited = new Set<string>();
  const outside: string[] = [];
  // A symlink may lead into any workspace folder, never out of them all.
  const allowedRoots = options.roots.map((root) => realPathOf(root) ?? root);
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let sliceStart = Date.now();
  for (const root of options.roots) {
    const walk = walkFiles(root, {
      skipDirectory: (dir) => options.isExcluded(dir, true),
      allowedRoots,
      onOutside: (link, target) => outside.push(`${link} -> ${target}`),
    });
    for (const file of walk) {
      if (Date.now() - sliceStart >= sliceMs) {
        await nextTick();
        await options.whenIdle?.(sliceMs);
        sliceStart = Date.now();
      }
      if (options.isCancelled()) return { completed: false, visited, outside };
      if (!isIndexedFile(file) || options.isExcluded(file, false)) continue;
      const text = readSmallFile(file, options.maxFileBytes);
      if (text === undefined) continue;
      visited.add(file);
      options.visit(file, text);
    }
  }
  return { completed: !options.isCancelled(), visited, outside };
}

/** The file's text, unless it is missing, too large or binary. */
export function readSmallFile(file: string, maxBytes: number): string | undefined {
  const stat = statFile(file);
  if (!stat || stat.size > maxBytes) return undefined;
  try {
    const text = readFileSync(file, 'utf8');
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}
