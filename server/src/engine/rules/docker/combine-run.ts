import type { DockerContext } from '../../dockerfile/context';
import { containsComment, continuation, deleteInstruction } from '../../dockerfile/edits';
import { shellOf, stageChain, type DInstruction, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { wordValues } from '../../dockerfile/packages';
import { shellFlow, type ShellCommand } from '../../dockerfile/shell';
import { optionOn, shellAt } from '../../dockerfile/shell-instruction';
import { USER_TOOLS } from '../../dockerfile/users';
import type { RawFix, RuleModule } from '../../rule';

const TITLE = 'Merge into the previous RUN with && \\';

export const combineRun: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/combine-run',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'Consecutive RUN instructions that could be one layer of the image (the final stage and the stages it is built on).',
    rationale:
      'Seed 004, "Minimize Layers": each instruction creates a layer, and excessive layers increase image size and build time; combine RUN commands with &&.',
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe:
        'Joins two RUNs with && in one layer when the first leaves nothing behind in its shell (no cd, set, export, variable, ' +
        'function, exit or background job) and the second is one &&-chain: the same commands, in the same order, stopping at the first failure. ' +
        'A second RUN that only repeats the forced `rm` the first one ends with (`rm -rf /var/lib/apt/lists/*`) is left out: ' +
        'it removes nothing the second time.',
      suggestion:
        "Where the first RUN's cd, set, export, variables or functions would carry over into the second RUN's commands; or " +
        'where the second RUN is a list (`;`, `||`, `&`), grouped as `&& { …; }` so that it still runs only if the first succeeds.',
    },
    aliases: { hadolint: ['DL3059'] },
  },
  check({ model, finalStage }, report) {
    // Only layers that ship count: a builder stage's layers are discarded, and its separate RUNs cost nothing.
    const shipped = finalStage ? stageChain(finalStage) : model.stages;
    for (const stage of shipped) {
      const list = stage.instructions;
      for (let i = 1; i < list.length; i++) {
        const [previous, run] = [list[i - 1], list[i]];
        if (previous.keyword !== 'RUN' || run.keyword !== 'RUN' || !sameFlags(previous, run) || !mergeable(model, previous) || !mergeable(model, run)) continue;
        report({
          start: run.start,
          end: run.keywordEnd,
          message: 'This RUN directly follows another RUN; merge them with && into one layer.',
          missing: false,
          fixes: () => mergeFixes(model, stage, previous, run),
        });
      }
    }
  },
};

/**
 * Merging runs the second RUN's commands in the first one's shell, after `first && `. That changes nothing only
 * when the first leaves no state behind and the second reads the same after `&&`; otherwise the merge is a
 * suggestion whose title says what carries over, or no fix where it cannot be made right:
 * - The first RUN's `cd`, `set`, `export`, `X=1`, functions, traps… would apply to the second's commands (the `cd`
 *   of `cd /tmp && tar xzf x.tgz` moves the next `make install`; `set -u` fails on an unset variable). The merge may
 *   still be what the author wants (`export DEBIAN_FRONTEND=…`): a suggestion naming them.
 * - A second RUN that is a list (`x; y`, `x || y`) would change meaning after `first && `: `y` runs, and may
 *   succeed, when the first RUN failed. Grouped as `first && { x; y; }` it runs as before, but that is a rewrite
 *   a reviewer should see: a suggestion.
 * - No fix when the first RUN may end its shell early (`exit 0`: the second's commands would never run; `exit 1` is
 *   a failed build either way), leaves a job running (it would run on beside the second's commands), ends with a
 *   comment (it would comment out what is appended) or with `;`/`&`; when errexit (`SHELL [… "-e" …]`, `set -e`)
 *   is on and its last command is compound (`if`, `{ }`, a function): once `&&` follows it, errexit is ignored
 *   inside it, and a failure there would no longer stop the build; and when SHELL is not a POSIX shell.
 * The second RUN's own state does not matter here: nothing of this merge runs after it (the next RUN's merge
 * asks about it as the first one).
 */
