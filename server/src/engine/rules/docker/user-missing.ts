import type { DockerContext } from '../../dockerfile/context';
import { appendLines, continuation, insertLinesBefore, withLeadingComments } from '../../dockerfile/edits';
import { baseImageUser, imageFamily, isExportStage, type ImageFamily } from '../../dockerfile/family';
import { stageChain, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { accountsOf, idsChanged, resolveOwner, userAt } from '../../dockerfile/users';
import type { RawFix, RuleModule } from '../../rule';

export const DEFAULT_UID = 10001;
const DISTROLESS_NONROOT = 65532;
const USER_NAME = 'appuser';

export const userMissing: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/user-missing',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description:
      'The final stage never sets USER, so the container runs as root (info where the base image is not known to run as root: it may set a user of its own).',
    rationale:
      'Seeds 000/001 switch "from root to appuser": create a user with a fixed UID and end the Dockerfile with USER so that Kubernetes can run the image with runAsNonRoot; seed 004: running as non-root limits what an attacker who exploits the application can reach.',
    seeds: ['000', '001', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'The image stops running as root; what it writes or binds may need root.',
    },
    aliases: { checkov: ['CKV_DOCKER_3'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage || userAt(finalStage) || isExportStage(finalStage)) return;
    const base = baseImageUser(finalStage);
    if (base === 'non-root') return;
    const family = imageFamily(model, finalStage);
    if (family === 'windows') return;
    const { from } = finalStage;
    const image = finalStage.image ?? from.args[0]?.value ?? '';
    // A base built elsewhere or passed in as a build argument may set a user of its own: said so, at info.
    report({
      start: from.start,
      end: from.end,
      ...(base === 'unknown' ? { severity: 'info' as const } : {}),
      message:
        base === 'root'
          ? `The final stage (FROM ${image}) has no USER instruction, so the container runs as root.`
          : `The final stage (FROM ${image}) has no USER instruction: the container runs as its base image's user, which is root unless the base image sets another.`,
      fixes: [userFix(model, finalStage, family)],
    });
  },
};

function userFix(model: DockerfileModel, stage: Stage, family: ImageFamily): RawFix {
  const at = insertionPoint(stage);
  const insert = (lines: string[]) => [at === undefined ? appendLines(model, lines) : insertLinesBefore(model, withLeadingComments(model, at), lines)];
  // A user the file creates (docker-node's `useradd --uid 1000 node`) or the image ships (`node`): run as it, by UID
  // alone, which keeps any supplementary groups; a second user would be one more account for nothing.
  const existing = existingUser(model, stage);
  if (existing) {
    return { title: `Run as ${existing.name} (USER ${existing.uid}), the user ${existing.from}`, edits: insert([`USER ${existing.uid}`]) };
  }
  const uid = family === 'distroless' ? DISTROLESS_NONROOT : DEFAULT_UID;
  const create = createUserCommand(family, uid);
  const lines = [...(create ? [`RUN ${create.join(continuation(model))}`] : []), `USER ${uid}:${uid}`];
  return {
    title: create ? `Create user ${USER_NAME} (UID ${uid}) and run as USER ${uid}:${uid}` : `Run as USER ${uid}:${uid}`,
    edits: insert(lines),
  };
}

/** The last non-root user the stage creates with a known UID, else the one its image ships; none once its ids are changed. */
function existingUser(model: DockerfileModel, stage: Stage): { name: string; uid: number; from: string } | undefined {
  const accounts = accountsOf(model, stage);
  const created = [...accounts.users].reverse().find((u) => u.uid !== undefined && u.uid > 0);
  // The official node images ship `node` (UID 1000).
  const image = stageChain(stage)[0].image ?? '';
  const name = created?.name ?? (/(^|\/)node(:|@|$)/.test(image) ? 'node' : undefined);
  if (name === undefined) return undefined;
  const owner = resolveOwner(name, accounts, image);
  if (owner.uid === undefined || owner.uid <= 0 || idsChanged(model, stage, owner)) return undefined;
  return { name, uid: owner.uid, from: created ? 'this Dockerfile creates' : 'the image ships' };
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
      return [`addgroup --system --gid ${id} ${USER_NAME}`, `&& adduser --system --uid ${id} --gid ${id} --no-create-home --disabled-password ${USER_NAME}`];
    default:
      // shadow-utils: RHEL/UBI/Fedora, and present on Debian/Ubuntu too when the family is unknown.
      return [`groupadd --system --gid ${id} ${USER_NAME}`, `&& useradd --system --uid ${id} --gid ${id} --no-create-home --shell /sbin/nologin ${USER_NAME}`];
  }
}

/** Before the trailing CMD/ENTRYPOINT (after every RUN/COPY/ADD, so that no file is copied as the user). */
function insertionPoint(stage: Stage): number | undefined {
  let point: number | undefined;
  for (const instr of stage.instructions) {
    if (['CMD', 'ENTRYPOINT'].includes(instr.keyword)) point ??= instr.start;
    else if (['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER', 'ONBUILD'].includes(instr.keyword)) point = undefined;
  }
  return point;
}
