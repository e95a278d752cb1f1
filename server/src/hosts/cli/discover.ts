// Expands the command line's files, directories and globs into the files to lint, in a stable order.
// Which files are supported is the engine's call (detectLanguage), so the CLI never disagrees with the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLanguage } from '../../engine';
import { CliError } from './errors';
import { walkFiles } from '../node/walkFiles';
import { describeIoError } from './output';
// `require`, not `import`: esbuild would otherwise bundle tinyglobby's ESM build, whose fdir dependency
// calls createRequire(import.meta.url), which is undefined in our CommonJS bundle.
import tinyglobby = require('tinyglobby');

const { globSync, isDynamicPattern } = tinyglobby;

/** A file to lint: `path` is absolute (what the engine needs), `display` is how the user named it. */
export interface TargetFile {
  path: string;
  display: string;
  /** The text, when it does not come from the disk (`harden lint -` reads stdin). */
  stdinText?: string;
}

export interface Discovery {
  files: TargetFile[];
  /** Non-fatal problems (unsupported or unreadable entries), one line each, for stderr. */
  warnings: string[];
}

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
      walkDirectory(absolute, pattern, add, warnings);
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

/** Every supported file under `dir` (see walkFiles for what is skipped), displayed relative to how the user named `dir`. */
function walkDirectory(dir: string, display: string, add: (file: TargetFile) => void, warnings: string[]): void {
  const onError = (unreadable: string, error: unknown) =>
    warnings.push(`${path.join(display, path.relative(dir, unreadable))}: cannot read directory (${describeIoError(error)}); skipped`);
  for (const file of walkFiles(dir, { onError })) {
    if (isSupportedFile(path.basename(file))) add({ path: file, display: path.join(display, path.relative(dir, file)) });
  }
}

/** A stat of a path the user named; a path that exists and cannot be reached (e.g. EACCES) is an error, not "missing". */
function statNamedPath(file: string, shown: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CliError(`Cannot access ${shown}: ${describeIoError(error)}`);
  }
}
