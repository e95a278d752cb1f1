// The engine's own checks. They are reported by the engine (while parsing, applying suppressions or
// reading configuration), not by a `check` function; the modules give them metadata, docs and severities.
import { parseError } from './parse-error';
import type { RuleModule } from '../../rule';
import { kustomizeBuildError } from '../kustomize/build-error';
import { kustomizeDeprecatedField } from '../kustomize/deprecated-field';

const reportedByEngine = () => undefined;

export const unusedSuppression: RuleModule<unknown> = {
  meta: {
    id: 'harden/unused-suppression',
    language: 'any',
    defaultSeverity: 'info',
    description: 'A suppression comment or `harden.dev/ignore` annotation that suppresses nothing, or names an unknown rule.',
    rationale:
      'Stale suppressions hide future regressions of the same rule on that line, and a misspelt rule id silently ' +
      'suppresses nothing. Reporting them keeps suppressions honest.',
    seeds: [],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: 'Removes a suppression comment that silences nothing.',
    },
  },
  check: reportedByEngine,
};

export const invalidConfig: RuleModule<unknown> = {
  meta: {
    id: 'harden/invalid-config',
    language: 'any',
    defaultSeverity: 'error',
    description: 'A `.harden.yaml` that does not parse or has an unknown or invalid setting.',
    rationale:
      'An invalid configuration is ignored as a whole (linting goes on with the defaults), so the editor and CI ' +
      'would silently disagree with what the team wrote down. One clear diagnostic on the file says why.',
    seeds: [],
    fixable: false,
    category: 'hygiene',
  },
  check: reportedByEngine,
};

export const helmRenderError: RuleModule<unknown> = {
  meta: {
    id: 'helm/render-error',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A Helm chart template that does not render (`required`, `fail`, a parse error, a nil value dereferenced).',
    rationale:
      'A template that fails to render fails `helm install` and `helm template` for the whole chart, and none of its ' +
      'manifests can be checked. One diagnostic on the failing action says why, where the user can fix it.',
    seeds: [],
    fixable: false,
    category: 'hygiene',
  },
  check: reportedByEngine,
};

export const engineRules = [parseError, unusedSuppression, invalidConfig, kustomizeBuildError, kustomizeDeprecatedField, helmRenderError];
