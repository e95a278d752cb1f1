// A service's `build:` -> the Dockerfile it builds, and what that Dockerfile says about the user the
// container runs as. The Dockerfile comes from the workspace index when the host indexed it (its latest,
// possibly unsaved, text), else from the host file system.
import { isMap, isScalar, type Node } from 'yaml';
import { summarizeDockerfile } from '../dockerfile/summary';
import type { DockerfileSummary, WorkspaceIndex } from '../k8s/workspace-index';
import type { HostFileSystem } from '../types';
import { pairOf } from '../yaml/nodes';
import { BASE_COMPOSE_FILE_NAMES, isComposeFileName, isInterpolated, parseCompose, serviceField, type ComposeModel, type ComposeService } from './model';

export interface ServiceBuild {
  /** The `build:` value, where a link to the Dockerfile sits. */
  node: Node;
  /** Absolute path of the Dockerfile; undefined for `dockerfile_inline` or a remote context. */
  dockerfilePath: string | undefined;
  /** `build.target`: the stage whose image runs; undefined for the last stage (or a target `.env` cannot give). */
  target: string | undefined;
  /** What the Dockerfile's target stage runs as; undefined when it cannot be read. */
  summary: DockerfileSummary | undefined;
}

/** Where a service's `build:` points, resolved against the Compose file's folder (with the project's `.env`). */
export interface BuildPaths {
  /** The `build:` value, where a link to the Dockerfile sits. */
  node: Node;
  /** Absolute path of the build context; undefined for a remote context or one a shell variable names. */
  contextDir: string | undefined;
  /** Absolute path of the Dockerfile; undefined for `dockerfile_inline` or a remote context. */
  dockerfilePath: string | undefined;
  target: string | undefined;
  inline: string | undefined;
}

export function serviceBuildPaths(model: ComposeModel, service: ComposeService, composePath: string, fs: HostFileSystem): BuildPaths | undefined {
  const node = serviceField(model, service, 'build');
  if (!node) return undefined;
  const env = projectEnv(folderOf(composePath), fs);
  const text = (key: string) => {
    const value = isMap(node) ? (pairOf(node, key)?.value as Node | null) : undefined;
    return isScalar(value) && value.value !== null ? interpolate(String(value.value), env) : undefined;
  };
  const context = isScalar(node) ? interpolate(String(node.value), env) : isMap(node) ? (text('context') ?? '.') : undefined;
  const target = text('target');
  const inline = text('dockerfile_inline');
  if (inline !== undefined || context === undefined || isRemoteContext(context)) {
    return { node, contextDir: undefined, dockerfilePath: undefined, target, inline };
  }
  const contextDir = resolvePath(folderOf(composePath), context);
  return { node, contextDir, dockerfilePath: resolvePath(contextDir, text('dockerfile') ?? 'Dockerfile'), target, inline };
}

/** Compose's `build:` of a service resolved against the Compose file's folder, with what its Dockerfile runs as. */
export function serviceBuild(
  model: ComposeModel,
  service: ComposeService,
  composePath: string,
  fs: HostFileSystem,
  index: WorkspaceIndex,
): ServiceBuild | undefined {
  const paths = serviceBuildPaths(model, service, composePath, fs);
  if (!paths) return undefined;
  const { node, dockerfilePath, target, inline } = paths;
  if (inline !== undefined) return { node, dockerfilePath, target, summary: summarizeDockerfile(inline, composePath, target) };
  return { node, dockerfilePath, target, summary: dockerfilePath === undefined ? undefined : dockerfileSummary(dockerfilePath, target, fs, index) };
}

/** A service of a Compose file that builds a given Dockerfile. */
export interface ComposeBuildOf {
  composePath: string;
  service: ComposeService;
  build: BuildPaths;
  /** Absolute path of the build context. */
  contextDir: string;
}

/**
 * The services of the Compose files in the Dockerfile's folder and the folders above it that build it (`build.context`
 * with `build.dockerfile`, resolved with the project's `.env`): what docker/dockerignore reads for the build context,
 * and the Dockerfile rules for the build target.
 */
