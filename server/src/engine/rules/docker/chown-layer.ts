import type { DockerContext } from '../../dockerfile/context';
import { containsComment, deleteInstruction } from '../../dockerfile/edits';
import { isWindowsStage } from '../../dockerfile/family';
import { shellOf, type DInstruction, type DockerfileModel, type MappedScript, type ShellCommand, type Stage } from '../../dockerfile/model';
import { copyOperands, isCopy, joinPath, pathContains, workdirAt } from '../../dockerfile/paths';
import { accountsOf, resolveOwner } from '../../dockerfile/users';
import type { OffsetEdit } from '../../types';
import type { RawFix, RuleModule } from '../../rule';

export const chownLayer: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/chown-layer',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'RUN chown -R over paths that COPY/ADD just added, which stores every file a second time.',
    rationale:
      'Seeds 000/001 give ownership with `COPY --chown=1995:1995`. A later `RUN chown -R` rewrites each copied file into a new layer, doubling its size in the image; --chown sets the owner while copying, for free.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion: "The RUN's chown may cover files the COPY did not bring.",
    },
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      if (isWindowsStage(model, stage)) continue;
      for (const run of stage.instructions) {
        if (run.keyword !== 'RUN') continue;
        const script = shellOf(model, run);
        if (!script?.names.has('chown')) continue;
        for (const command of script.commands) {
          const chown = recursiveChown(command);
          if (!chown) continue;
          const workdir = workdirAt(stage, run);
          const paths = chown.paths.map((p) => joinPath(workdir, p));
          // Only a chown that covers whole copy destinations; chowning a few writable sub-directories of
          // otherwise root-owned code (`chown -R app db log tmp`) is the recommended pattern.
          const copies = stage.instructions.filter((i) => isCopy(i) && i.start < run.start && paths.some((p) => pathContains(p, copyDestination(stage, i))));
          if (copies.length === 0) continue;
          const text = model.text.slice(command.start, command.end).replace(/\s+/g, ' ');
          const owner = copyOwner(model, stage, chown.owner, copies[0]);
          const owns = (c: DInstruction) => c.flags.some((f) => f.name === 'chown' && (f.value === chown.owner || f.value === owner));
          const alreadyOwned = copies.every(owns);
          report({
            start: command.start,
            end: command.end,
            message: alreadyOwned
              ? `${text} re-owns files that COPY --chown=${chown.owner} already gave that owner, storing them twice; remove it.`
              : `${text} re-owns files that COPY just added, storing them twice; set the owner with COPY --chown=${owner ?? chown.owner} instead.`,
            fixes: owner ? moveToCopy(model, run, script, command, owner, copies, owns) : [],
          });
        }
      }
    }
  },
};

function copyDestination(stage: Stage, copy: DInstruction): string {
  return joinPath(workdirAt(stage, copy), copyOperands(copy).destination ?? '.');
}

/** `chown -R owner path…` (flags anywhere, as in the seed's `chown 1995:1995 -R /opt`). */
function recursiveChown(command: ShellCommand): { owner: string; paths: string[] } | undefined {
  if (command.name !== 'chown') return undefined;
  const values = command.args.map((a) => a.value);
  if (values.some((v) => v === undefined)) return undefined;
  const flags = values.filter((v) => v!.startsWith('-')) as string[];
  const recursive = flags.some((f) => f === '--recursive' || /^-[a-zA-Z]*R/.test(f));
  const [owner, ...paths] = values.filter((v) => !v!.startsWith('-')) as string[];
  if (!recursive || !owner || paths.length === 0 || owner.startsWith('--reference')) return undefined;
  return { owner, paths };
}

/**
 * The `--chown` value for the copies: numeric when the file assigns the UID (it works before the user
 * exists); a name only when the user is created before the first copy, else COPY fails to resolve it.
 */
function copyOwner(model: DockerfileModel, stage: Stage, owner: string, firstCopy: DInstruction): string | undefined {
  const accounts = accountsOf(model, stage);
  const resolved = resolveOwner(owner, accounts, stage.image);
  if (resolved.uid !== undefined && (resolved.group === undefined || resolved.gid !== undefined)) {
    return resolved.group === undefined ? `${resolved.uid}` : `${resolved.uid}:${resolved.gid}`;
  }
  const createdBefore = accounts.users.some((u) => u.name === resolved.user && u.instruction.start < firstCopy.start);
  return createdBefore ? owner : undefined;
}

/** Adds `--chown` to the copies that lack it and drops the chown from the RUN. */
function moveToCopy(
  model: DockerfileModel,
  run: DInstruction,
  script: MappedScript,
  command: ShellCommand,
  owner: string,
  copies: DInstruction[],
  owns: (copy: DInstruction) => boolean,
): RawFix[] {
  if (copies.some((c) => c.flags.some((f) => f.name === 'chown') && !owns(c))) return [];
  const removal = removeCommand(model, run, script, command);
  if (!removal) return [];
  const edits: OffsetEdit[] = copies
    .filter((c) => !c.flags.some((f) => f.name === 'chown'))
    .map((c) => {
      const at = c.flags[0]?.start ?? c.argsStart;
      return { start: at, end: at, newText: `--chown=${owner} ` };
    });
  const title = edits.length ? `Move the ownership into COPY --chown=${owner}` : `Remove the chown: COPY --chown=${owner} already sets it`;
  return [{ title, edits: [...edits, removal] }];
}

function removeCommand(model: DockerfileModel, run: DInstruction, script: MappedScript, command: ShellCommand): OffsetEdit | undefined {
  const links = script.chain;
  const index = links.findIndex((l) => l.start === command.start && l.end === command.end);
  if (index < 0) return undefined;
  if (links.length === 1) return deleteInstruction(model, run);
  const [start, end] = index > 0 ? [links[index - 1].end, command.end] : [command.start, links[index + 1].start];
  return containsComment(model, start, end) ? undefined : { start, end, newText: '' };
}
