import type { DockerContext } from '../../dockerfile/context';
import { appendLines, continuation, insertLinesBefore, withLeadingComments } from '../../dockerfile/edits';
import { baseImageUser, imageFamily, isExportStage, lacksUseradd, type ImageFamily } from '../../dockerfile/family';
import { entrypointStepsDown, officialImageName, rootMasterReason, rootMasterServer } from '../../dockerfile/images';
import { chainInstructions, stageChain, type DInstruction, type DockerfileModel, type Stage } from '../../dockerfile/model';
import {
  accountsOf,
  baseImageOf,
  baseImageUserVariable,
  idsChanged,
  imageRunAsUser,
  initProgram,
  resolveOwner,
  stepDownTool,
  userAt,
} from '../../dockerfile/users';
import type { RawFix, RuleModule } from '../../rule';
import type { OffsetEdit } from '../../types';

export const DEFAULT_UID = 10001;
const DISTROLESS_NONROOT = 65532;
const USER_NAME = 'appuser';

export const userMissing: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-missing',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description:
      'The final stage never sets USER, so the container runs as root (info where the base image is not known to run as root: it may set a user of its own; info and no fix where the image starts as root by design: it steps down with gosu, su-exec, setpriv or chroot --userspec, as the official postgres, redis, mysql, mongo and rabbitmq images do in their entrypoint, kept when the file sets no ENTRYPOINT of its own, or with sudo -u, su or runuser in its ENTRYPOINT or CMD, or it runs systemd or init as PID 1; no fix for nginx, httpd and the Apache variants of php and wordpress, whose master process needs root).',
    rationale:
      'Seeds 000/001 switch "from root to appuser": create a user with a fixed UID and end the Dockerfile with USER so that Kubernetes can run the image with runAsNonRoot; seed 004: running as non-root limits what an attacker who exploits the application can reach.',
    seeds: ['000', '001', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion:
        'The image stops running as root; what it writes or binds may need root. Runs as the user the file creates or the image ships when there is one (node, www-data, .NET app), as USER ${VAR} where the file gives files to a user variable of a base image unknown here (COPY --chown=${NB_UID}), else creates appuser with groupadd/useradd (BusyBox addgroup/adduser on Alpine; after USER root where the base image is unknown here, as it may run as another user), or sets a bare numeric USER where the base cannot create one (distroless, scratch, ubi-minimal, ubi-micro); no fix where the lines would join an unterminated heredoc or a trailing line continuation.',
    },
    aliases: { checkov: ['CKV_DOCKER_3'], trivy: ['DS002'] },
    // `USER <name>` for a user the file creates without a fixed UID: docker/user-numeric then asks for the number.
    fixEnables: ['docker/user-numeric'],
  },
  check({ model, finalStage }, report) {
    if (!finalStage || userAt(finalStage) || isExportStage(finalStage)) return;
    const base = baseImageUser(finalStage);
    if (base === 'non-root') return;
    const family = imageFamily(model, finalStage);
    if (family === 'windows') return;
    const { from } = finalStage;
    const image = finalStage.image ?? from.args[0]?.value ?? '';
    // `FROM builder AS dev-envs`: the stage, then what it is built on.
    const name = from.args.length >= 3 ? from.args[from.args.length - 1].value : finalStage.name;
    const subject = name ? `stage ${name}, built FROM ${image}` : `FROM ${image}`;
    // postgres, redis, rabbitmq…: the image's own entrypoint starts as root to chown its data, then drops root.
    const official = officialEntrypointStepsDown(finalStage);
    if (official) {
      report({
        start: from.start,
        end: from.end,
        severity: 'info',
        message: `The final stage (${subject}) has no USER instruction: the container starts as root and the ${official} image's entrypoint drops root (gosu, su-exec or setpriv) before it starts the server.`,
      });
      return;
    }
    // An image that starts as root to step down in its entrypoint (chown the data folder, then `exec gosu redis
    // "$@"`): the server does not run as root, and a USER would make the entrypoint's root-only steps fail.
    const tool = stepDownTool(model, finalStage);
    if (tool) {
      report({
        start: from.start,
        end: from.end,
        severity: 'info',
        message: `The final stage (${subject}) has no USER instruction: the container starts as root and is expected to step down to another user with ${tool} (in its entrypoint, which is not checked here).`,
      });
      return;
    }
    // systemd or init as PID 1 starts the services, each as its own user: it must start as root.
    const init = initProgram(model, finalStage);
    if (init) {
      report({
        start: from.start,
        end: from.end,
        severity: 'info',
        message: `The final stage (${subject}) has no USER instruction: the container starts ${init} as PID 1, an init system that must run as root (it starts each service as the user its configuration names).`,
      });
      return;
    }
    // nginx, httpd: the master process binds port 80 as root and runs its workers as another user; under any USER (the
    // worker user too) it fails to start. Still root, so still reported, without a fix.
    const server = rootMasterServer(baseImageOf(finalStage) ?? '');
    if (server) {
      report({
        start: from.start,
        end: from.end,
        ...(base === 'unknown' ? { severity: 'info' as const } : {}),
        message: `The final stage (${subject}) has no USER instruction, so the container runs as root: ${rootMasterReason(server)}`,
      });
      return;
    }
    // `COPY --chown=${NB_UID}:${NB_GID}` on a base unknown here: the file relies on a user the base image defines (and
    // likely runs as). Run as it, explicitly, rather than add a second account.
    const variable = base === 'unknown' ? baseImageUserVariable(model, finalStage) : undefined;
    if (variable) {
      const edits = variable.chown ? insert(model, finalStage, [`USER ${variable.spec}`]) : undefined;
      report({
        start: from.start,
        end: from.end,
        severity: 'info',
        message: `The final stage (${subject}) has no USER instruction: the container runs as its base image's user, which this file refers to as ${variable.spec} (${variable.where}) without defining it, so the base image likely creates that user and runs as it.`,
        fixes: edits ? [{ title: `Run as USER ${variable.spec}, the base image's user this file refers to`, edits }] : [],
      });
      return;
    }
    const fix = userFix(model, finalStage, family, base === 'unknown');
    // A base built elsewhere or passed in as a build argument may set a user of its own: said so, at info.
    report({
      start: from.start,
      end: from.end,
      ...(base === 'unknown' ? { severity: 'info' as const } : {}),
      message:
        base === 'root'
          ? `The final stage (${subject}) has no USER instruction, so the container runs as root.`
          : `The final stage (${subject}) has no USER instruction: the container runs as its base image's user, which is root unless the base image sets another.`,
      fixes: fix ? [fix] : [],
    });
  },
};

