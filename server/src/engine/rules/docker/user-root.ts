import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import { accountsOf, baseImageOf, isRoot, ownerText, resolveOwner, userAt, userValue } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';

export const userRoot: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-root',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'The last USER of the final stage is root.',
    rationale:
      'Seeds 000/001 change the user "from root to appuser" before ENTRYPOINT; seed 004: a container running as root gives an attacker who exploits the application root inside the container and a shorter path to the host.',
    seeds: ['000', '001', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'The image stops running as root; what it writes or binds may need root.',
    },
    aliases: { hadolint: ['DL3002'], checkov: ['CKV_DOCKER_8'], trivy: ['DS002'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage || isWindowsStage(model, finalStage)) return;
    const user = userAt(finalStage);
    if (!user) return;
    const accounts = accountsOf(model, finalStage);
    if (!isRoot(resolveOwner(userValue(user), accounts, baseImageOf(finalStage)))) return;
    const candidate = [...accounts.users].reverse().find((u) => u.uid !== 0);
    const target = candidate ? ownerText(resolveOwner(candidate.name, accounts, baseImageOf(finalStage))) : undefined;
    const first = user.args[0];
    const last = user.args[user.args.length - 1];
    report({
      start: user.start,
      end: user.end,
      message: `The final stage ends with USER ${userValue(user)}, so the container runs as root${target ? `; switch to USER ${target}` : ''}.`,
      fixes: target ? [{ title: `Run as USER ${target}`, edits: [{ start: first.start, end: last.end, newText: target }] }] : [],
    });
  },
};
