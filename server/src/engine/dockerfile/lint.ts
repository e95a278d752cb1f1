// Lints a Dockerfile: parses it once into the model, then runs every enabled docker rule on it.
import { hitOf, type RuleHit } from '../rule';
import { dockerRules } from '../rules/docker';
import type { EngineSettings, HostFileSystem } from '../types';
import { createContext } from './context';
import { parseDockerfile } from './model';

export function lintDockerfile(text: string, path: string, settings: EngineSettings, fs: HostFileSystem): RuleHit[] {
  const context = createContext(parseDockerfile(text), path, settings, fs);
  const hits: RuleHit[] = [];
  for (const rule of dockerRules) {
    const severity = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(context, (finding) => hits.push(hitOf(finding, rule.meta.id)));
  }
  return hits;
}
