import type { DockerContext } from '../../dockerfile/context';
import { continuation } from '../../dockerfile/edits';
import {
  chainInstructions,
  shellOf,
  stageChain,
  stateOffset,
  withTriggers,
  type DInstruction,
  type DockerfileModel,
  type MappedScript,
  type ShellCommand,
  type Stage,
} from '../../dockerfile/model';
import {
  APK_VALUE_OPTIONS,
  APT_DOWNLOADS,
  APT_LISTS,
  APT_QUERIES,
  APT_TOOLS,
  cacheMounted,
  isApkAdd,
  isAptInstall,
  isPipInstall,
  operands,
  wordValues,
  type CacheOwner,
} from '../../dockerfile/packages';
import { shellFlow } from '../../dockerfile/shell';
import { optionOn, shellAt } from '../../dockerfile/shell-instruction';
import type { RawFinding, RawFix, RuleModule } from '../../rule';
import type { FixKind, OffsetEdit } from '../../types';

/** pip reads PIP_NO_CACHE_DIR as a boolean (strtobool): these values disable the cache; false/0/off/no do not. */
const TRUTHY = /^(?:1|true|yes|y|on)$/i;

/**
 * `--no-cache-dir` and the prefixes pip's option parser (optparse) takes for it: `--no-ca` is the shortest that is
 * unambiguous (`--no-c` could be `--no-clean`, `--no-color` or `--no-compile`).
 */
const PIP_NO_CACHE = /^--no-ca(?:c(?:h(?:e(?:-(?:d(?:ir?)?)?)?)?)?)?$/;

/** apt-get(8) options that only simulate: nothing is downloaded nor installed. */
const APT_SIMULATE = new Set(['--simulate', '--just-print', '--dry-run', '--recon', '--no-act']);

export const packageCache: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/package-cache',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description:
      'pip install without --no-cache-dir (or a prefix pip takes for it, such as --no-cache), apt-get/aptitude install without ' +
      '--no-install-recommends or without removing /var/lib/apt/lists (a simulated `install -s` installs nothing), ' +
      'apk add without --no-cache (with --no-network it fetches no index to keep).',
    rationale:
      'Seed 000 installs with `pip install --no-cache-dir`; seed 004: smaller images have a reduced attack surface and download faster. Package caches and recommended extras end up in the layer for nothing.',
    seeds: ['000', '004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: '--no-cache-dir, apk --no-cache and removing the apt lists leave the installed packages as they are.',
      suggestion: '--no-install-recommends leaves out packages the software may need.',
    },
    aliases: { hadolint: ['DL3009', 'DL3015', 'DL3019', 'DL3042'], trivy: ['DS025', 'DS029'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage) return;
    // Only the stages the final image is built on: a builder stage's caches are thrown away.
    const envPipNoCache = chainInstructions(finalStage).some(
      (i) => i.keyword === 'ENV' && i.properties.some((p) => p.name === 'PIP_NO_CACHE_DIR' && TRUTHY.test(p.value ?? '')),
    );
    for (const stage of stageChain(finalStage)) {
      // ONBUILD RUN triggers of these stages too: their layers ship in the image built on this one (the final stage's
      // triggers) or in this image itself (an earlier stage's, run when the next stage is built FROM it).
      for (const run of withTriggers(stage.instructions)) {
        if (run.keyword !== 'RUN') continue;
        const script = shellOf(model, run);
        if (!script) continue;
        const mounted = (owner: CacheOwner) => cacheMounted(run, owner);
        const firstInstall = script.commands.find(isRealAptInstall);
        for (const c of script.commands) {
          const pipCacheOff = envPipNoCache || mounted('pip') || pipCacheDisabledInScript(model.text, run, c);
          const findings = [
            pipWithoutNoCache(c, pipCacheOff),
            aptWithoutNoRecommends(c),
            c === firstInstall && !APT_LISTS.test(script.source) && !mounted('apt') ? aptListsKept(model, stage, c, run, script.source) : undefined,
            mounted('apk') ? undefined : apkWithoutNoCache(model, stage, run, script, c),
            mounted('apk') ? undefined : apkUpdateKept(model, stage, run, script, c),
          ];
          for (const finding of findings) if (finding) report(finding);
        }
      }
    }
  },
};

