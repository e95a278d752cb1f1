import type { DockerContext } from '../../dockerfile/context';
import { mergeRunFixes, sameRunFlags } from '../../dockerfile/merge';
import { shellOf, stageChain, type DInstruction, type DockerfileModel } from '../../dockerfile/model';
import { wordValues } from '../../dockerfile/packages';
import type { ShellCommand } from '../../dockerfile/shell';
import { USER_TOOLS } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';

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
        if (previous.keyword !== 'RUN' || run.keyword !== 'RUN' || !sameRunFlags(previous, run) || !mergeable(model, previous) || !mergeable(model, run))
          continue;
        report({
          start: run.start,
          end: run.keywordEnd,
          message: 'This RUN directly follows another RUN; merge them with && into one layer.',
          missing: false,
          fixes: () => mergeRunFixes(model, stage, previous, run),
        });
      }
    }
  },
};

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
