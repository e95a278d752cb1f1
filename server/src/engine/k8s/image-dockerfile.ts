// Ties a container image to the Dockerfile of the workspace that builds it: by the `images` setting
// (image repository -> Dockerfile path or its folder) or, failing that, by the image name's last path
// segment matching the Dockerfile's folder name (`registry.example.com/shop/web:1.4` -> `…/web/Dockerfile`).
import { parseImageRef } from '../dockerfile/images';
import { isTemplated } from '../yaml/templates';
import type { DockerfileSummary, WorkspaceIndex } from './workspace-index';
import type { EngineSettings } from '../types';

/** `host:5000/team/app:1.2@sha256:…` -> `host:5000/team/app`. */
export function imageRepository(image: string): string {
  return parseImageRef(image).name;
}

export function imageName(image: string): string {
  const repo = imageRepository(image);
  return repo.slice(repo.lastIndexOf('/') + 1);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

function folderOf(path: string): string {
  const p = normalize(path);
  return p.slice(0, p.lastIndexOf('/'));
}

function baseName(path: string): string {
  const p = normalize(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The configured path names this Dockerfile: the file itself, or its folder (relative paths match by suffix). */
function pathMatches(configured: string, dockerfile: string): boolean {
  const want = normalize(configured).replace(/^\.\//, '');
  const file = normalize(dockerfile);
  const folder = folderOf(dockerfile);
  const same = (a: string) => a === want || a.endsWith(`/${want}`);
  return same(file) || same(folder);
}

/**
 * The Dockerfile that builds `image`, when exactly one fits. Images without a Dockerfile in the workspace
 * (public images) or with several candidates give undefined, so that rules say nothing.
 */
export function dockerfileForImage(image: string, index: WorkspaceIndex, settings: EngineSettings): DockerfileSummary | undefined {
  if (isTemplated(image) || image.includes('$')) return undefined;
  const dockerfiles = index.allDockerfiles();
  if (dockerfiles.length === 0) return undefined;
  const images = settings.images;
  if (images) {
    const configured = images[image] ?? images[imageRepository(image)];
    if (configured !== undefined) {
      const found = dockerfiles.filter((d) => pathMatches(configured, d.path));
      return found.length === 1 ? found[0] : undefined;
    }
  }
  const name = imageName(image);
  const found = dockerfiles.filter((d) => baseName(folderOf(d.path)) === name);
  return found.length === 1 ? found[0] : undefined;
}

/** `USER` as written -> its user part, and whether Kubernetes can verify it (numeric). */
export function userPart(user: string): { user: string; numeric: boolean } {
  const part = user.split(':')[0].trim();
  return { user: part, numeric: /^\d+$/.test(part) };
}
