// VS Code's `files.exclude` setting, per workspace folder: `{ "**/build": true, … }` globs relative to the
// folder. Entries set to false or to a `when` condition object are not applied (the condition needs
// sibling files the scan does not look at). A match on a folder excludes everything below it.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { folderContaining } from './workspaceFolders';

export const FILES_EXCLUDE_SECTION = 'files.exclude';

export class FilesExclude {
  private readonly matchers = new Map<string, (relative: string) => boolean>();
  /** Equal keys mean equal exclusions: a changed key means the workspace must be scanned again. */
  readonly key: string;

  constructor(perRoot: ReadonlyArray<readonly [root: string, raw: unknown]> = []) {
    const keyParts: string[] = [];
    for (const [root, raw] of perRoot) {
      const globs = enabledGlobs(raw);
      keyParts.push(`${root}:${globs.join(',')}`);
      if (globs.length > 0) this.matchers.set(root, picomatch(globs, { dot: true }));
    }
    this.key = keyParts.join('\n');
  }

  /** True when `file` or one of its folders (below its workspace folder) is excluded. */
  excludes(file: string): boolean {
    const root = folderContaining([...this.matchers.keys()], file);
    const matches = root === undefined ? undefined : this.matchers.get(root);
    if (!root || !matches) return false;
    const segments = path.relative(root, file).split(path.sep);
    for (let i = 1; i <= segments.length; i++) if (matches(segments.slice(0, i).join('/'))) return true;
    return false;
  }
}

function enabledGlobs(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, enabled]) => enabled === true)
    .map(([glob]) => glob.replace(/^\.\//, ''));
}
