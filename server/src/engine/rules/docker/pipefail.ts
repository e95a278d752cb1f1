import type { DockerContext } from '../../dockerfile/context';
import { appendLines, withLeadingComments, insertLinesBefore } from '../../dockerfile/edits';
import { imageFamily } from '../../dockerfile/family';
import {
  keywordLabel,
  shellOf,
  stageChain,
  stateOffset,
  withTriggers,
  type DInstruction,
  type DockerfileModel,
  type MappedScript,
  type Stage,
} from '../../dockerfile/model';
import type { ShellCommand, ShellPipe } from '../../dockerfile/shell';
import { optionOn, PIPEFAIL_SHELLS, POSIX_SHELLS, programName, shellAt } from '../../dockerfile/shell-instruction';
import type { OffsetEdit } from '../../types';
import type { RawFix, RuleModule } from '../../rule';

/**
 * Debian's dash implements `set -o pipefail` from 0.5.12-7 (Debian bug #1071238: Debian 13 "trixie",
 * Ubuntu 25.04 and later); Debian 12 (0.5.12-2) and Ubuntu 24.04 (0.5.12-6ubuntu5) reject it with
 * "set: Illegal option -o pipefail".
 */
const DASH_WITH_PIPEFAIL = /trixie|forky|(^|\/)debian:(1[3-9]|testing|sid|unstable)\b|(^|\/)ubuntu:(2[5-9]\.|[3-9]\d\.)|plucky|questing|resolute/i;

const BASH_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

export const pipefail: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/pipefail',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'A RUN pipes commands into each other without pipefail, so a failure left of the pipe does not fail the build.',
    rationale:
      'A pipeline returns the status of its last command: in `curl -fsSL $URL | tar -xz` a failed download still ' +
      'exits 0 when tar exits 0, and the build goes on with a missing or truncated file. `set -o pipefail` (or a ' +
      'SHELL with `-o pipefail`) makes the pipeline fail when any part fails (hadolint DL4006). Seed 004 asks for ' +
      'reproducible builds; a step that fails silently is not one.',
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion:
        'With pipefail, a pipeline whose reader stops early (`| head`, `| grep -q`) can fail on SIGPIPE, and a failure the build used to ignore now stops it.',
    },
    aliases: { hadolint: ['DL4006'] },
  },
  check({ model, finalStage }, report) {
    // ONBUILD RUN triggers too, in the SHELL the stage ends with (the one a child's build starts in).
    for (const run of withTriggers(model.instructions)) {
      const found = unguardedPipe(model, run);
      if (!found) continue;
      const { pipe } = found;
      const [from, into] = [pipe.left ?? 'a command', pipe.right ?? 'the next one'];
      report({
        start: pipe.start,
        end: pipe.end,
        message: `${keywordLabel(run)} pipes ${from} into ${into} without pipefail: if ${from} fails, the step still succeeds when ${into} does; set -o pipefail first.`,
        fixes: fixFor(model, found, finalStage),
      });
    }
  },
};

interface UnguardedPipe {
  run: DInstruction;
  stage: Stage;
  /** The program of the SHELL in force. */
  program: string;
  script: MappedScript;
  body: HeredocBody | undefined;
  pipe: ShellPipe;
}

/** The RUN's first pipe whose left side can fail, whose status is not discarded, and that runs without pipefail. */
function unguardedPipe(model: DockerfileModel, run: DInstruction): UnguardedPipe | undefined {
  const stage = run.stage;
  if (run.keyword !== 'RUN' || !stage) return undefined;
  const shell = shellAt(stage, stateOffset(run));
  if (!shell.posix || optionOn(shell.options, 'pipefail')) return undefined;
  const script = shellOf(model, run);
  if (!script?.parsed || !script.pipes.length) return undefined;
  const body = heredocBody(model, run);
  if (body?.shebang && !POSIX_SHELLS.has(body.shebang)) return undefined;
  const pipe = script.pipes.find((p) => p.leftCanFail && !p.statusDiscarded && !pipefailSetBefore(script.commands, p.start));
  return pipe && { run, stage, program: shell.program, script, body, pipe };
}

/** Whether a `set` earlier in the script (than `offset`) left pipefail on. */
function pipefailSetBefore(commands: readonly ShellCommand[], offset: number): boolean {
  let on = false;
  for (const c of commands) {
    if (c.start >= offset) break;
    if (c.name === 'set' && c.words[0]?.value === 'set') {
      const args = c.args.map((a) => a.value ?? '');
      if (args.some((a, i) => /^[-+][a-zA-Z]*o$/.test(a) && args[i + 1] === 'pipefail')) on = optionOn(args, 'pipefail');
    }
  }
  return on;
}

interface HeredocBody {
  start: number;
  /** The interpreter a `#!` first line names, if any. */
  shebang: string | undefined;
  /** Just after the shebang line, where an inserted line goes. */
  afterShebang: number;
}

/** The script body of `RUN <<EOF` (its first heredoc). */
function heredocBody(model: DockerfileModel, run: DInstruction): HeredocBody | undefined {
  const doc = run.heredocs[0];
  if (!doc) return undefined;
  const text = model.text.slice(doc.contentStart, doc.contentEnd);
  const first = /^#!\s*(\S+)(?:[ \t]+(\S+))?[^\n]*\n/.exec(text);
  if (!first) return { start: doc.contentStart, shebang: undefined, afterShebang: doc.contentStart };
  const program = programName(first[1]) === 'env' ? programName(first[2] ?? '') : programName(first[1]);
  return { start: doc.contentStart, shebang: program, afterShebang: doc.contentStart + first[0].length };
}

