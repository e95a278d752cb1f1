// Reported by the YAML linter itself (a document that does not parse cannot be given to rules);
// the module exists so the id has metadata, docs and a configurable severity like every rule.
import type { K8sRule } from '../../k8s/context';

export const PARSE_ERROR_RULE_ID = 'harden/parse-error';

export const parseError: K8sRule = {
  meta: {
    id: PARSE_ERROR_RULE_ID,
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A Kubernetes YAML document that does not parse.',
    rationale: 'A manifest that does not parse cannot be applied, and no other rule can check it. The other documents of the file are still checked.',
    seeds: [],
    fixable: false,
    category: 'hygiene',
  },
  check() {
    // Parse errors are found while parsing, before any rule runs (see yaml/lint.ts).
  },
};
