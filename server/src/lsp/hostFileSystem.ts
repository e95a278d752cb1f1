// The engine's view of the workspace: open editor buffers first (they hold unsaved edits), then the
// disk. Every access is guarded, so a missing or unreadable file is just "not there".
import { readFileSync, statSync } from 'node:fs';
import type { HostFileSystem } from '../engine';

/** Files beside a manifest (Dockerfiles, ServiceAccounts) are small; anything bigger is not one of them. */
const MAX_SIDE_FILE_BYTES = 1024 * 1024;

export function createHostFileSystem(openDocumentText: (path: string) => string | undefined): HostFileSystem {
  const fileSize = (path: string): number | undefined => {
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      return stat?.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    exists: (path) => openDocumentText(path) !== undefined || fileSize(path) !== undefined,
    readFile: (path) => {
      const open = openDocumentText(path);
      if (open !== undefined) return open;
      const size = fileSize(path);
      if (size === undefined || size > MAX_SIDE_FILE_BYTES) return undefined;
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