/**
 * `set -o pipefail` where the shell has it: bash, zsh, ash/BusyBox (Alpine), RHEL's /bin/sh (bash), Debian
 * 13+/Ubuntu 25.04+ dash. On older Debian/Ubuntu, whose /bin/sh is a dash without pipefail but which always
 * ship bash (an Essential package), a SHELL running bash with `-o pipefail`. Otherwise (unknown base, distroless)
 * no fix: the option might not exist.
 */
function fixFor(model: DockerfileModel, found: UnguardedPipe, finalStage: Stage | undefined): RawFix[] {
  const { run, stage, script, body } = found;
  const fix = fixKind(model, found);
  if (fix === 'set') return [setPipefail(model, run, script, body)];
  // A trigger runs in the SHELL its stage ends with: a SHELL line for it would change the image's own shell, and
  // every child's; no fix there.
  if (fix !== 'bash' || run.onbuild) return [];
  // SHELL applies to every later RUN of the stage: each RUN's fix inserts the same line at the same place, before
  // the first RUN since the SHELL in force that needs it. Fix-all applies one of these identical edits per pass
  // (they overlap); the next pass no longer reports the others, so the stage gets one SHELL line.
  const previous = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.start < run.start).pop();
  const since = previous?.start ?? stage.from.start;
  const first = stage.instructions.find((i) => i.start > since && i.start <= run.start && fixKind(model, unguardedPipe(model, i)) === 'bash') ?? run;
  const edits = [insertLinesBefore(model, withLeadingComments(model, first.start), [BASH_SHELL])];
  const inImage = finalStage !== undefined && stageChain(finalStage).includes(stage);
  const restore = inImage ? restoreShell(model, stage, run, previous) : undefined;
  if (restore) edits.push(restore);
  const where = first === run ? 'before this RUN' : "before the stage's first RUN that pipes";
  return [{ title: `Insert ${BASH_SHELL} ${where}${restore ? '; restore /bin/sh after the last RUN that pipes' : ''}`, kind: 'suggestion', edits }];
}

/**
 * SHELL is saved in the image config: in the image's own stages, the shell in force before goes back after the
 * group's last RUN that needs bash, so child images' RUNs, HEALTHCHECK and shell-form CMD keep /bin/sh
 * (docs.docker.com/reference/dockerfile/#shell; the Linux default is ["/bin/sh", "-c"]).
 */
function restoreShell(model: DockerfileModel, stage: Stage, run: DInstruction, previous: DInstruction | undefined): OffsetEdit | undefined {
  const laterShell = stage.instructions.find((i) => i.keyword === 'SHELL' && i.start > run.start)?.start ?? Infinity;
  const last =
    stage.instructions.filter((i) => i.start >= run.start && i.start < laterShell && fixKind(model, unguardedPipe(model, i)) === 'bash').pop() ?? run;
  const next = model.instructions.find((i) => i.start > last.start);
  if (next?.keyword === 'SHELL' && next.stage === stage) return undefined;
  const line = previous ? model.text.slice(previous.start, previous.end) : 'SHELL ["/bin/sh", "-c"]';
  return next ? insertLinesBefore(model, withLeadingComments(model, next.start), [line]) : appendLines(model, [line]);
}

/** Which fix the RUN gets: `set -o pipefail` in its script, the bash SHELL line before it, or none. */
function fixKind(model: DockerfileModel, found: UnguardedPipe | undefined): 'set' | 'bash' | undefined {
  if (!found) return undefined;
  const { stage, program, body } = found;
  const shell = body?.shebang ?? program;
  const family = imageFamily(model, stage);
  const root = stageChain(stage)[0].image ?? '';
  const hasPipefail =
    PIPEFAIL_SHELLS.has(shell) ||
    (['sh', 'dash'].includes(shell) && (family === 'alpine' || family === 'rhel' || (family === 'debian' && DASH_WITH_PIPEFAIL.test(root))));
  if (hasPipefail) return 'set';
  return family === 'debian' && !body?.shebang && ['sh', 'dash'].includes(shell) ? 'bash' : undefined;
}

/** Adds `o pipefail` to a leading `set -eux`, else prefixes the script with `set -o pipefail && `. */
function setPipefail(model: DockerfileModel, run: DInstruction, script: MappedScript, body: HeredocBody | undefined): RawFix {
  const title = 'Set -o pipefail at the start of the RUN';
  if (body) return { title, kind: 'suggestion', edits: [{ start: body.afterShebang, end: body.afterShebang, newText: `set -o pipefail${model.eol}` }] };
  const first = script.commands[0];
  const flags = first?.name === 'set' && first.start === run.argsStart ? first.args[0] : undefined;
  if (flags?.value && /^-[a-zA-Z]+$/.test(flags.value) && !flags.value.includes('o') && first.args.length === 1) {
    return { title, kind: 'suggestion', edits: [{ start: flags.end, end: flags.end, newText: 'o pipefail' }] };
  }
  return { title, kind: 'suggestion', edits: [{ start: run.argsStart, end: run.argsStart, newText: 'set -o pipefail && ' }] };
}
