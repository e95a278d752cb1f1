// Merging a RUN into the RUN before it with `&&`: docker/combine-run offers it on the second RUN, and
// docker/update-alone on an `apt-get update` RUN whose lists the next RUN installs from.
import type { RawFix } from '../rule';
import { containsComment, continuation, deleteInstruction } from './edits';
import { shellOf, type DInstruction, type DockerfileModel, type Stage } from './model';
import { wordValues } from './packages';
import { shellFlow } from './shell';
import { optionOn, shellAt } from './shell-instruction';

/** How the fix titles name the merge: from the second RUN (combine-run) or from the first one (update-alone). */
export interface MergeWording {
  /** `Merge into the previous RUN`. */
  merge: string;
  /** Whose shell state would carry over, and to what: `the previous RUN's`, `these commands`. */
  carrier: string;
  target: string;
  /** The RUN a grouped list runs after: `the previous RUN`. */
  first: string;
}

export const MERGE_INTO_PREVIOUS: MergeWording = {
  merge: 'Merge into the previous RUN',
  carrier: "the previous RUN's",
  target: 'these commands',
  first: 'the previous RUN',
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
export function mergeRunFixes(model: DockerfileModel, stage: Stage, previous: DInstruction, run: DInstruction, wording = MERGE_INTO_PREVIOUS): RawFix[] {
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
    notes.push(`grouped, so that it runs only if ${wording.first} succeeds`);
  }
  if (carried.length > 0)
    notes.push(`carries ${wording.carrier} ${carried.length > 3 ? `${carried.slice(0, 3).join(', ')}…` : carried.join(', ')} over to ${wording.target}`);
  const title = after.andChain ? `${wording.merge} with && \\` : `${wording.merge} as && { …; }`;
  const fix: RawFix = { title: notes.length > 0 ? `${title} (${notes.join('; ')})` : title, kind: notes.length > 0 ? 'suggestion' : 'safe', edits };
  return [fix];
}

/**
 * The same flags (`--mount`, `--network`, `--security`) in any order: the merged RUN keeps the first one's,
 * which then give every command exactly what it had. Different mounts or networks are separate steps.
 */
export function sameRunFlags(a: DInstruction, b: DInstruction): boolean {
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

function lastArgEnd(run: DInstruction): number {
  return run.args[run.args.length - 1].end;
}
