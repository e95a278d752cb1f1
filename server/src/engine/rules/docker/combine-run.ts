import type { DockerContext } from '../../dockerfile/context';
import { containsComment, continuation } from '../../dockerfile/edits';
import { shellOf, stageChain, type DInstruction, type DockerfileModel } from '../../dockerfile/model';
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
      safe: 'Joins two RUNs with && in one layer: the same commands, in the same order, stopping at the first failure.',
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
        const gap = { start: lastArgEnd(previous), end: run.argsStart };
        const fixes =
          containsComment(model, gap.start, gap.end) || /[;&]\s*$/.test(shellOf(model, previous)!.source)
            ? []
            : [{ title: 'Merge into the previous RUN with && \\', edits: [{ ...gap, newText: `${continuation(model)}&& ` }] }];
        report({ start: run.start, end: run.keywordEnd, message: 'This RUN directly follows another RUN; merge them with && into one layer.', fixes });
      }
    }
  },
};

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
 * Shell-form RUNs without heredocs. A RUN that only creates the user stays on its own: the fix of
 * docker/user-missing writes it that way, as the seeds do.
 */
function mergeable(model: DockerfileModel, run: DInstruction): boolean {
  if (run.heredocs.length > 0) return false;
  const script = shellOf(model, run);
  if (!script?.parsed) return false;
  const names = script.commands.map((c) => c.name);
  return !names.every((n) => USER_TOOLS.includes(n) || n === 'addgroup' || n === 'groupadd');
}

function lastArgEnd(run: DInstruction): number {
  return run.args[run.args.length - 1].end;
}
