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
      const commands = shellOf(model, run)?.commands ?? [];
      const lastEnd = Math.max(...commands.map((c) => c.end));
      let changed = false;
      for (const command of commands) {
        if (command.name !== 'cd') continue;
        const target = command.args.find((a) => a.value === undefined || !/^-[LPe@]*$|^--$/.test(a.value) || a.value === '-');
        // `cd /` after another cd of the RUN, or as its last command, returns to the root once a build in a
        // temporary folder is done: no later instruction is meant to run there, and WORKDIR / would say nothing.
        if (target?.value === '/' && (changed || (command.end >= lastEnd && commands.length > 1))) continue;
        changed = true;
        // The argument as written: `cd "$tempDir"` names a folder only the shell knows.
        const written = target ? model.text.slice(target.start, target.end) : '';
        report({
          start: command.start,
          end: command.end,
          message: `cd${written ? ` ${written}` : ''} lasts only for this RUN: use WORKDIR ${target?.value || '<dir>'} for the folder later instructions need.`,
        });
      }
    }
  },
};
