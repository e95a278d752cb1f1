// What a docker rule gets: the parsed file, its path, settings and the host file system.
import { composeBuildTarget } from '../compose/build';
import type { EngineSettings, HostFileSystem } from '../types';
import { targetStage, type DockerfileModel, type Stage } from './model';

export interface DockerContext {
  model: DockerfileModel;
  path: string;
  settings: EngineSettings;
  fs: HostFileSystem;
  /**
   * The stage whose image runs: `settings.dockerTarget` (`.harden.yaml`, `--target`); else the `build.target` every
   * Compose service that builds this Dockerfile names; else the last stage.
   */
  finalStage: Stage | undefined;
}

export function createContext(model: DockerfileModel, path: string, settings: EngineSettings, fs: HostFileSystem): DockerContext {
  // With one stage there is nothing to choose: the Compose files are not read.
  const target = settings.dockerTarget ?? (model.stages.length > 1 ? composeBuildTarget(path, fs) : undefined);
  return { model, path, settings, fs, finalStage: targetStage(model, target) };
}
