// The files other than the Dockerfile that its rules read (docker/dockerignore; the Compose `build.target` that chooses
// the final stage): hosts re-lint the open Dockerfiles when one of them changes.
import { isComposeFileName } from '../compose/model';

/**
 * `.dockerignore` and `<Dockerfile>.dockerignore`; Compose files, whose `build:` decides the context a Dockerfile
 * is built with and its target stage; and the project's `.env`, which Compose interpolates that `build:` with.
 */
export function isDockerBuildInput(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return /\.dockerignore$/i.test(base) || isComposeFileName(base) || base === '.env';
}
