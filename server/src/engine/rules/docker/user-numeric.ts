import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { accountCommands, accountsOf, idsChanged, isRoot, numericOwner, ownerIn, parseOptions, userAt, userValue, type Owner } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';

export const userNumeric: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-numeric',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'The final USER is a name, not a numeric UID, so Kubernetes runAsNonRoot cannot verify it.',
    rationale:
      'Seeds 000/001 create the user with a fixed UID (--uid 1995) and set runAsUser/runAsGroup 1995 in the pod: the kubelet can only prove an image is non-root from a numeric USER; with a name it refuses to start a runAsNonRoot pod ("image has non-numeric user").',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      safe:
        "Writes the UID and GID the image's own account resolves to: the same user, now verifiable. The UID alone " +
        'where the user may belong to other groups too (an explicit group would drop them); no fix where the RUN lines ' +
        'change its ids after creating it.',
    },
    aliases: { hadolint: ['DL3066'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage || isWindowsStage(model, finalStage)) return;
    const user = userAt(finalStage);
    if (!user) return;
    const value = userValue(user);
    if (value.includes('$')) return; // set by a build argument: unknown here
    const owner = ownerIn(value, model, finalStage);
    if (/^\d+$/.test(owner.user) || isRoot(owner)) return;
    const changed = idsChanged(model, finalStage, owner);
    const numeric = changed
      ? undefined
      : numericOwner(owner.group === undefined && mayHaveOtherGroups(model, finalStage, owner) ? { ...owner, gid: undefined } : owner);
    const first = user.args[0];
    const last = user.args[user.args.length - 1];
    let advice = numeric ? `Use USER ${numeric}.` : `Create the user with a fixed UID and use USER <uid>:<gid>.`;
    // `useradd --uid=$APP_UID app`: the author fixed the UID, this file cannot tell the number.
    if (!numeric && uidFromVariable(model, finalStage, owner))
      advice = `Use USER <uid>:<gid> with the UID it is created with (set from a variable, unknown here).`;
    if (changed) advice = `Use USER <uid>:<gid> with the ids it ends up with (${changed} changes them after the user is created).`;
    report({
      start: first.start,
      end: last.end,
      message: `USER ${value} is a name; Kubernetes runAsNonRoot cannot verify it. ${advice}`,
      fixes: numeric ? [{ title: `Use USER ${numeric}`, edits: [{ start: first.start, end: last.end, newText: numeric }] }] : [],
    });
  },
};

/**
 * Whether the user may belong to groups besides its primary one: `useradd -G`, Debian `adduser --add-extra-groups`,
 * `usermod -G/-aG`, `gpasswd -a`, `groupadd -U`, and the two-name `adduser USER GROUP`/`addgroup USER GROUP`. With
 * USER `uid:gid` the runtime would not load them from /etc/group; with the UID alone it does, as with the name.
 */
function mayHaveOtherGroups(model: DockerfileModel, stage: Stage, owner: Owner): boolean {
  const { commands, filesEdited } = accountCommands(model, stage);
  if (filesEdited) return true;
  return commands.some((command) => {
    const values = command.args.map((a) => a.value);
    const mentions = values.includes(owner.user) || values.some((v) => v === undefined || v.includes(owner.user) || v.includes('$'));
    if (!mentions) return false;
    switch (command.name) {
      case 'useradd': {
        const { options } = parseOptions(command, model.text);
        return options.has('G') || options.has('groups');
      }
      case 'adduser': {
        const { options, positionals } = parseOptions(command, model.text);
        return positionals.length > 1 || options.has('add_extra_groups') || options.has('add-extra-groups');
      }
      case 'addgroup':
        return parseOptions(command, model.text).positionals.length > 1;
      case 'groupadd': {
        const { options } = parseOptions(command, model.text);
        return options.has('U') || options.has('users');
      }
      case 'usermod':
        return values.some((v) => v === undefined || /^-[a-zA-Z]*G|^--groups|^--append/.test(v));
      case 'gpasswd':
        return values.some((v) => v === undefined || /^-[a-zA-Z]*[aM]|^--add|^--members/.test(v));
      default:
        return false;
    }
  });
}

/** Whether the file creates the user with a UID it cannot read (`--uid=$APP_UID`). */
function uidFromVariable(model: DockerfileModel, stage: Stage, owner: Owner): boolean {
  const created = [...accountsOf(model, stage).users].reverse().find((u) => u.name === owner.user);
  return created !== undefined && created.uidGiven && created.uid === undefined;
}
