// What kind of problem each rule reports, for reports that group or rank by it (SARIF tags and GitHub's
// security-severity, GitLab categories): the category of the rule's meta. Only `security` findings are
// security alerts: a parse error or a probe port is not a vulnerability.
import { ruleById, type RuleCategory, type SeverityOrOff } from '../../engine';
import { SCHEMA_RULE_ID } from './schemaFindings';

/** Schema problems are the tool's own check of the file's shape: hygiene, like a parse error. */
const SCHEMA_CATEGORY: RuleCategory = 'hygiene';
/** The tool's own checks: the file or the configuration is wrong, whatever its hardening (precision very high). */
const CORRECTNESS = ['harden/invalid-config', 'harden/parse-error', 'harden/unused-suppression', SCHEMA_RULE_ID];

/** Rules that judge by names or heuristics (a secret-looking key, the Dockerfile an image comes from): more false positives. */
const MEDIUM_PRECISION = ['docker/secret-in-env-arg', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/non-numeric-image-user', 'k8s/run-as-user-mismatch'];

/** The rule's category, from its meta (the one source); schema findings are hygiene. */
export function ruleCategory(id: string): RuleCategory {
  return ruleById(id)?.meta.category ?? SCHEMA_CATEGORY;
}

/** SARIF `precision`: how often a finding of the rule is a true positive. */
export function rulePrecision(id: string): 'very-high' | 'high' | 'medium' {
  if (CORRECTNESS.includes(id)) return 'very-high';
  return MEDIUM_PRECISION.includes(id) ? 'medium' : 'high';
}

/** GitHub code scanning's score (critical >= 9, high >= 7, medium >= 4, low), for security rules only. */
export function securitySeverity(severity: SeverityOrOff): string {
  return severity === 'error' ? '8.0' : severity === 'warning' ? '5.5' : '3.0';
}
