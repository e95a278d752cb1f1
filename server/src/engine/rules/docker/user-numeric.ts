import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import { isRoot, numericOwner, ownerIn, userAt, userValue } from '../../dockerfile/users';
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
      safe: "Writes the UID and GID the image's own account resolves to: the same user, now verifiable.",
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
    const numeric = numericOwner(owner);
    const first = user.args[0];
    const last = user.args[user.args.length - 1];
    report({
      start: first.start,
      end: last.end,
      message: `USER ${value} is a name; Kubernetes runAsNonRoot cannot verify it. ${
        numeric ? `Use USER ${numeric}.` : `Create the user with a fixed UID and use USER <uid>:<gid>.`
      }`,
      fixes: numeric ? [{ title: `Use USER ${numeric}`, edits: [{ start: first.start, end: last.end, newText: numeric }] }] : [],
    });
  },
};
