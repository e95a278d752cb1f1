// Expands the command line's files, directories and globs into the files to lint, in a stable order.
// Which files are supported is the engine's call (detectLanguage), so the CLI never disagrees with the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLanguage } from '../engine';
import { CliError } from './errors';
import { describeIoError } from './output';
// `require`, not `import`: esbuild would otherwise bundle tinyglobby's ESM build, whose fdir dependency
// calls createRequire(import.meta.url), which is undefined in our CommonJS bundle.
import tinyglobby = require('tinyglobby');

const { globSync, isDynamicPattern } = tinyglobby;

/** A file to lint: `path` is absolute (what the engine needs), `display` is how the user named it. */
export interface TargetFile {
  path: string;
  display: string;
}

export interface Discovery {
  files: TargetFile[];
  /** Non-fatal problems (unsupported or unreadable entries), one line each, for stderr. */
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['node_modules']);
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

export function isSupportedFile(file: string): boolean {
  return detectLanguage(file) !== undefined;
}

export function discoverFiles(patterns: readonly string[], cwd: string): Discovery {
  const files: TargetFile[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (file: TargetFile) => {
    if (seen.has(file.path)) return; // named twice (e.g. a file and its directory): lint once
    seen.add(file.path);
    files.push(file);
  };

  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stat = statNamedPath(absolute, pattern);
    if (stat?.isDirectory()) {
      walkDirectory(absolute, pattern, add, warnings, new Set());
    } else if (stat?.isFile()) {
      if (isSupportedFile(absolute)) add({ path: absolute, display: pattern });
      else warnings.push(`${pattern}: unsupported file type (expected *.yaml, *.yml or a Dockerfile); skipped`);
    } else if (stat) {
      warnings.push(`${pattern}: not a regular file or directory; skipped`);
    } else if (isDynamicPattern(pattern)) {
      const matches = expandGlob(pattern, cwd);
      if (matches.length === 0) throw new CliError(`No Kubernetes YAML or Dockerfile matches the pattern '${pattern}'.`);
      matches.forEach(add);
    } else {
      throw new CliError(`No such file or directory: ${pattern}`);
    }
  }
  return { files, warnings };
}

function expandGlob(pattern: string, cwd: string): TargetFile[] {
  const absolute = path.isAbsolute(pattern);
  const matches = globSync(pattern, { cwd, absolute, onlyFiles: true, dot: false, expandDirectories: false, ignore: GLOB_IGNORE });
  return matches
    .filter(isSupportedFile)
    .sort()
    .map((match) => ({ path: path.resolve(cwd, match), display: absolute ? match : path.normalize(match) }));
}

/** Recursive walk, sorted per directory; skips node_modules and hidden directories; follows symlinks once. */
function walkDirectory(
  dir: string,
  display: string,
  add: (file: TargetFile) => void,
  warnings: string[],
  visited: Set<string>,
): void {
  const real = realpathOrSelf(dir);
  if (visited.has(real)) return; // a symlink cycle
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push(`${display}: cannot read directory (${describeIoError(error)}); skipped`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const shown = path.join(display, entry.name);
    const kind = entry.isSymbolicLink() ? statOrUndefined(full) : entry;
    if (!kind) continue; // dangling symlink
    if (kind.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      walkDirectory(full, shown, add, warnings, visited);
    } else if (kind.isFile() && isSupportedFile(entry.name)) {
      add({ path: full, display: shown });
    }
  }
}

/** Like statOrUndefined, but a path that exists and cannot be reached (e.g. EACCES) is an error, not "missing". */
function statNamedPath(file: string, shown: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CliError(`Cannot access ${shown}: ${describeIoError(error)}`);
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
