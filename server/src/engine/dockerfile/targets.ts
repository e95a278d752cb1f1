// Whether a build target names a stage of a Dockerfile. When the `dockerTarget` setting (`--target`) names none, the
// rules read the last stage, as without it; the CLI says so rather than lint another image than the one asked for.
import { parseDockerfile } from './model';
import { withoutCaching } from './transient';

/** The file's stage names when `target` names none of its stages (undefined when it names one, or the file has none). */
export function stagesWithoutTarget(text: string, target: string): string[] | undefined {
  const model = withoutCaching(() => parseDockerfile(text));
  if (model.stages.length === 0 || model.stages.some((stage) => stage.name === target.toLowerCase())) return undefined;
  return model.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
}
