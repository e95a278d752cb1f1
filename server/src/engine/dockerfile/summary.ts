// What the Kubernetes side needs to know about a Dockerfile of the workspace (k8s/non-numeric-image-user,
// k8s/run-as-user-mismatch): the final stage's USER and the UID/GID the file assigns to it; its VOLUME paths, where
// the image expects to write (k8s/read-only-root-filesystem).
import type { DockerfileSummary } from '../k8s/workspace-index';
import { chainInstructions, parseDockerfile, targetStage, type DInstruction, type Stage } from './model';
import { accountsOf, resolveOwner, userAt, userValue } from './users';

export function summarizeDockerfile(text: string, path: string, target?: string): DockerfileSummary {
  const model = parseDockerfile(text);
  const stage = targetStage(model, target);
  if (!stage) return { path };
  const volumes = volumesOf(stage);
  const withVolumes = volumes.length > 0 ? { volumes } : {};
  const user = userAt(stage);
  if (!user) return { path, ...withVolumes };
  const value = userValue(user);
  const owner = resolveOwner(value, accountsOf(model, stage), stage.image);
  return {
    path,
    ...withVolumes,
    user: value,
    ...(owner.uid !== undefined ? { uid: owner.uid } : {}),
    ...(owner.gid !== undefined ? { gid: owner.gid } : {}),
  };
}

/**
 * The absolute paths the stage's VOLUME instructions declare (JSON or plain form), its base stages' included.
 * Kubernetes creates no volume for them: unless the pod mounts one there, the image writes into its root file system.
 */
function volumesOf(stage: Stage): string[] {
  const paths = chainInstructions(stage)
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap(volumePaths);
  return [...new Set(paths.map((p) => p.replace(/(.)\/+$/, '$1')))].filter((p) => p.startsWith('/') && !p.includes('$'));
}

function volumePaths(instruction: DInstruction): string[] {
  const raw = instruction.args
    .map((a) => a.value)
    .join(' ')
    .trim();
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }
  return raw.split(/\s+/).filter(Boolean);
}