function userFix(model: DockerfileModel, stage: Stage, family: ImageFamily, baseUnknown: boolean): RawFix | undefined {
  // A user the file creates (docker-node's `useradd --uid 1000 node`) or the image ships (`node`): run as it. A second
  // user would be one more account for nothing, and could take the UID docker/user-fixed-uid gives the first.
  const existing = existingUser(model, stage);
  if (existing) {
    const edits = insert(model, stage, [`USER ${existing.user}`]);
    return edits && { title: `Run as ${existing.name} (USER ${existing.user}), the user ${existing.from}`, edits };
  }
  let uid = family === 'distroless' ? DISTROLESS_NONROOT : DEFAULT_UID;
  // A group the file creates may hold the GID (`groupadd -g 10001 app`): groupadd would fail.
  const gids = new Set(accountsOf(model, stage).groups.values());
  if (family !== 'distroless') while (gids.has(uid)) uid++;
  // Without useradd (ubi-minimal, ubi-micro) no account can be made: a bare numeric USER works all the same.
  const create = lacksUseradd(model, stage) ? undefined : createUserCommand(family, uid);
  // A base whose user is unknown here may run as a user of its own, as whom useradd fails ("Permission denied"):
  // the account is created as root.
  const run = create ? [...(baseUnknown ? ['USER root'] : []), `RUN ${create.join(continuation(model))}`] : [];
  const edits = insert(model, stage, [...run, `USER ${uid}:${uid}`]);
  return (
    edits && {
      title: create ? `Create user ${USER_NAME} (UID ${uid}) and run as USER ${uid}:${uid}` : `Run as USER ${uid}:${uid}`,
      edits,
    }
  );
}

/**
 * The last non-root user the stage creates (one with a known UID first), else the one its image ships. Named by UID
 * (which keeps its supplementary groups) when known and no RUN changes it, else by name.
 */
