// What a docker rule gets: the parsed file, its path, settings and the host file system.
import type { EngineSettings, HostFileSystem } from '../types';
import { targetStage, type DockerfileModel, type Stage } from './model';

export interface DockerContext {
  model: DockerfileModel;
  path: string;
  settings: EngineSettings;
  fs: HostFileSystem;
  /** The stage whose image runs (`settings.dockerTarget`, else the last stage). */
  finalStage: Stage | undefined;
}

export function createContext(model: DockerfileModel, path: string, settings: EngineSettings, fs: HostFileSystem): DockerContext {
  return { model, path, settings, fs, finalStage: targetStage(model, settings.dockerTarget) };
}
