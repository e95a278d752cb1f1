import type { DockerContext } from '../../dockerfile/context';
import { isWindowsStage } from '../../dockerfile/family';
import { isCopy } from '../../dockerfile/paths';
import { accountsOf, baseImageOf, isRoot, ownerText, resolveOwner, userAt, userValue, type Owner } from '../../dockerfile/users';
import type { RuleModule } from '../../rule';

export const chownMismatch: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/chown-mismatch',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: "A COPY/ADD --chown owner differs from the stage's final USER.",
    rationale:
      'Seeds 000/001 use the same 1995:1995 in `adduser --uid`, `COPY --chown` and the pod securityContext; files chowned to another user are not writable by the user the container runs as.',
    seeds: ['000', '001'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Changes who owns the copied files.',
    },
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      if (isWindowsStage(model, stage)) continue;
      const user = userAt(stage);
      if (!user || userValue(user).includes('$')) continue;
      const accounts = accountsOf(model, stage);
      const runAs = resolveOwner(userValue(user), accounts, baseImageOf(stage));
      if (isRoot(runAs)) continue;
      for (const instr of stage.instructions) {
        const flag = isCopy(instr) ? instr.flags.find((f) => f.name === 'chown') : undefined;
        if (!flag?.value || flag.value.includes('$')) continue;
        const owner = resolveOwner(flag.value, accounts, baseImageOf(stage));
        // An explicit root owner is a deliberate read-only choice.
        if (isRoot(owner) || sameUser(owner, runAs) !== false) continue;
        const want = ownerText(runAs);
        report({
          start: flag.valueStart,
          end: flag.valueEnd,
          message: `--chown=${flag.value} differs from the stage's USER ${userValue(user)}; use --chown=${want}.`,
          fixes: [{ title: `Use --chown=${want}`, edits: [{ start: flag.valueStart, end: flag.valueEnd, newText: want }] }],
        });
      }
    }
  },
};

/** True/false when decidable, undefined when a name cannot be resolved to a UID. */
function sameUser(a: Owner, b: Owner): boolean | undefined {
  if (a.uid !== undefined && b.uid !== undefined) return a.uid === b.uid;
  if (/^\d+$/.test(a.user) === /^\d+$/.test(b.user)) return a.user === b.user;
  return undefined;
}
