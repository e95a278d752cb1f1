import type { DockerContext } from '../../dockerfile/context';
import { imageFamily } from '../../dockerfile/family';
import { accountsOf } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';
import { DEFAULT_UID } from './user-missing';

export const userFixedUid: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-fixed-uid',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'adduser/useradd creates a user without an explicit UID.',
    rationale:
      'Seeds 000/001 create the user with `--uid 1995` and reuse 1995 in COPY --chown and in the pod securityContext (runAsUser, runAsGroup, fsGroup): without a fixed UID the number depends on the base image and can change between builds.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Changes the UID the user is created with, and so who owns its files.',
    },
  },
  check({ model }, report) {
    const seen = new Set<unknown>();
    for (const stage of model.stages) {
      const { users } = accountsOf(model, stage);
      const taken = new Set(users.map((u) => u.uid));
      for (const user of users) {
        if (user.uidGiven || seen.has(user.command)) continue;
        seen.add(user.command);
        let uid = DEFAULT_UID;
        while (taken.has(uid)) uid++;
        const { command } = user;
        const long = user.longOptions || (command.name === 'adduser' ? imageFamily(model, stage) !== 'alpine' : false);
        const option = long ? `--uid ${uid}` : `-u ${uid}`;
        // The program word ends where its first argument starts minus the separating space.
        const at = command.args[0] ? command.args[0].start : command.end;
        report({
          start: command.start,
          end: command.end,
          message: `${command.name} creates ${user.name} without a fixed UID; add ${option} so that USER, --chown and runAsUser can use the number.`,
          fixes: [{ title: `Add ${option}`, edits: [{ start: at, end: at, newText: `${option} ` }] }],
        });
      }
    }
  },
};
