import type { DockerContext } from '../../dockerfile/context';
import { baseImageUser } from '../../dockerfile/family';
import { keywordLabel, shellOf, stateOffset, withTriggers, type DInstruction, type DockerfileModel, type ShellCommand } from '../../dockerfile/model';
import { isRoot, ownerIn, userAt, userValue } from '../../dockerfile/users';
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
    // ONBUILD RUN triggers too: sudo there runs in every build FROM this image.
    for (const run of withTriggers(model.instructions)) {
      if (run.keyword !== 'RUN') continue;
      for (const command of shellOf(model, run)?.commands ?? []) {
        const word = command.words.find((w) => w.value === 'sudo');
        if (!word || command.words[0] !== word) continue;
        const label = keywordLabel(run);
        const target = sudoTarget(command);
        const current = userOf(model, run);
        let message: string;
        if (target === 'root') {
          message =
            current === 'root'
              ? `${label} uses sudo to run ${command.name}, but the step already runs as root: drop sudo.`
              : `${label} uses sudo to run ${command.name}: run the step as root before USER (or after USER root) instead.`;
        } else {
          // As root, `sudo -u app` drops privileges (what it creates belongs to app): nothing to report.
          if (current !== 'non-root') continue;
          message =
            target === undefined
              ? `${label} uses sudo to run ${command.name} as another user: set that USER before the step (and USER back after it) instead.`
              : `${label} uses sudo to run ${command.name} as ${target}: set USER ${target} before the step (and USER back after it) instead.`;
        }
        report({ start: word.start, end: word.end, message });
      }
    }
  },
};

/** sudo(8)'s short options that take a value (`-u app`, `-uapp`), and its long ones (`--user app`, `--user=app`). */
const VALUE_SHORT = 'aCcDgpRrTtUu';
const VALUE_LONG = [
  'auth-type',
  'close-from',
  'login-class',
  'chdir',
  'group',
  'host',
  'prompt',
  'chroot',
  'role',
  'type',
  'command-timeout',
  'other-user',
  'user',
];

/**
 * Whom the command's sudo runs it as: `'root'` without `-u`/`--user` (or with `-u root`, `-u 0`, `-u '#0'`, or a
 * nested `sudo` or `su` that becomes root again), else the user's name; undefined when a variable names it.
 */
function sudoTarget(command: ShellCommand): string | undefined {
  if (command.name === 'su') return 'root';
  const prefix = command.words.slice(0, command.words.length - command.args.length - 1);
  let target: string | undefined = 'root';
  for (let i = 0; i < prefix.length; i++) {
    const value = prefix[i].value;
    if (value === 'sudo') target = 'root';
    else if (value?.startsWith('--')) {
      const [name, inline] = value.slice(2).split(/=(.*)/s);
      const given = inline ?? (VALUE_LONG.includes(name) ? prefix[++i]?.value : undefined);
      if (name === 'user') target = given;
    } else if (value?.startsWith('-')) {
      // Grouped short options: the first that takes a value takes the rest of the word, or the next word.
      const at = [...value.slice(1)].findIndex((letter) => VALUE_SHORT.includes(letter)) + 1;
      if (at === 0) continue;
      const given = at < value.length - 1 ? value.slice(at + 1) : prefix[++i]?.value;
      if (value[at] === 'u') target = given;
    }
  }
  return target !== undefined && /^(root|#?0)$/.test(target) ? 'root' : target;
}

/** Whom the RUN runs as: its USER (for an ONBUILD trigger, the one the image ends with), else the base image's user. */
function userOf(model: DockerfileModel, run: DInstruction): 'root' | 'non-root' | 'unknown' {
  const stage = run.stage;
  if (!stage) return 'unknown';
  const user = userAt(stage, stateOffset(run));
  if (!user) return baseImageUser(stage);
  const value = userValue(user);
  if (value.includes('$')) return 'unknown';
  return isRoot(ownerIn(value, model, stage)) ? 'root' : 'non-root';
}
