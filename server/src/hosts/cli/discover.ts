// Expands the command line's files, directories and globs into the files to lint, in a stable order.
// Which files are supported is the engine's call (detectLanguage), so the CLI never disagrees with the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLanguage, isTestAssertionFileName } from '../../engine';
import { CliError } from './errors';
import { realPathOf, walkFiles } from '../node/walkFiles';
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
  /** Paths named on the command line that cannot be linted (not a file, a directory named like one): exit 2. */
  failures: string[];
}

/** How many symlinks leading outside the named paths the warning names; the rest are counted. */
const OUTSIDE_LINKS_SHOWN = 3;

const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

export function isSupportedFile(file: string): boolean {
  return detectLanguage(file) !== undefined;
}

export function discoverFiles(patterns: readonly string[], cwd: string): Discovery {
  const files: TargetFile[] = [];
  const warnings: string[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  const realPath = realPathsByFolder();
  const add = (file: TargetFile) => {
    // Named twice (a file and its directory, or a file and a link to it): lint once.
    const real = realPath(file.path) ?? file.path;
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };
  // Symlinks in the named directories may lead anywhere inside them, never out of them.
  const named = patterns.map((pattern) => path.resolve(cwd, pattern));
  const walk: WalkContext = { allowedRoots: named.map((dir) => realPathOf(dir) ?? dir), outside: [], failures };

  for (const [i, pattern] of patterns.entries()) {
    const absolute = named[i];
    const stat = statNamedPath(absolute, pattern);
    if (stat?.isDirectory()) {
      const found = walkDirectory(absolute, pattern, add, walk);
      if (found === 0 && isSupportedFile(absolute)) {
        failures.push(
          `${pattern}: is a directory, not a ${isDockerfileName(absolute) ? 'Dockerfile' : 'YAML file'}, and holds no Kubernetes YAML or Dockerfile`,
        );
      }
    } else if (stat?.isFile()) {
      if (isSupportedFile(absolute)) add({ path: absolute, display: pattern });
      else if (isTestAssertionFileName(path.basename(absolute)))
        warnings.push(`${pattern}: the expected state of a kuttl or chainsaw test, not a manifest; skipped`);
      else warnings.push(`${pattern}: unsupported file type (expected *.yaml, *.yml or a Dockerfile); skipped`);
    } else if (stat) {
      failures.push(`${pattern}: not a regular file or directory (${kindOf(stat)}); cannot lint it`);
    } else if (isDynamicPattern(pattern)) {
      const matches = expandGlob(pattern, cwd);
      if (matches.length === 0) throw new CliError(`No Kubernetes YAML or Dockerfile matches the pattern '${pattern}'.`);
      matches.forEach(add);
    } else {
      throw new CliError(`No such file or directory: ${pattern}`);
    }
  }
  if (walk.outside.length > 0) warnings.push(outsideLinksWarning(walk.outside));
  return { files, warnings, failures };
}

interface WalkContext {
  allowedRoots: string[];
  /** `link -> target` of every symlink not followed. */
  outside: string[];
  failures: string[];
}

/** One line for every symlink the walks did not follow, however many. */
function outsideLinksWarning(outside: readonly string[]): string {
  const shown = outside.slice(0, OUTSIDE_LINKS_SHOWN).join(', ');
  const more = outside.length > OUTSIDE_LINKS_SHOWN ? ` and ${outside.length - OUTSIDE_LINKS_SHOWN} more` : '';
  const count = outside.length === 1 ? 'a symlink that leads' : `${outside.length} symlinks that lead`;
  return `not following ${count} outside the linted paths (${shown}${more}); name a target on the command line to lint it`;
}

/**
 * realPathOf for many files of few folders: each folder's real path is worked out once, and a file that is not a
 * link is that path plus its name (one lstat, where realpath checks every folder above it each time).
 */
function realPathsByFolder(): (file: string) => string | undefined {
  const folders = new Map<string, string | undefined>();
  return (file) => {
    const folder = path.dirname(file);
    if (!folders.has(folder)) folders.set(folder, realPathOf(folder));
    const realFolder = folders.get(folder);
    try {
      if (realFolder === undefined || fs.lstatSync(file).isSymbolicLink()) return realPathOf(file);
    } catch {
      return undefined;
    }
    return path.join(realFolder, path.basename(file));
  };
}

function isDockerfileName(file: string): boolean {
  return detectLanguage(file) === 'dockerfile';
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

function expandGlob(pattern: string, cwd: string): TargetFile[] {
  const absolute = path.isAbsolute(pattern);
  // Globs match no symlink (`**` would otherwise walk a link to `/`); name a link's target to lint it.
  const matches = globSync(pattern, { cwd, absolute, onlyFiles: true, dot: false, expandDirectories: false, ignore: GLOB_IGNORE, followSymbolicLinks: false });
  return matches
    .filter(isSupportedFile)
    .sort()
    .map((match) => ({ path: path.resolve(cwd, match), display: absolute ? match : path.normalize(match) }));
}

/**
 * Adds every supported file under `dir` (see walkFiles for what is skipped), displayed relative to how the
 * user named `dir`; returns how many it found.
 */
function walkDirectory(dir: string, display: string, add: (file: TargetFile) => void, walk: WalkContext): number {
  const shown = (file: string) => path.join(display, path.relative(dir, file));
  const onError = (unreadable: string, error: unknown) => walk.failures.push(`${shown(unreadable)}: cannot read directory (${describeIoError(error)})`);
  const onOutside = (link: string, target: string) => walk.outside.push(`${shown(link)} -> ${target}`);
  let found = 0;
  for (const file of walkFiles(dir, { onError, onOutside, allowedRoots: walk.allowedRoots })) {
    // The whole path: a chart's templates/NOTES.txt is supported, another NOTES.txt is not.
    if (!isSupportedFile(file)) continue;
    found++;
    add({ path: file, display: shown(file) });
  }
  return found;
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
