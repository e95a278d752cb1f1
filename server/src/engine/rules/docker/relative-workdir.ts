import type { DockerContext } from '../../dockerfile/context';
import { chainInstructions, keywordLabel, type DInstruction } from '../../dockerfile/model';
import { joinPath, normalizePath } from '../../kustomize/paths';
import type { RuleModule } from '../../rule';

/** Absolute on Linux (`/app`) or Windows (`C:\app`, `\app`), or decided by a variable (`$HOME/app`). */
const ABSOLUTE = /^(?:["']?)(?:\/|\\|[A-Za-z]:[\\/]|\$)/;

export const relativeWorkdir: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/relative-workdir',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'WORKDIR with a relative path.',
    rationale:
      'A relative WORKDIR is resolved against the previous one, which may come from the base image and change ' +
      'when it is updated: where COPY writes and where the process starts then moves silently. An absolute path ' +
      'says where (hadolint DL3000).',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3000'], checkov: ['CKV_DOCKER_10'], trivy: ['DS009'] },
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      // The folder each WORKDIR leaves, while it is known: from an absolute literal on (this stage or one it builds FROM).
      let cwd: string | undefined;
      // Then the stage's ONBUILD WORKDIR triggers: they run in a child's build, from the WORKDIR this stage ends with.
      const triggers = stage.instructions.flatMap((i) => (i.trigger ? [i.trigger] : []));
      for (const instr of [...chainInstructions(stage), ...triggers]) {
        if (instr.keyword !== 'WORKDIR' || instr.args.length === 0) continue;
        const path = pathOf(model.text, instr);
        const literal = !/[$\\]/.test(path);
        if (ABSOLUTE.test(path)) {
          cwd = literal && unquoted(path).startsWith('/') ? normalizePath(unquoted(path)) : undefined;
          continue;
        }
        const resolved = cwd !== undefined && literal ? joinPath(cwd, unquoted(path)) : undefined;
        if (instr.onbuild || stage.instructions.includes(instr)) {
          report({
            start: instr.args[0].start,
            end: instr.args[instr.args.length - 1].end,
            message: resolved
              ? `${keywordLabel(instr)} ${path} is relative to the previous WORKDIR ${cwd}: write the absolute path (${resolved}).`
              : `${keywordLabel(instr)} ${path} is relative to the previous WORKDIR (perhaps the base image's): write the absolute path.`,
          });
        }
        cwd = resolved;
      }
    }
  },
};

function pathOf(text: string, instr: DInstruction): string {
  return text.slice(instr.args[0].start, instr.args[instr.args.length - 1].end).trim();
}

const unquoted = (path: string) => path.replace(/^["']|["']$/g, '');
