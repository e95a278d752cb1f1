import type { DockerContext } from '../../dockerfile/context';
import { shellOf } from '../../dockerfile/model';
import type { RuleModule } from '../../rule';

export const sudo: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/sudo',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'A RUN uses sudo.',
    rationale:
      'Build steps run as the current USER; a step that needs root belongs before `USER` (or after `USER root`), ' +
      'not behind sudo. sudo in the image means a sudoers setup that lets the runtime user become root, and its ' +
      'TTY and signal handling behave unpredictably in builds (hadolint DL3004). Seed 004 asks for images that do ' +
      'not run as root.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3004'], trivy: ['DS010'] },
  },
  check({ model }, report) {
    for (const run of model.instructions) {
      if (run.keyword !== 'RUN') continue;
      for (const command of shellOf(model, run)?.commands ?? []) {
        const word = command.words.find((w) => w.value === 'sudo');
        if (!word || command.words[0] !== word) continue;
        report({
          start: word.start,
          end: word.end,
          message: `RUN uses sudo to run ${command.name}: run the step as root before USER (or after USER root) instead.`,
        });
      }
    }
  },
};
