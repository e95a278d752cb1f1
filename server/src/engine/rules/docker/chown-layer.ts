import type { DockerContext } from '../../dockerfile/context';
import { containsComment, deleteInstruction } from '../../dockerfile/edits';
import {
  chainInstructions,
  runsOnWindows,
  shellOf,
  type DInstruction,
  type DockerfileModel,
  type MappedScript,
  type ShellCommand,
  type Stage,
} from '../../dockerfile/model';
import { copyOperands, isCopy, joinPath, pathContains, workdirAt } from '../../dockerfile/paths';
import { accountsOf, baseImageOf, resolveOwner } from '../../dockerfile/users';
import type { ShellWord } from '../../dockerfile/shell';
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
      if (runsOnWindows(model, stage)) continue;
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
          // COPY --chown owns only what the COPY creates: a directory WORKDIR or mkdir made stays root's, and an
          // application that writes there (its VOLUME, its working directory) needs the chown kept.
          const made = directoriesMade(model, stage, command);
          const ownsMadeDirectory = chown.words.some((w) => {
            const path = joinPath(workdir, w.value!);
            return copies.some((c) => related(path, copyDestination(stage, c))) && made.some((dir) => pathContains(path, dir));
          });
          const keep = chown.words.filter((w) => !copies.some((c) => related(joinPath(workdir, w.value!), copyDestination(stage, c))));
          const keptPaths = keep.map((w) => w.value).join(' ');
          report({
            start: command.start,
            end: command.end,
            message: ownsMadeDirectory
              ? `${text} re-owns files that COPY just added, storing them twice; set their owner with COPY --chown=${owner ?? chown.owner} and chown only the directories WORKDIR or mkdir created, without -R.`
              : alreadyOwned
                ? `${text} re-owns files that COPY --chown=${chown.owner} already gave that owner, storing them twice; ${keep.length ? `chown only ${keptPaths}` : 'remove it'}.`
                : `${text} re-owns files that COPY just added, storing them twice; set the owner with COPY --chown=${owner ?? chown.owner} ${keep.length ? `and chown only ${keptPaths}` : 'instead'}.`,
            fixes: owner && !ownsMadeDirectory ? moveToCopy(model, run, script, command, owner, copies, owns, keep) : [],
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
function recursiveChown(command: ShellCommand): { owner: string; paths: string[]; words: ShellWord[] } | undefined {
  if (command.name !== 'chown') return undefined;
  const values = command.args.map((a) => a.value);
  if (values.some((v) => v === undefined)) return undefined;
  const flags = values.filter((v) => v!.startsWith('-')) as string[];
  const recursive = flags.some((f) => f === '--recursive' || /^-[a-zA-Z]*R/.test(f));
  const [ownerWord, ...words] = command.args.filter((a) => !a.value!.startsWith('-'));
  const owner = ownerWord?.value;
  if (!recursive || !owner || words.length === 0 || owner.startsWith('--reference')) return undefined;
  return { owner, paths: words.map((w) => w.value!), words };
}

/** Whether a chowned path and a copy destination overlap (one holds the other). */
function related(path: string, destination: string): boolean {
  return pathContains(path, destination) || pathContains(destination, path);
}

/** Directories the stage makes before a command: its WORKDIRs and `mkdir` arguments (created root-owned). */
function directoriesMade(model: DockerfileModel, stage: Stage, before: ShellCommand): string[] {
  const dirs: string[] = [];
  for (const instr of chainInstructions(stage)) {
    if (instr.start >= before.start) break;
    if (instr.keyword === 'WORKDIR') dirs.push(joinPath(workdirAt(stage, instr), instr.args[0]?.value ?? '.'));
    if (instr.keyword !== 'RUN') continue;
    for (const command of shellOf(model, instr)?.commands ?? []) {
      if (command.name !== 'mkdir' || command.start >= before.start) continue;
      const base = workdirAt(stage, instr);
      for (const arg of command.args) if (arg.value && !arg.value.startsWith('-')) dirs.push(joinPath(base, arg.value));
    }
  }
  return dirs;
}

/**
 * The `--chown` value for the copies: numeric when the file assigns the UID (it works before the user
 * exists); a name only when the user is created before the first copy, else COPY fails to resolve it.
 */
function copyOwner(model: DockerfileModel, stage: Stage, owner: string, firstCopy: DInstruction): string | undefined {
  const accounts = accountsOf(model, stage);
  const resolved = resolveOwner(owner, accounts, baseImageOf(stage));
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
  keep: ShellWord[],
): RawFix[] {
  if (copies.some((c) => c.flags.some((f) => f.name === 'chown') && !owns(c))) return [];
  const removal = keep.length ? keepOnly(command, keep) : removeCommand(model, run, script, command);
  if (!removal) return [];
  const edits: OffsetEdit[] = copies
    .filter((c) => !c.flags.some((f) => f.name === 'chown'))
    .map((c) => {
      const at = c.flags[0]?.start ?? c.argsStart;
      return { start: at, end: at, newText: `--chown=${owner} ` };
    });
  const title = edits.length ? `Move the ownership into COPY --chown=${owner}` : `Remove the chown: COPY --chown=${owner} already sets it`;
  return [{ title, edits: [...edits, ...removal] }];
}

/** Drops from the chown the paths COPY --chown now owns, keeping the others (`chown -R app /etc/app /data` → `/data`). */
function keepOnly(command: ShellCommand, keep: ShellWord[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  command.args.forEach((word, i) => {
    if (i > 0 && !word.value!.startsWith('-') && word !== command.args.find((a) => !a.value!.startsWith('-')) && !keep.includes(word))
      edits.push({ start: command.args[i - 1].end, end: word.end, newText: '' });
  });
  return edits;
}

function removeCommand(model: DockerfileModel, run: DInstruction, script: MappedScript, command: ShellCommand): OffsetEdit[] | undefined {
  const links = script.chain;
  const index = links.findIndex((l) => l.start === command.start && l.end === command.end);
  if (index < 0) return undefined;
  if (links.length === 1) return [deleteInstruction(model, run)];
  const [start, end] = index > 0 ? [links[index - 1].end, command.end] : [command.start, links[index + 1].start];
  return containsComment(model, start, end) ? undefined : [{ start, end, newText: '' }];
}
