// Pods in a user namespace (`hostUsers: false`): UID 0 inside maps to an unprivileged UID on the node.
// Pod Security admission relaxes some controls for them from Kubernetes 1.35 (pod-security-admission,
// policy/helpers.go `relaxPolicyForUserNamespacePod`, used by check_runAsNonRoot.go, check_runAsUser.go
// and check_procMount_baseline.go at MinimumVersion 1.35).
import { boolOf, scalarAt } from '../yaml/nodes';
import type { RawFinding } from '../rule';
import type { Workload } from './model';
import { atLeast } from './versions';

export const USER_NAMESPACE_RELAXATION_VERSION = '1.35';

export function inUserNamespace(workload: Workload | undefined): boolean {
  const node = workload && scalarAt(workload.podSpec, 'hostUsers');
  return !!node && boolOf(node) === false;
}

/** Admission (at the target version) relaxes its user-namespace-aware controls for this pod. */
export function userNamespaceRelaxes(workload: Workload | undefined, kubernetesVersion: string): boolean {
  return inUserNamespace(workload) && atLeast(kubernetesVersion, USER_NAMESPACE_RELAXATION_VERSION);
}

/**
 * For a pod whose user namespace admission honours: findings stay (root in the container still owns the
 * container's files) but drop to `info`, saying why.
 */
export function relaxedForUserNamespace(report: (finding: RawFinding) => void, note: string): (finding: RawFinding) => void {
  return (finding) => report({ ...finding, severity: 'info', message: `${finding.message} ${note}` });
}
