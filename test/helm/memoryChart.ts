// A chart held in memory for the engine: files by absolute path, folders listed as Helm's loader walks them.
import type { HostFileSystem } from '../../server/src/engine';

export function chartFileSystem(files: Record<string, string>): HostFileSystem {
  return {
    exists: (path) => path in files,
    readFile: (path) => files[path],
    listDirectory: (dir) => {
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(`${dir}/`)) continue;
        const rest = file.slice(dir.length + 1);
        names.add(rest.includes('/') ? `${rest.split('/')[0]}/` : rest);
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}
