// Reported by the kustomize build (kustomize/build.ts) on the kustomization line that causes it; the module
// gives the id metadata, docs and a configurable severity like every rule.
import type { RuleModule } from '../../rule';

export const kustomizeBuildError: RuleModule<unknown> = {
  meta: {
    id: 'kustomize/build-error',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description:
      'A kustomization that `kubectl apply -k` cannot build (missing file, cycle, duplicate resource, path outside the workspace, invalid file), or a feature Harden does not run (Helm charts, remote resources, plugins: info).',
    rationale:
      'Harden lints what `kubectl apply -k` would apply. When the build fails nothing is applied, so the error is the one thing to fix; ' +
      'features that would run code or fetch content are never run, and saying so once on their line explains what was not linted.',
    seeds: [],
    fixable: false,
    category: 'hygiene',
  },
  check() {
    // Problems are found while building, before any rule runs.
  },
};