function existingUser(model: DockerfileModel, stage: Stage): { name: string; user: string; from: string } | undefined {
  const accounts = accountsOf(model, stage);
  const created = [...accounts.users].reverse();
  const user = created.find((u) => u.uid !== undefined && u.uid > 0) ?? created.find((u) => u.uid === undefined);
  // node's `node`, php's `www-data`, .NET's `app`.
  const image = stageChain(stage)[0].image ?? '';
  const name = user?.name ?? imageRunAsUser(stage)?.user;
  if (name === undefined) return undefined;
  const owner = resolveOwner(name, accounts, image);
  const byUid = owner.uid !== undefined && !idsChanged(model, stage, owner);
  return { name, user: byUid ? `${owner.uid}` : name, from: user ? 'this Dockerfile creates' : 'the image ships' };
}

/** The user creation in the base image's dialect, one `&&` link per element; none where nothing can run. */
function createUserCommand(family: ImageFamily, id: number): string[] | undefined {
  switch (family) {
    case 'distroless':
    case 'scratch':
      return undefined;
    case 'alpine':
      return [`addgroup -S -g ${id} ${USER_NAME}`, `&& adduser -S -D -H -u ${id} -G ${USER_NAME} ${USER_NAME}`];
    case 'debian':
      // Not adduser: Priority important, so not in debian:trixie-slim (packages.debian.org/trixie/adduser); useradd
      // comes with passwd, Priority required, in every Debian and Ubuntu image. Debian's nologin is in /usr/sbin.
      return [
        `groupadd --system --gid ${id} ${USER_NAME}`,
        `&& useradd --system --uid ${id} --gid ${id} --no-create-home --shell /usr/sbin/nologin ${USER_NAME}`,
      ];
    default:
      // shadow-utils: RHEL/UBI/Fedora, and present on Debian/Ubuntu too when the family is unknown.
      return [`groupadd --system --gid ${id} ${USER_NAME}`, `&& useradd --system --uid ${id} --gid ${id} --no-create-home --shell /sbin/nologin ${USER_NAME}`];
  }
}

/**
 * The lines inserted before the trailing CMD/ENTRYPOINT (after every RUN/COPY/ADD, so that no file is copied as the
 * user), else after the stage's last instruction; none when that instruction would take them in.
 */
export function insert(model: DockerfileModel, stage: Stage, lines: string[]): OffsetEdit[] | undefined {
  let point: number | undefined;
  for (const instr of stage.instructions) {
    if (['CMD', 'ENTRYPOINT'].includes(instr.keyword)) point ??= instr.start;
    else if (['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER', 'ONBUILD'].includes(instr.keyword)) point = undefined;
  }
  if (point !== undefined) return [insertLinesBefore(model, withLeadingComments(model, point), lines)];
  const last = stage.instructions.at(-1) ?? stage.from;
  if (runsOn(model, last)) return undefined;
  // The next line, not the end of the file: with --target, later stages follow.
  const next = model.lines.positionAt(last.end).line + 1;
  if (next >= model.lines.lineCount) return [appendLines(model, lines)];
  const at = model.lines.lineStart(next);
  return [{ start: at, end: at, newText: lines.map((l) => l + model.eol).join('') }];
}

/**
 * Whether lines put after an instruction would be read as part of it: a heredoc without its terminator line takes
 * the rest of the file as its body, and an escape at the end of its last line continues it onto the next (past
 * comment lines, which the parser then counts in, line break included).
 */
function runsOn(model: DockerfileModel, instr: DInstruction): boolean {
  const text = model.text.slice(instr.start, instr.end);
  return instr.heredocs.some((h) => h.contentEnd >= instr.end) || text.endsWith('\n') || text.trimEnd().endsWith(model.escapeChar);
}

/**
 * The official image (postgres, redis…) whose docker-entrypoint.sh the stage still runs, when that entrypoint steps
 * down from root; undefined when the file sets an ENTRYPOINT of its own (unless it names docker-entrypoint.sh).
 */
function officialEntrypointStepsDown(stage: Stage): string | undefined {
  const image = stageChain(stage)[0].image ?? '';
  if (!entrypointStepsDown(image)) return undefined;
  const entrypoint = chainInstructions(stage)
    .filter((i) => i.keyword === 'ENTRYPOINT')
    .pop();
  const words = entrypoint ? (entrypoint.json ?? entrypoint.args.map((a) => a.value)) : [];
  if (entrypoint && !/(^|\/)docker-entrypoint\.sh$/.test(words[0] ?? '')) return undefined;
  return officialImageName(image);
}