function mergeFixes(model: DockerfileModel, stage: Stage, previous: DInstruction, run: DInstruction): RawFix[] {
  const gap = { start: lastArgEnd(previous), end: run.argsStart };
  const first = shellOf(model, previous)!.source;
  const second = shellOf(model, run)!.source;
  const shell = shellAt(stage, run.start);
  const shellErrexit = optionOn(shell.options, 'errexit', 'e');
  if (!shell.posix || containsComment(model, gap.start, gap.end) || /[;&]\s*$/.test(first)) return [];
  const [before, after] = [shellFlow(first), shellFlow(second)];
  if (!before || !after || before.trailing || before.background || before.ends === 'maybe') return [];
  if ((shellErrexit || before.errexit) && before.endsCompound) return [];
  const carried = [...before.persists.map((p) => `\`${p.length > 40 ? `${p.slice(0, 39)}…` : p}\``), ...(after.readsLastArg ? ['`$_`'] : [])];
  if (carried.length === 0 && repeatsLastRemoval(model, previous, run)) {
    return [{ title: 'Remove this RUN: the previous RUN already ends with the same command', kind: 'safe', edits: [deleteInstruction(model, run)] }];
  }
  const join = { ...gap, newText: `${continuation(model)}&& ` };
  const notes: string[] = [];
  const edits = [join];
  if (!after.andChain) {
    // `{ x; y; }` needs a `;` (or `&`) before its `}`; a comment at the end would swallow the `}`.
    if (after.trailing && !/^[;&]$/.test(after.trailing)) return [];
    const end = lastArgEnd(run);
    edits.splice(0, 1, { ...join, newText: `${join.newText}{ ` }, { start: end, end, newText: /[;&]\s*$/.test(second) ? ' }' : '; }' });
    notes.push('grouped, so that it runs only if the previous RUN succeeds');
  }
  if (carried.length > 0)
    notes.push(`carries the previous RUN's ${carried.length > 3 ? `${carried.slice(0, 3).join(', ')}…` : carried.join(', ')} over to these commands`);
  const title = after.andChain ? TITLE : 'Merge into the previous RUN as && { …; }';
  const fix: RawFix = { title: notes.length > 0 ? `${title} (${notes.join('; ')})` : title, kind: notes.length > 0 ? 'suggestion' : 'safe', edits };
  return [fix];
}

/**
 * The same flags (`--mount`, `--network`, `--security`) in any order: the merged RUN keeps the first one's,
 * which then give every command exactly what it had. Different mounts or networks are separate steps.
 */
function sameFlags(a: DInstruction, b: DInstruction): boolean {
  const written = (run: DInstruction) =>
    run.flags
      .map((f) => `${f.name}=${f.value ?? ''}`)
      .sort()
      .join('\n');
  return written(a) === written(b);
}

/**
 * The RUN is one forced `rm` written exactly as the command the previous RUN ends with: that command ran last
 * whenever the previous RUN succeeded (the last link of its last statement), so the repeat removes nothing.
 */
function repeatsLastRemoval(model: DockerfileModel, previous: DInstruction, run: DInstruction): boolean {
  const [first, second] = [shellOf(model, previous)!, shellOf(model, run)!];
  const last = first.chain[first.chain.length - 1];
  const only = second.chain.length === 1 ? second.chain[0] : undefined;
  const rm = second.commands.length === 1 ? second.commands[0] : undefined;
  if (!last?.plain || !only?.plain || rm?.name !== 'rm' || !wordValues(rm).some((v) => /^-[a-zA-Z]*f/.test(v) || v === '--force')) return false;
  return model.text.slice(last.start, last.end) === model.text.slice(only.start, only.end);
}

/**
 * Shell-form RUNs without heredocs. A RUN that only creates the user (and its group) stays on its own: the fix
 * of docker/user-missing writes it that way, as the seeds do. Shell options set first (`set -eux;`, the
 * docker-library style) do no work of their own.
 */
function mergeable(model: DockerfileModel, run: DInstruction): boolean {
  if (run.heredocs.length > 0) return false;
  const script = shellOf(model, run);
  if (!script?.parsed) return false;
  const work = script.commands.filter((c) => !setsOptions(c));
  // (A RUN without commands, of declarations alone, is not reported either.)
  if (work.length === 0) return script.commands.length > 0;
  return !work.every((c) => USER_TOOLS.includes(c.name) || c.name === 'addgroup' || c.name === 'groupadd');
}

/** `set -eux`, `set -o pipefail`: only shell options, no positional parameters. */
function setsOptions(c: ShellCommand): boolean {
  const args = wordValues(c);
  return c.name === 'set' && args.length > 0 && args.every((a, k) => /^[-+][a-zA-Z]+$/.test(a) || /^[-+][a-zA-Z]*o$/.test(args[k - 1] ?? ''));
}

function lastArgEnd(run: DInstruction): number {
  return run.args[run.args.length - 1].end;
}
