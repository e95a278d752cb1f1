import type { DockerContext } from '../../dockerfile/context';
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
    aliases: { hadolint: ['DL3000'] },
  },
  check({ model }, report) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'WORKDIR' || instr.args.length === 0) continue;
      const path = model.text.slice(instr.args[0].start, instr.args[instr.args.length - 1].end).trim();
      if (ABSOLUTE.test(path)) continue;
      report({
        start: instr.args[0].start,
        end: instr.args[instr.args.length - 1].end,
        message: `WORKDIR ${path} is relative to the previous WORKDIR (perhaps the base image's): write the absolute path.`,
      });
    }
  },
};
