// Whether Git ignores a path: a kustomization resource that is missing but ignored is made before the build
// (`helm template . > all.yaml && kustomize build`, argoproj/argocd-example-apps' kustomized-helm), not a mistake.
// The `.gitignore` files of the path's folder and of every folder above it up to the repository's root.
import { ignoredBy, parseIgnoreFile } from '../ignore-file';
import type { HostFileSystem } from '../types';
import { dirnameOf, joinPath, relativePath } from './paths';

/** The nearest folder at or above `dir` with a `.git` (a folder, or a file for a worktree or submodule). */
export function repositoryRoot(fs: HostFileSystem, dir: string): string | undefined {
  for (let current = dir; ; current = dirnameOf(current)) {
    if (hasGit(fs, current)) return current;
    if (dirnameOf(current) === current) return undefined;
  }
}

// `exists` answers for files only: a `.git` folder is found by listing its parent.
function hasGit(fs: HostFileSystem, dir: string): boolean {
  const names = fs.listDirectory?.(dir);
  return names ? names.includes('.git/') || names.includes('.git') : fs.exists(joinPath(dir, '.git'));
}

/** The `.gitignore` that ignores `path` (absolute), or undefined; `read` collects the files consulted. */
export function ignoringGitignore(fs: HostFileSystem, path: string, read: (file: string) => void): string | undefined {
  const root = repositoryRoot(fs, dirnameOf(path));
  const folders: string[] = [];
  for (let dir = dirnameOf(path); ; dir = dirnameOf(dir)) {
    folders.push(dir);
    if (dir === root || dirnameOf(dir) === dir) break;
  }
  // Deeper files override shallower ones: consult them last.
  let verdict: string | undefined;
  for (const dir of folders.reverse()) {
    const file = joinPath(dir, '.gitignore');
    read(file);
    const ignored = ignoredBy(parseIgnoreFile(fs.readFile(file)), relativePath(dir, path), false, true);
    if (ignored !== undefined) verdict = ignored ? file : undefined;
  }
  return verdict;
}

/** A missing input that `ignoredBy` (a `.gitignore`, as the kustomization names it) ignores: `then`, what the build does. */
export function madeBeforeBuild(input: string, ignoredBy: string, then: string): string {
  return `${input} is not here, and ${ignoredBy} ignores it: a file made before the build? ${then}.`;
}