/** `PIP_NO_CACHE_DIR=1 pip install …`, or an earlier `export PIP_NO_CACHE_DIR=1` in the same RUN. */
function pipCacheDisabledInScript(text: string, run: DInstruction, c: ShellCommand): boolean {
  const prefix = /^(?:\s*[A-Za-z_]\w*=\S*)*/.exec(text.slice(c.start, c.end))?.[0] ?? '';
  const inline = /(?:^|\s)PIP_NO_CACHE_DIR=["']?([^\s"']*)/.exec(prefix);
  if (inline) return TRUTHY.test(inline[1]);
  const exports = [...text.slice(run.start, c.start).matchAll(/\bexport\s+PIP_NO_CACHE_DIR=["']?([^\s"';&|]*)/g)];
  return exports.length > 0 && TRUTHY.test(exports[exports.length - 1][1]);
}

/** Inserts ` flag` right after the subcommand word (`install`, `add`). */
function addAfter(c: ShellCommand, subcommand: string, flag: string, kind: FixKind): RawFix[] {
  const word = c.args.find((a) => a.value === subcommand)!;
  return [{ title: `Add ${flag}`, kind, edits: [{ start: word.end, end: word.end, newText: ` ${flag}` }] }];
}

function pipWithoutNoCache(c: ShellCommand, envSet: boolean): RawFinding | undefined {
  if (envSet || !isPipInstall(c) || wordValues(c).some((v) => PIP_NO_CACHE.test(v))) return undefined;
  return {
    start: c.start,
    end: c.end,
    message: 'pip install without --no-cache-dir keeps the download cache in the layer; add --no-cache-dir.',
    fixes: addAfter(c, 'install', '--no-cache-dir', 'safe'),
  };
}

/** An apt install that installs: `apt-get install -s …` (docker-library/postgres tests availability so) does not. */
function isRealAptInstall(c: ShellCommand): boolean {
  // Short options may be grouped (`-sy`); `-o`, `-c` and `-t` take the rest of the word as their value.
  return isAptInstall(c) && !wordValues(c).some((v) => APT_SIMULATE.has(v) || /^-[a-bd-np-su-zA-Z]*s/.test(v));
}

function aptWithoutNoRecommends(c: ShellCommand): RawFinding | undefined {
  if (!isRealAptInstall(c)) return undefined;
  const { flag, also } = APT_TOOLS[c.name];
  if (wordValues(c).some((v) => v === flag || also.includes(v) || /APT::Install-Recommends=(false|0)/i.test(v))) return undefined;
  return {
    start: c.start,
    end: c.end,
    message: `${c.name} install without ${flag} also installs recommended packages; add ${flag}.`,
    fixes: addAfter(c, 'install', flag, 'suggestion'),
  };
}

function aptListsKept(model: DockerfileModel, stage: Stage, c: ShellCommand, run: DInstruction, source: string): RawFinding {
  const end = run.args[run.args.length - 1].end;
  const append = run.heredocs.length ? undefined : listsRemoval(model, stage, run, source);
  return {
    start: c.start,
    end: c.end,
    message: `${c.name} install leaves the package lists in /var/lib/apt/lists in the layer; end the RUN with rm -rf /var/lib/apt/lists/*.`,
    fixes: append === undefined ? [] : [{ title: 'Remove /var/lib/apt/lists/* in the same RUN', kind: 'safe', edits: [{ start: end, end, newText: append }] }],
  };
}

/**
 * The text that ends the RUN with the removal, in the script's own style, continued on a line indented like the
 * RUN's other continuation lines (tabs in the docker-library style):
 * - `… && rm -rf /var/lib/apt/lists/*` after a script that ends with a command;
 * - `…; rm -rf /var/lib/apt/lists/*;` after a script that ends with `;` (`set -eux; …; apt-get install …;`), only
 *   where errexit is on: otherwise the RUN's status would become rm's, and a failed install would pass;
 * - none after a trailing `&` (a job left running), a comment (it would swallow what is appended), a script that does
 *   not parse, or a compound last command under errexit (once `&&` follows it, errexit is ignored inside it).
 */
function listsRemoval(model: DockerfileModel, stage: Stage, run: DInstruction, source: string): string | undefined {
  if (listsReadLater(model, stage, run)) return undefined;
  const flow = shellFlow(source);
  if (!flow || flow.ends === 'maybe') return undefined;
  const errexit = errexitOn(model, stage, run);
  const next = continuation(model, continuationIndent(model, run));
  // (mvdan-sh counts a statement's `;` or `&` as part of it: `trailing` holds only what follows, a comment.)
  if (flow.trailing !== '') return undefined;
  const end = /[;&]?(?=\s*$)/.exec(source)![0];
  if (end === '') return flow.endsCompound && (errexit || flow.errexit) ? undefined : `${next}&& rm -rf /var/lib/apt/lists/*`;
  return end === ';' && errexit ? `${next}rm -rf /var/lib/apt/lists/*;` : undefined;
}

/**
 * Whether a later RUN of the stage, or of a stage built on it, runs apt on the lists this RUN leaves before updating
 * them itself (base images ship none): once they are removed an install fails with `Unable to locate package`, and an
 * upgrade or `install -s` quietly finds nothing. ONBUILD triggers run after every instruction of their stage (in the
 * build FROM it): after a trigger run the later triggers and the stages built on its stage, not the stage's own
 * instructions.
 */
function listsReadLater(model: DockerfileModel, stage: Stage, run: DInstruction): boolean {
  const built = model.stages.filter((s) => stageChain(s).includes(stage));
  const triggers = (s: Stage) => s.instructions.flatMap((i) => (i.trigger ? [i.trigger] : []));
  const later = run.onbuild
    ? [...triggers(stage).filter((t) => t.start > run.start), ...built.filter((s) => s !== stage).flatMap((s) => s.instructions)]
    : [...built.flatMap((s) => s.instructions).filter((i) => i.start > run.start), ...built.flatMap(triggers)];
  for (const instruction of later) {
    if (instruction.keyword !== 'RUN') continue;
    for (const c of shellOf(model, instruction)?.commands ?? []) {
      if (!(c.name in APT_TOOLS) && c.name !== 'apt-cache') continue;
      const words = wordValues(c);
      if (words.includes('update')) break;
      // Anything that downloads from the lists or queries them (`apt-get install -s` too); apt-cache only queries them.
      if (c.name === 'apt-cache' || words.some((w) => APT_DOWNLOADS.has(w) || APT_QUERIES.has(w))) return true;
    }
  }
  return false;
}

/** Whether errexit is surely on for the RUN: its SHELL's options, then the script's top-level `set -e…`/`set +e`. */
function errexitOn(model: DockerfileModel, stage: Stage, run: DInstruction): boolean {
  const sets = (shellOf(model, run)?.commands ?? []).filter((c) => c.name === 'set').map(wordValues);
  // A `set +e` anywhere may leave it off where the fix lands.
  if (sets.some((args) => args.some((a, k) => /^\+[a-zA-Z]*e/.test(a) || (a === '+o' && args[k + 1] === 'errexit')))) return false;
  return optionOn(shellAt(stage, stateOffset(run)).options, 'errexit', 'e') || sets.some((args) => optionOn(args, 'errexit', 'e'));
}

/** The indentation of the RUN's least indented continuation line; four spaces for a RUN on one line. */
function continuationIndent(model: DockerfileModel, run: DInstruction): string {
  const { lines, text } = model;
  const [first, last] = [lines.positionAt(run.start).line, lines.positionAt(run.end).line];
  let indent: string | undefined;
  for (let line = first + 1; line <= last; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (/^[ \t]*(#|$)/.test(content)) continue;
    const own = /^[ \t]*/.exec(content)![0];
    if (indent === undefined || own.length < indent.length) indent = own;
  }
  return indent || '    ';
}

/** `--no-network` fetches no index (apk(8): "Do not use the network"), so there is none to keep. */
function apkWithoutNoCache(model: DockerfileModel, stage: Stage, run: DInstruction, script: MappedScript, c: ShellCommand): RawFinding | undefined {
  const args = wordValues(c);
  if (!isApkAdd(c) || args.includes('--no-cache') || args.includes('--no-network') || APK_CACHE.test(script.source)) return undefined;
  const [addFlag] = addAfter(c, 'add', '--no-cache', 'safe');
  const update = script.commands.filter((u) => u.start < c.start && isKeptApkUpdate(u)).pop();
  if (!update) {
    return { start: c.start, end: c.end, message: 'apk add without --no-cache keeps the package index in the layer; add --no-cache.', fixes: [addFlag] };
  }
  // With --no-cache the add fetches the index itself: the update before it only leaves a copy in the layer.
  const drop = droppedUpdate(model, stage, run, script, update, c);
  return {
    start: c.start,
    end: c.end,
    message: 'apk add without --no-cache keeps the package index (here the one apk update fetched) in the layer; add --no-cache and drop apk update.',
    fixes: drop ? [{ title: 'Add --no-cache and drop apk update', kind: 'safe', edits: [drop, ...addFlag.edits] }] : [addFlag],
  };
}

/** A removal of /var/cache/apk (or a mention of it) in the RUN: its index does not stay, or the script sees to it. */
const APK_CACHE = /\/var\/cache\/apk/;

const apkSubcommand = (c: ShellCommand) => (c.name === 'apk' ? operands(c.args, APK_VALUE_OPTIONS)[0]?.value : undefined);

/** `apk update` without `--no-cache`: it writes the index to /var/cache/apk. */
function isKeptApkUpdate(c: ShellCommand): boolean {
  return apkSubcommand(c) === 'update' && !wordValues(c).includes('--no-cache');
}

/**
 * `apk update` followed in its RUN by `apk add --no-cache` (hadolint DL3019: use --no-cache instead of update and
 * removing the cache): the add fetches the index itself, the update leaves its copy in /var/cache/apk. Not when an add
 * after it lacks --no-cache (that finding says to drop the update too), nor when no add follows: docker/update-alone's.
 */
function apkUpdateKept(model: DockerfileModel, stage: Stage, run: DInstruction, script: MappedScript, c: ShellCommand): RawFinding | undefined {
  if (!isKeptApkUpdate(c) || APK_CACHE.test(script.source)) return undefined;
  const adds = script.commands.filter((a) => a.start > c.start && isApkAdd(a));
  if (adds.length === 0 || adds.some((a) => !wordValues(a).some((v) => v === '--no-cache' || v === '--no-network'))) return undefined;
  const drop = droppedUpdate(model, stage, run, script, c, undefined);
  return {
    start: c.start,
    end: c.end,
    message: 'apk update leaves the package index in /var/cache/apk in the layer; drop it: apk add --no-cache fetches the index itself and keeps none.',
    fixes: drop ? [{ title: 'Drop apk update', kind: 'safe', edits: [drop] }] : [],
  };
}

/** apk(8): options of `apk update` that change nothing but its output. */
const APK_QUIET = new Set(['update', '-q', '--quiet', '-v', '--verbose', '--no-progress']);
/** Subcommands that read no repository index: `del` removes from the installed world, `update` fetches its own. */
const APK_NO_INDEX = new Set(['del', 'update']);
/** Programs that may run apk themselves, out of sight: shells, `source`, `eval`, `xargs`, tonistiigi/xx's `xx-apk`. */
const RUNS_OTHER_CODE = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox', 'source', '.', 'eval', 'xargs', 'xx-apk', '']);

/**
 * The edit that removes `apk update` from its RUN (`apk update && `, `apk update; `, its heredoc line), where that
 * changes nothing but the index left in the layer: a plain `apk update` (no repository option), a link of the
 * script's top-level `&&`/`;`/newline list with only blanks and continuations before the next link, and every apk
 * command after it in the RUN and in later RUNs (of the stage, the stages built on it, ONBUILD triggers) fetching its
 * own index (`--no-cache`, `adding` once the fix gives it the flag) or reading none (`del`), with nothing after it
 * that may run apk out of sight (a script, `sh -c`, `eval`, an apk in a command substitution). Then every add still
 * installs from a fresh index, fetched by `--no-cache` itself.
 */
function droppedUpdate(
  model: DockerfileModel,
  stage: Stage,
  run: DInstruction,
  script: MappedScript,
  update: ShellCommand,
  adding: ShellCommand | undefined,
): OffsetEdit | undefined {
  if (!script.parsed || update.words[0]?.value !== 'apk' || !update.args.every((a) => APK_QUIET.has(a.value ?? ''))) return undefined;
  const { text } = model;
  const at = script.chain.findIndex((link) => link.start === update.start);
  const [link, next] = [script.chain[at], script.chain[at + 1]];
  if (!link?.plain || !next || text.slice(link.start, link.end).replace(/;$/, '') !== text.slice(update.start, update.end)) return undefined;
  const gap = text.slice(link.end, next.start).split(`${model.escapeChar}\n`).join('').split(`${model.escapeChar}\r\n`).join('').trim();
  if (gap !== '' && gap !== '&&') return undefined;
  const after = script.commands.filter((c) => c.start > update.start);
  if (!after.every((c) => c === adding || fetchesOwnIndex(c))) return undefined;
  // An apk the script runs where the commands do not show (`X=$(apk info …)`): every `apk` word must be a command's.
  const end = Math.max(run.end, ...run.heredocs.map((h) => h.contentEnd));
  const apkWords = text.slice(update.end, end).match(/(?<![\w./-])apk(?![\w.-])/g)?.length ?? 0;
  if (apkWords !== after.filter((c) => c.name === 'apk').length) return undefined;
  if (apkIndexReadLater(model, stage, run)) return undefined;
  return { start: update.start, end: next.start, newText: '' };
}

/** An apk command that fetches its own index or reads none; any other command that cannot run apk out of sight. */
function fetchesOwnIndex(c: ShellCommand): boolean {
  if (c.name !== 'apk') {
    const program = c.words[c.words.length - c.args.length - 1]?.value ?? '';
    return !program.includes('/') && !RUNS_OTHER_CODE.has(c.name);
  }
  const sub = apkSubcommand(c);
  return sub !== undefined && (APK_NO_INDEX.has(sub) || wordValues(c).includes('--no-cache'));
}

/**
 * Whether a RUN after `run` may read the index `run` leaves, in each image built on its stage (its own later RUNs and
 * ONBUILD triggers, then each stage built on it; after an ONBUILD trigger, the later triggers and the stages built on
 * its stage): an apk that neither fetches its own (`--no-cache`) nor updates first, or a program that may run apk out
 * of sight. An update (`apk update`, `apk add -U`) ends the search in that image.
 */
function apkIndexReadLater(model: DockerfileModel, stage: Stage, run: DInstruction): boolean {
  for (const built of model.stages.filter((s) => stageChain(s).includes(stage))) {
    const chain = stageChain(built);
    const later = chain
      .slice(chain.indexOf(stage))
      .flatMap((s) => (s === stage && run.onbuild ? s.instructions.flatMap((i) => (i.trigger ? [i.trigger] : [])) : withTriggers(s.instructions)));
    image: for (const instruction of later) {
      if (instruction.keyword !== 'RUN' || instruction.start <= run.start) continue;
      const script = shellOf(model, instruction);
      if (!script) return true;
      for (const c of script.commands) {
        const values = wordValues(c);
        const refreshes = apkSubcommand(c) === 'update' || values.some((v) => v === '--update-cache' || v === '--update' || /^-[a-zA-Z]*U[a-zA-Z]*$/.test(v));
        if (c.name === 'apk' && refreshes && !values.includes('--no-cache')) break image;
        if (!fetchesOwnIndex(c)) return true;
      }
    }
  }
  return false;
}
