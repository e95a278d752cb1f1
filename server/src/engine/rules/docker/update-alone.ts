import type { DockerContext } from '../../dockerfile/context';
import { mergeRunFixes, sameRunFlags, type MergeWording } from '../../dockerfile/merge';
import { shellOf, stageChain, type DInstruction, type DockerfileModel, type ShellCommand, type Stage } from '../../dockerfile/model';
import {
  APK_VALUE_OPTIONS,
  APT_DOWNLOADS,
  APT_INSTALLS,
  APT_LISTS,
  APT_TOOLS,
  APT_VALUE_OPTIONS,
  cacheMounted,
  operands,
  wordValues,
  type CacheOwner,
} from '../../dockerfile/packages';
import type { RawFix, RuleModule } from '../../rule';

/**
 * A package manager whose index an update RUN can leave behind: what updates it, what installs, what reads the index
 * a layer keeps (downloads what it lists), and what removes it.
 */
interface Manager {
  cache: CacheOwner;
  /** `package lists` (apt), `package index` (apk), and the verb's ending that goes with it. */
  noun: string;
  s: string;
  /** What to do instead when nothing installs from the update. */
  advice: string;
  tools: readonly string[];
  subcommand(c: ShellCommand): string | undefined;
  /** The update command: `apt-get update`, `apk update` (not `--no-cache`, which keeps nothing). */
  isUpdate(c: ShellCommand): boolean;
  /** Refreshes the index and keeps it: the update, or `apk add -U`. */
  refreshes(c: ShellCommand): boolean;
  installs(c: ShellCommand): boolean;
  /** Downloads what the index kept in the layer lists, without refreshing it first. */
  reads(c: ShellCommand): boolean;
  removes(text: string): boolean;
}

/** apk(8): `add`, `upgrade`, `fix` and `fetch` download what the index lists. */
const APK_READERS = new Set(['add', 'upgrade', 'fix', 'fetch']);
/** `--no-cache` uses no local cache (a fresh index, kept nowhere); `-U`/`--update-cache` refreshes it first. */
const apkNoCache = (c: ShellCommand) => wordValues(c).includes('--no-cache');
const apkRefreshes = (c: ShellCommand) => wordValues(c).some((v) => v === '--update-cache' || v === '--update' || /^-[a-zA-Z]*U[a-zA-Z]*$/.test(v));

const MANAGERS: Manager[] = [
  {
    cache: 'apt',
    noun: 'package lists',
    s: '',
    advice: 'remove it, or update in the RUN that installs',
    tools: Object.keys(APT_TOOLS),
    subcommand: (c) => operands(c.args, APT_VALUE_OPTIONS)[0]?.value,
    isUpdate(c) {
      return this.subcommand(c) === 'update';
    },
    refreshes(c) {
      return this.isUpdate(c);
    },
    installs(c) {
      return APT_INSTALLS.has(this.subcommand(c) ?? '');
    },
    reads(c) {
      return APT_DOWNLOADS.has(this.subcommand(c) ?? '');
    },
    removes: (text) => APT_LISTS.test(text),
  },
  {
    cache: 'apk',
    noun: 'package index',
    s: 's',
    advice: 'remove it: `apk add --no-cache` fetches a fresh index itself and keeps none',
    tools: ['apk'],
    subcommand: (c) => operands(c.args, APK_VALUE_OPTIONS)[0]?.value,
    isUpdate(c) {
      return this.subcommand(c) === 'update' && !apkNoCache(c);
    },
    refreshes(c) {
      return this.isUpdate(c) || (APK_READERS.has(this.subcommand(c) ?? '') && apkRefreshes(c) && !apkNoCache(c));
    },
    installs(c) {
      return this.subcommand(c) === 'add';
    },
    reads(c) {
      return APK_READERS.has(this.subcommand(c) ?? '') && !apkNoCache(c) && !apkRefreshes(c);
    },
    removes: (text) => /^rm\s.*\/var\/cache\/apk/.test(text),
  },
];

const WORDING: MergeWording = { merge: 'Merge the next RUN into this one', carrier: "this RUN's", target: "the next RUN's commands", first: 'this RUN' };

