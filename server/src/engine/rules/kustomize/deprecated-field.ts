// Reported while linting the kustomizations a build reads (kustomize/deprecated.ts), on the deprecated field's key;
// the module gives the id metadata, docs and a configurable severity like every rule.
import type { RuleModule } from '../../rule';

export const kustomizeDeprecatedField: RuleModule<unknown> = {
  meta: {
    id: 'kustomize/deprecated-field',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description:
      'A kustomization field kustomize 5 deprecates and warns about on every build: `bases`, `commonLabels`, `imageTags`, `patchesJson6902`, `patchesStrategicMerge` or `vars`.',
    rationale:
      'Kustomize prints a warning for each of these fields on every build and says they will go: `bases` and `imageTags` are read as ' +
      '`resources` and `images`, `commonLabels` as a `labels` entry with `includeSelectors: true`, the two patch lists as `patches`, ' +
      'and `vars` are replaced by `replacements`. Moving now, while the build still reads both, is a review of one file rather than a broken build later.',
    seeds: [],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe:
        'Renames `bases` to `resources` (or appends its entries to the end of `resources`, where kustomize reads them), turns `patchesStrategicMerge` files into `patches: - path:` entries when there is no `patches` list, ' +
        'and `commonLabels` into a `labels` entry with `includeSelectors: true`: kustomize builds the same objects from either.',
      suggestion:
        '`imageTags` to `images` and `patchesJson6902` to `patches` (JSON 6902 patches then run before the namespace, name and label transformers), ' +
        'and `commonLabels` when transformer configurations could add field specs to `labels` entries: worth a look at the build.',
    },
  },
  check() {
    // Found while linting the kustomizations a build reads, before any rule runs on the built objects.
  },
};
