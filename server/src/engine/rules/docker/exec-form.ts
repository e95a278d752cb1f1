import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import { chainInstructions, logicalText, shellOf, stageChain, type DInstruction, type DockerfileModel, type Stage } from '../../dockerfile/model';
import type { RuleModule } from '../../rule';

/** Builtins that cannot be `exec`ed. */
const BUILTINS = new Set(['cd', 'export', 'set', 'source', '.', 'exec', 'true', 'false', 'echo', 'test', '[', 'eval', 'trap', 'wait', 'exit']);

export const execForm: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/exec-form',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description:
      'Shell-form ENTRYPOINT/CMD: the process does not receive SIGTERM, which breaks graceful shutdown; after an exec-form ENTRYPOINT, a shell-form CMD hands it `/bin/sh -c <command>` as arguments.',
    rationale:
      'Seed 000 writes ENTRYPOINT and CMD as JSON arrays; seed 002: on Pod termination Kubernetes sends SIGTERM to the container and kills it after the grace period, and an application that never sees SIGTERM cannot drain requests (clients get 502s). In shell form /bin/sh -c is PID 1 and does not forward the signal. ' +
      'A shell-form CMD after an exec-form ENTRYPOINT is not run by a shell of its own: Docker appends `/bin/sh`, `-c` and the command string to the ENTRYPOINT, which receives them as arguments (Dockerfile reference, "Understand how CMD and ENTRYPOINT interact"); in exec form it receives the words of the command.',
    seeds: ['000', '002'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion:
        'The command runs without a shell: no variable expansion, and it receives signals as PID 1. An ENTRYPOINT turned into its words then also receives the CMD and `docker run` arguments, which the shell form ignored. A CMD after an exec-form ENTRYPOINT gives it the words of the command as arguments instead of `/bin/sh -c <command>`, which the ENTRYPOINT may have relied on.',
    },
    aliases: { hadolint: ['DL3025'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage || isWindowsStage(model, finalStage)) return;
    for (const stage of stageChain(finalStage)) {
      for (const instr of stage.instructions) {
        if ((instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') || instr.json || instr.args.length === 0) continue;
        if (execsLast(model, instr)) continue;
        const words = plainWords(model, instr);
        const json = words ? jsonArray(words) : inShell(model, finalStage, instr);
        const entrypoint = instr.keyword === 'CMD' ? execEntrypointOf(finalStage, instr) : undefined;
        const note = entrypoint ? handedNote(words) : words && instr.keyword === 'ENTRYPOINT' ? argumentsNote(model, finalStage, instr) : '';
        const advice = json ? `use the exec form ${json}${note}` : 'use the exec form, or `exec` the last command';
        const what = entrypoint
          ? `so the exec-form ENTRYPOINT ${shown(model, entrypoint)} receives ${shellPrefix(instr.stage ?? finalStage).join(', ')} and "${shown(model, instr)}" as arguments`
          : 'so /bin/sh is PID 1 and the process never receives SIGTERM';
        report({
          start: instr.start,
          end: instr.end,
          message: `${instr.keyword} ${shown(model, instr)} is in shell form, ${what}; ${advice}.`,
          fixes: json ? [{ title: `Convert to exec form${note}`, edits: [{ start: instr.argsStart, end: instr.end, newText: json }] }] : [],
        });
      }
    }
  },
};

/** A plain command becomes its words (`node server.js` → `["node", "server.js"]`). */
function plainWords(model: DockerfileModel, instr: DInstruction): string[] | undefined {
  const script = shellOf(model, instr)!;
  const only = script.commands[0];
  if (!script.parsed || script.chain.length !== 1 || !script.chain[0].plain || script.commands.length !== 1 || !only.simple) return undefined;
  const words = only.words[0].value === 'exec' ? only.words.slice(1) : only.words;
  return words.map((w) => w.value!);
}

/**
 * Anything needing a shell (`&&`, pipes, redirections, variables, globs, `~`) stays in the shell, with `exec`
 * before the last command so that the application, not the shell, ends up as PID 1.
 */
function inShell(model: DockerfileModel, stage: Stage, instr: DInstruction): string | undefined {
  const script = shellOf(model, instr)!;
  const { source, map } = logicalText(model, instr.argsStart, instr.end);
  let body = source.trim();
  const last = script.chain[script.chain.length - 1];
  const lastCommand = last && script.commands.find((c) => c.start === last.start);
  if (!last?.plain || !lastCommand || BUILTINS.has(lastCommand.words[0].value ?? '')) return undefined;
  const at = map.indexOf(last.start);
  // Without `exec` before the last command (a `VAR=… cmd` prefix, say) `sh -c` would stay PID 1: the same
  // shell form in other clothes. No fix then, rather than one that only silences the warning.
  if (at < 0) return undefined;
  body = `${source.slice(0, at)}exec ${source.slice(at)}`.trim();
  return jsonArray([...shellPrefix(stage), body]);
}

/**
 * Docker appends the CMD, or the `docker run` arguments, to the ENTRYPOINT: a shell-form one passes them to `sh -c`
 * as `$0`, `$1`…, which its script ignores (and so does one kept in `["/bin/sh", "-c", …]`), but the program of an
 * ENTRYPOINT turned into its words receives them. The CMD is the stage's or a later one's: an ENTRYPOINT resets the
 * CMD it inherits.
 */
function argumentsNote(model: DockerfileModel, finalStage: Stage, entrypoint: DInstruction): string {
  const from = (entrypoint.stage ?? finalStage).from.start;
  const cmd = chainInstructions(finalStage)
    .filter((i) => i.keyword === 'CMD' && i.start > from)
    .pop();
  return cmd ? ` (it then receives CMD ${shown(model, cmd)} as arguments)` : ' (it then receives the docker run arguments)';
}

/**
 * The exec-form ENTRYPOINT that receives the shell-form `cmd` as `/bin/sh -c <command>` arguments (Dockerfile
 * reference, "Understand how CMD and ENTRYPOINT interact":
 * https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact). Undefined when the
 * image's ENTRYPOINT is the base image's (not known here), shell form or `[]`, or comes in a later stage (which resets the CMD).
 */
function execEntrypointOf(finalStage: Stage, cmd: DInstruction): DInstruction | undefined {
  const entrypoint = chainInstructions(finalStage)
    .filter((i) => i.keyword === 'ENTRYPOINT')
    .pop();
  if (!entrypoint?.json?.length) return undefined;
  return entrypoint.stage === cmd.stage || entrypoint.start < cmd.start ? entrypoint : undefined;
}

/** What an exec-form ENTRYPOINT receives from the fixed CMD: the command's words, or still a shell (which then execs). */
function handedNote(words: string[] | undefined): string {
  return words ? ' (the ENTRYPOINT then receives its words as arguments)' : ' (the ENTRYPOINT still receives a shell, which then execs the last command)';
}

function shown(model: DockerfileModel, instr: DInstruction): string {
  return model.text.slice(instr.argsStart, instr.end).replace(/\s+/g, ' ');
}

/** `CMD exec node x` or `cd /app && exec node x`: the shell is replaced, the application gets SIGTERM. */
function execsLast(model: DockerfileModel, instr: DInstruction): boolean {
  const script = shellOf(model, instr);
  const last = script?.parsed ? script.chain[script.chain.length - 1] : undefined;
  const command = last && script!.commands.find((c) => c.start === last.start);
  return !!command && last.plain && command.words[0].value === 'exec';
}

/** The stage's SHELL (`SHELL ["/bin/bash", "-c"]`), else `/bin/sh -c`. */
function shellPrefix(stage: Stage): string[] {
  const shell = chainInstructions(stage)
    .filter((i) => i.keyword === 'SHELL' && i.json?.length)
    .pop();
  return shell?.json ?? ['/bin/sh', '-c'];
}

function jsonArray(items: string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
}
