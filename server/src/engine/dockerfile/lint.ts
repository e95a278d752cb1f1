// Lints a Dockerfile: parses it once into the model, then runs every enabled docker rule on it.
import { hitOf, lazyHitOf, type RuleHit } from '../rule';
import { dockerRules } from '../rules/docker';
import type { EngineSettings, HostFileSystem } from '../types';
import { createContext } from './context';
import { parseDockerfile, type DockerfileModel } from './model';

/** `lazyFixes`: each hit's fixes are worked out by `resolvedHit`, when read (an editor's code action), not now. */
export function lintDockerfile(text: string, path: string, settings: EngineSettings, fs: HostFileSystem, lazyFixes = false): RuleHit[] {
  const model = parseDockerfile(text);
  const context = createContext(model, path, settings, fs);
  const hits: RuleHit[] = [];
  for (const rule of dockerRules) {
    const severity = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(context, (finding) => hits.push((lazyFixes ? lazyHitOf : hitOf)(finding, rule.meta.id)));
  }
  return TEMPLATE.test(text) ? literalHits(model, hits) : hits;
}

/** Go, Jinja, Mustache and dotnet-docker template markers: `{{ .from }}`, `{% if %}`. */
const TEMPLATE = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/;
const TEMPLATE_PART = /\{\{|\}\}|\{%|%\}/;

/**
 * A template of a Dockerfile (`Dockerfile.template`, dotnet-docker's `eng/dockerfile-templates`) is not the file
 * that gets built: findings stay only on instructions written out literally, and none has a fix, since an edit
 * to the template may not land where the generated Dockerfile needs it.
 */
function literalHits(model: DockerfileModel, hits: RuleHit[]): RuleHit[] {
  const templated = (offset: number) => {
    const instr = model.instructions.find((i) => i.start <= offset && offset <= i.end);
    const { lines } = model;
    const line = lines.positionAt(offset).line;
    const [start, end] = instr ? [instr.start, instr.end] : [lines.lineStart(line), line + 1 < lines.lineCount ? lines.lineStart(line + 1) : model.text.length];
    return TEMPLATE_PART.test(model.text.slice(start, end));
  };
  return hits.filter((h) => !templated(h.start)).map((h) => ({ ...h, fixes: [] }));
}