export function composeBuildsOf(dockerfilePath: string, fs: HostFileSystem): ComposeBuildOf[] {
  const dockerfile = resolvePath('/', dockerfilePath);
  const builds: ComposeBuildOf[] = [];
  for (let folder = folderOf(dockerfile); ; folder = folderOf(folder)) {
    const names = fs.listDirectory?.(folder)?.filter(isComposeFileName) ?? BASE_COMPOSE_FILE_NAMES;
    for (const composePath of names.map((name) => `${folder.replace(/\/$/, '')}/${name}`)) {
      const text = fs.readFile(composePath);
      if (text === undefined) continue;
      const model = parseCompose(text);
      for (const service of model.services) {
        const build = serviceBuildPaths(model, service, composePath, fs);
        if (build?.contextDir && build.dockerfilePath === dockerfile) builds.push({ composePath, service, build, contextDir: build.contextDir });
      }
    }
    if (folderOf(folder) === folder || !folder.includes('/')) return builds;
  }
}

/**
 * The stage the Compose files beside the Dockerfile build as its image: the `build.target` every service that builds
 * it names. Undefined when none builds it, when one builds the last stage (no target) or a target `.env` cannot give,
 * or when they name different targets.
 */
export function composeBuildTarget(dockerfilePath: string, fs: HostFileSystem): string | undefined {
  const targets = new Set<string | undefined>();
  for (const { build } of composeBuildsOf(dockerfilePath, fs)) {
    const written = isMap(build.node) && pairOf(build.node, 'target') !== undefined;
    // `target: ${TARGET}` that `.env` does not set: the shell may choose any stage.
    if (written && build.target === undefined) return undefined;
    targets.add(build.target?.toLowerCase());
    if (targets.size > 1) return undefined;
  }
  return [...targets][0];
}

function dockerfileSummary(path: string, target: string | undefined, fs: HostFileSystem, index: WorkspaceIndex): DockerfileSummary | undefined {
  // The index summarises the default target only.
  if (target === undefined) {
    const indexed = index.allDockerfiles().find((d) => normalize(d.path) === path);
    if (indexed) return indexed;
  }
  const text = fs.readFile(path);
  return text === undefined ? undefined : summarizeDockerfile(text, path, target);
}

/**
 * The project's `.env` beside the Compose file, which Compose reads for `${VAR}` when the shell does not set it
 * (opentelemetry-demo builds every service from `dockerfile: ${AD_DOCKERFILE}`): `KEY=VALUE` lines, quotes removed.
 */
function projectEnv(folder: string, fs: HostFileSystem): Map<string, string> {
  const env = new Map<string, string>();
  const text = fs.readFile(`${folder.replace(/\/+$/, '')}/.env`);
  for (const line of text?.split(/\r?\n/) ?? []) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const raw = match[2];
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    env.set(match[1], quoted ? quoted[2] : raw.replace(/\s+#.*$/, ''));
  }
  return env;
}

/**
 * A value with its `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` replaced from `.env`, as Compose would
 * without a shell variable; undefined when a variable it needs is not there (the shell may set it).
 */
function interpolate(value: string, env: Map<string, string>): string | undefined {
  const plain = value.replace(/\$\$/g, '');
  if (!isInterpolated(plain)) return value.replace(/\$\$/g, '$');
  // `${VAR:?message}`, nested defaults…: left to Compose.
  if (/\$\{(?![A-Za-z_][A-Za-z0-9_]*(?::?-[^}$]*)?\})/.test(plain)) return undefined;
  let unknown = false;
  const out = value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (all, braced?: string, op?: string, fallback?: string, bare?: string) => {
      if (all === '$$') return '$';
      const set = env.get((braced ?? bare)!);
      if (set !== undefined && !(op === ':-' && set === '')) return set;
      if (op !== undefined) return fallback ?? '';
      unknown = true;
      return '';
    },
  );
  return unknown ? undefined : out;
}

/** Git URLs and remote tarballs: nothing in the workspace to read. */
function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || /\.git(#.*)?$/.test(context);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/');
}

export function folderOf(path: string): string {
  const p = normalize(path);
  const slash = p.lastIndexOf('/');
  return slash <= 0 ? p.slice(0, slash + 1) || '/' : p.slice(0, slash);
}

/** `relative` against `base` (both POSIX or Windows drive paths), with `.` and `..` folded. */
export function resolvePath(base: string, relative: string): string {
  const rel = normalize(relative);
  const absolute = rel.startsWith('/') || /^[A-Za-z]:\//.test(rel);
  const joined = absolute ? rel : `${normalize(base).replace(/\/+$/, '')}/${rel}`;
  const drive = /^[A-Za-z]:/.exec(joined)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of joined.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${drive}/${parts.join('/')}`;
}
