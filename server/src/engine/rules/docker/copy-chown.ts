import type { DockerContext } from '../../dockerfile/context';
import { runsOnWindows } from '../../dockerfile/model';
import { isCopy } from '../../dockerfile/paths';
import { accountsOf, baseImageOf, isRoot, ownerText, resolveOwner, userAt, userValue } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';

export const copyChown: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/copy-chown',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'COPY/ADD after a non-root USER without --chown: the files still land owned by root.',
    rationale:
      'Seeds 000/001 add `--chown=1995:1995` to every COPY so that the application user owns its files. COPY ignores USER: without --chown the files belong to root, and an application that writes to them fails at run time.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Changes who owns the copied files.',
    },
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      if (runsOnWindows(model, stage)) continue;
      const accounts = accountsOf(model, stage);
      for (const instr of stage.instructions) {
        if (!isCopy(instr) || instr.flags.some((f) => f.name === 'chown')) continue;
        const user = userAt(stage, instr.start);
        if (!user || userValue(user).includes('$')) continue;
        const owner = resolveOwner(userValue(user), accounts, baseImageOf(stage));
        if (isRoot(owner)) continue;
        const chown = ownerText(owner);
        const at = instr.flags[0]?.start ?? instr.argsStart;
        report({
          start: instr.start,
          end: instr.keywordEnd,
          // Root-owned files the application cannot change are often what is wanted: the finding says what happens.
          message: `${instr.keyword} runs after USER ${userValue(user)} but without --chown, so the files are owned by root and read-only to that user; add --chown=${chown} if the application writes to them.`,
          fixes: [{ title: `Add --chown=${chown}`, edits: [{ start: at, end: at, newText: `--chown=${chown} ` }] }],
        });
      }
    }
  },
};
