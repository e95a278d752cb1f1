// What the Kubernetes side needs to know about a Dockerfile of the workspace (k8s/non-numeric-image-user,
// k8s/run-as-user-mismatch): the final stage's USER and the UID/GID the file assigns to it.
import type { DockerfileSummary } from '../k8s/workspace-index';
import { parseDockerfile, targetStage } from './model';
import { accountsOf, resolveOwner, userAt, userValue } from './users';

export function summarizeDockerfile(text: string, path: string, target?: string): DockerfileSummary {
  const model = parseDockerfile(text);
  const stage = targetStage(model, target);
  const user = stage && userAt(stage);
  if (!stage || !user) return { path };
  const value = userValue(user);
  const owner = resolveOwner(value, accountsOf(model, stage), stage.image);
  return {
    path,
    user: value,
    ...(owner.uid !== undefined ? { uid: owner.uid } : {}),
    ...(owner.gid !== undefined ? { gid: owner.gid } : {}),
  };
}
