import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import { rootMasterReason, rootMasterServer } from '../../dockerfile/images';
import { chainInstructions } from '../../dockerfile/model';
import { accountsOf, baseImageOf, initProgram, isRoot, ownerText, resolveOwner, stepDownTool, userAt, userValue } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';
import { insert } from './user-missing';

export const userRoot: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-root',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description:
      'The last USER of the final stage is root (info and no fix where the image steps down from root itself or runs init as PID 1, as for docker/user-missing; no fix for nginx, httpd and the Apache variants of php and wordpress, whose master process needs root).',
    rationale:
      'Seeds 000/001 change the user "from root to appuser" before ENTRYPOINT; seed 004: a container running as root gives an attacker who exploits the application root inside the container and a shorter path to the host.',
    seeds: ['000', '001', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion:
        'The image stops running as root; what it writes or binds may need root. Switches to the user the file creates, else to the non-root user an earlier USER named; after the last RUN (which may need root) when RUN lines follow the USER.',
    },
    // `USER <name>` for the user an earlier USER named: docker/user-numeric then asks for the number.
    fixEnables: ['docker/user-numeric'],
    aliases: { hadolint: ['DL3002'], checkov: ['CKV_DOCKER_8'], trivy: ['DS002'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage || isWindowsStage(model, finalStage)) return;
    const user = userAt(finalStage);
    if (!user) return;
    const accounts = accountsOf(model, finalStage);
    if (!isRoot(resolveOwner(userValue(user), accounts, baseImageOf(finalStage)))) return;
    const prefix = `The final stage ends with USER ${userValue(user)}`;
    // As docker/user-missing: an image that starts as root to step down itself (gosu, sudo -u…) or runs init as PID 1
    // is root by design (info, no fix); nginx's and Apache's master process need root (no fix).
    const tool = stepDownTool(model, finalStage);
    const init = tool ? undefined : initProgram(model, finalStage);
    if (tool || init) {
      report({
        start: user.start,
        end: user.end,
        severity: 'info',
        message: tool
          ? `${prefix}: the container starts as root and is expected to step down to another user with ${tool} (in its entrypoint, which is not checked here).`
          : `${prefix}: the container starts ${init} as PID 1, an init system that must run as root (it starts each service as the user its configuration names).`,
      });
      return;
    }
    const server = rootMasterServer(baseImageOf(finalStage) ?? '');
    if (server) {
      report({ start: user.start, end: user.end, message: `${prefix}, so the container runs as root: ${rootMasterReason(server)}` });
      return;
    }
    // The last non-root user the file creates, else the last non-root USER before this one (`USER ${NB_UID}` in a
    // parent stage, then `USER root` to install packages).
    const candidate = [...accounts.users].reverse().find((u) => u.uid !== 0);
    const earlier = chainInstructions(finalStage)
      .filter((i) => i.keyword === 'USER' && i.start < user.start && i.args.length > 0)
      .map(userValue)
      .reverse()
      .find((value) => !isRoot(resolveOwner(value, accounts, baseImageOf(finalStage))));
    const target = candidate ? ownerText(resolveOwner(candidate.name, accounts, baseImageOf(finalStage))) : earlier;
    const first = user.args[0];
    const last = user.args[user.args.length - 1];
    // A RUN after USER root runs as root (apt-get…): the user is switched after it, not in its place.
    const runsAfter = chainInstructions(finalStage).some((i) => i.keyword === 'RUN' && i.start > user.start);
    const edits = !target ? undefined : runsAfter ? insert(model, finalStage, [`USER ${target}`]) : [{ start: first.start, end: last.end, newText: target }];
    report({
      start: user.start,
      end: user.end,
      message: `${prefix}, so the container runs as root${target ? `; switch to USER ${target}` : ''}.`,
      fixes: target && edits ? [{ title: `Run as USER ${target}`, edits }] : [],
    });
  },
};
