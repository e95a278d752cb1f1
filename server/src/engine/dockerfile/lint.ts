// Placeholder until the Dockerfile engine lands (issue 3): lints nothing.
import type { RuleHit } from '../linter';
import type { EngineSettings, HostFileSystem } from '../types';

export function lintDockerfile(_text: string, _path: string, _settings: EngineSettings, _fs: HostFileSystem): RuleHit[] {
  return [];
}
