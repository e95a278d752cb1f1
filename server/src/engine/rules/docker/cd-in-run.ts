import type { DockerContext } from '../../dockerfile/context';
import { shellOf } from '../../dockerfile/model';
import type { RuleModule } from '../../rule';

export const cdInRun: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/cd-in-run',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'A RUN changes directory with cd where WORKDIR belongs.',
    rationale:
      'A `cd` lasts for one RUN only, so later instructions silently run elsewhere, and a failed `cd` in a chain ' +
      'without `set -e` runs the rest in the wrong folder. WORKDIR states the folder once, for every following ' +
      'instruction (hadolint DL3003). Info: a `cd` into a temporary build folder is often deliberate.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3003'] },
  },
  check({ model }, report) {
    for (const run of model.instructions) {
      if (run.keyword !== 'RUN') continue;
      for (const command of shellOf(model, run)?.commands ?? []) {
        if (command.name !== 'cd') continue;
        const target = command.args[0]?.value ?? '';
        report({
          start: command.start,
          end: command.end,
          message: `cd ${target} lasts only for this RUN: use WORKDIR ${target || '<dir>'} for the folder later instructions need.`,
        });
      }
    }
  },
};