export const updateAlone: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/update-alone',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description:
      'apt-get/apt/aptitude update or apk update in a RUN that installs nothing: a later RUN installs from the lists this layer keeps, stale once the build cache reuses it.',
    rationale:
      'Docker\'s best practices: "Always combine RUN apt-get update with apt-get install in the same RUN statement": an update alone in its RUN is cached as a layer of its own, so a later install reads outdated lists and may fail or install outdated versions. Seed 004 combines RUN commands with &&.',
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: 'Merges the next RUN, the one that installs, into the update RUN with &&: the same commands in the same order, in one layer.',
      suggestion:
        "Where the update RUN's cd, set, export or variables would carry over into the install's commands, or where the install RUN is a list (`;`, `||`).",
    },
    aliases: { checkov: ['CKV_DOCKER_5'], trivy: ['DS017'] },
  },
  check({ model, finalStage }, report) {
    const shipped = finalStage ? stageChain(finalStage) : model.stages;
    for (const stage of model.stages) {
      for (const run of stage.instructions) {
        if (run.keyword !== 'RUN') continue;
        const script = shellOf(model, run);
        // Most RUNs update nothing: the word is looked for before any command is read.
        if (!script || !script.source.includes('update')) continue;
        for (const manager of MANAGERS) {
          const mine = managed(script.commands, manager);
          const update = mine.filter((c) => manager.isUpdate(c)).pop();
          if (!update) continue;
          const after = mine.filter((c) => c.start > update.start);
          if (after.some((c) => manager.installs(c))) continue;
          // The index stays in the layer unless the RUN removes it; a cache mount keeps it out of the layer but still
          // hands it, as stale, to a later RUN that mounts the same cache.
          if (script.commands.some((c) => c.start > update.start && manager.removes(model.text.slice(c.start, c.end)))) continue;
          const name = `${update.name} ${manager.subcommand(update)}`;
          const reader = laterReader(model, stage, run, manager, cacheMounted(run, manager.cache), new Set());
          if (reader) {
            const line = model.lines.positionAt(reader.command.start).line + 1;
            const readerName = `${reader.command.name} ${manager.subcommand(reader.command)}`;
            report({
              start: update.start,
              end: update.end,
              message:
                `${name} has no install after it in its RUN: the ${readerName} on line ${line} installs from the ${manager.noun} it leaves, ` +
                `stale whenever the build cache reuses this RUN. Update in the RUN that installs (${name} && ${readerName} …).`,
              missing: false,
              fixes: () => mergeFix(model, stage, run, reader.run),
            });
            continue;
          }
          // Nothing installs from it: in a stage the image is built on, the index ships for nothing (and goes stale for
          // the images built on this one); a builder stage's layers are thrown away.
          const readsAfter = after.some((c) => manager.reads(c));
          if (readsAfter || !shipped.includes(stage) || cacheMounted(run, manager.cache)) continue;
          report({
            start: update.start,
            end: update.end,
            severity: 'info',
            message:
              `${name} has no install after it in its RUN, nor does a later RUN install from its ${manager.noun}: ` +
              `the ${manager.noun} stay${manager.s} in the image for nothing, stale for the images built on it; ${manager.advice}.`,
            missing: false,
          });
        }
      }
    }
  },
};

/** Commands that run a tool for another (`sudo apt-get …`, `eatmydata apt-get …`), with their options before it. */
const WRAPPERS = new Set(['sudo', 'env', 'eatmydata', 'nice', 'ionice', 'nohup', 'time', 'command', 'exec']);

/**
 * The manager's commands, by the tool's name: also behind a wrapper, and tonistiigi/xx's `xx-apt-get`, `xx-apt`,
 * `xx-apk` (the same tools, for the target platform), read from the tool's word on.
 */
function managed(commands: readonly ShellCommand[], manager: Manager): ShellCommand[] {
  const tool = (word: string | undefined) => (word === undefined ? undefined : manager.tools.find((t) => t === word.replace(/^xx-/, '')));
  return commands.flatMap((c) => {
    const name = tool(c.name);
    if (name) return [{ ...c, name }];
    if (!WRAPPERS.has(c.name)) return [];
    const at = c.args.findIndex((a) => tool(a.value) !== undefined);
    return at < 0 ? [] : [{ ...c, name: tool(c.args[at].value)!, args: c.args.slice(at + 1) }];
  });
}

interface Reader {
  run: DInstruction;
  command: ShellCommand;
}

/**
 * The first RUN after `run`, in its stage and then in the stages built on it, that installs from the index `run`
 * leaves, without updating it first; none once a RUN of the stage updates the index itself (the stages built on it
 * get that RUN's). Only RUNs that see the same index: both in the layers, or both in a cache mount of it (a RUN
 * that mounts the cache and one that does not read different folders).
 */
function laterReader(
  model: DockerfileModel,
  stage: Stage,
  run: DInstruction | undefined,
  manager: Manager,
  mounted: boolean,
  seen: Set<Stage>,
): Reader | undefined {
  seen.add(stage);
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN' || (run && instruction.start <= run.start) || cacheMounted(instruction, manager.cache) !== mounted) continue;
    for (const command of managed(shellOf(model, instruction)?.commands ?? [], manager)) {
      if (manager.refreshes(command)) return undefined;
      if (manager.reads(command)) return { run: instruction, command };
    }
  }
  for (const child of model.stages) {
    if (child.parent !== stage || seen.has(child)) continue;
    const reader = laterReader(model, child, undefined, manager, mounted, seen);
    if (reader) return reader;
  }
  return undefined;
}

/**
 * Merging the RUN that installs into the update RUN, when it is the next instruction of the stage with the same flags
 * (a mount or a network for one step only is a separate step): docker/combine-run's merge, named from the update.
 * An install further down would move the update past what stands between (a COPY of sources.list, an ENV of a proxy).
 */
function mergeFix(model: DockerfileModel, stage: Stage, run: DInstruction, reader: DInstruction): RawFix[] {
  const list = stage.instructions;
  if (list[list.indexOf(run) + 1] !== reader || !sameRunFlags(run, reader)) return [];
  for (const r of [run, reader]) if (r.heredocs.length > 0 || !shellOf(model, r)?.parsed) return [];
  return mergeRunFixes(model, stage, run, reader, WORDING);
}
