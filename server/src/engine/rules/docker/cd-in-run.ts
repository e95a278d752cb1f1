import type { DockerContext } from '../../dockerfile/context';
import { shellOf } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import type { RuleModule } from '../../rule';

/** `..`, `../..`: up from the folder of an earlier cd. */
const UP = /^\.\.(\/\.\.)*\/?$/;

/** Whether an `rm` after `from` removes the folder (as written, or by its value) or a folder above it. */
function removedLater(text: string, commands: ShellCommand[], from: number, written: string, value: string | undefined): boolean {
  const folder = (value ?? written).replace(/(.)\/+$/, '$1');
  return commands.some(
    (c) =>
      c.name === 'rm' &&
      c.start >= from &&
      c.args.some((a) => {
        const arg = (a.value ?? text.slice(a.start, a.end)).replace(/(.)\/+$/, '$1');
        if (a.value === undefined) return text.slice(a.start, a.end) === written;
        return arg === folder || (arg.startsWith('/') && folder.startsWith(`${arg === '/' ? '' : arg}/`) && arg !== '/');
      }),
  );
}

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
        // `cd /` or `cd ..` after another cd of the RUN, or `cd /` as its last command, returns from a temporary
        // build folder: no later instruction is meant to run there, and WORKDIR / would say nothing.
        const back = target?.value === '/' || (target?.value !== undefined && UP.test(target.value));
        if (back && (changed || (target?.value === '/' && command.end >= lastEnd && commands.length > 1))) continue;
        changed = true;
        // The argument as written: `cd "$tempDir"` names a folder only the shell knows.
        const written = target ? model.text.slice(target.start, target.end) : '';
        // A folder the same RUN removes afterwards (`cd /usr/src/python; …; rm -rf /usr/src/python`) is a
        // temporary build folder, entered on purpose: no later instruction can run there.
        if (written && removedLater(model.text, commands, command.end, written, target?.value)) continue;
        // `cd ..` names a folder relative to where the RUN is: WORKDIR .. would say nothing about it.
        const dir = target?.value && !/(^|\/)\.\.(\/|$)/.test(target.value) ? target.value : '<dir>';
        report({
          start: command.start,
          end: command.end,
          message: `cd${written ? ` ${written}` : ''} lasts only for this RUN: use WORKDIR ${dir} for the folder later instructions need.`,
        });
      }
    }
  },
};
