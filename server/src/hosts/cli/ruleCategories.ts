// What kind of problem each rule reports, for reports that group or rank by it (SARIF tags and GitHub's
// security-severity, GitLab categories). Only `security` findings are security alerts: a parse error or a
// probe port is not a vulnerability. When a rule's meta carries a `category`, that wins over this table.
import type { RuleMeta, SeverityOrOff } from '../../engine';
import { SCHEMA_RULE_ID } from './schemaFindings';

export type RuleCategory = 'security' | 'reliability' | 'efficiency' | 'correctness';

const SECURITY = [
  'compose/cap-add', 'compose/docker-socket', 'compose/host-namespaces', 'compose/no-new-privileges', 'compose/privileged',
  'compose/read-only', 'compose/secret-in-env', 'compose/user',
  'docker/image-digest', 'docker/secret-in-env-arg', 'docker/user-missing', 'docker/user-numeric', 'docker/user-root',
  'k8s/allow-privilege-escalation', 'k8s/apparmor-profile', 'k8s/automount-service-account-token', 'k8s/dangerous-capabilities',
  'k8s/default-service-account', 'k8s/drop-all-capabilities', 'k8s/host-namespaces', 'k8s/host-path', 'k8s/host-ports',
  'k8s/host-process', 'k8s/namespace-pod-security', 'k8s/non-numeric-image-user', 'k8s/privileged', 'k8s/proc-mount',
  'k8s/read-only-root-filesystem', 'k8s/run-as-non-root', 'k8s/run-as-user', 'k8s/seccomp-profile', 'k8s/secret-in-configmap',
  'k8s/secret-in-env', 'k8s/selinux-options', 'k8s/unsafe-sysctls', 'k8s/volume-types',
];
const EFFICIENCY = ['docker/chown-layer', 'docker/combine-run', 'docker/dockerignore', 'docker/multi-stage', 'docker/package-cache'];
/** The tool's own checks: the file or the configuration is wrong, whatever its hardening. */
const CORRECTNESS = ['harden/invalid-config', 'harden/parse-error', 'harden/unused-suppression', SCHEMA_RULE_ID];

/** Rules that judge by names or heuristics (a secret-looking key, the Dockerfile an image comes from): more false positives. */
const MEDIUM_PRECISION = ['docker/secret-in-env-arg', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/non-numeric-image-user', 'k8s/run-as-user-mismatch'];

const CATEGORY = new Map<string, RuleCategory>([
  ...SECURITY.map((id): [string, RuleCategory] => [id, 'security']),
  ...EFFICIENCY.map((id): [string, RuleCategory] => [id, 'efficiency']),
  ...CORRECTNESS.map((id): [string, RuleCategory] => [id, 'correctness']),
]);

export function ruleCategory(meta: Pick<RuleMeta, 'id'> & { category?: string }): RuleCategory {
  return (meta.category as RuleCategory | undefined) ?? CATEGORY.get(meta.id) ?? 'reliability';
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
