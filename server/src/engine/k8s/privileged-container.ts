// What `privileged: true` voids. The runtime gives a privileged container every capability, no seccomp filter, no
// AppArmor default profile and an unmasked /proc whatever its securityContext says (containerd's CRI plugin:
// `GenerateSeccompSpecOpts` returns nothing "when container is privileged", capabilities and masked paths are set
// only for an unprivileged one; Kubernetes documents that "privileged containers always run as Unconfined").
// Rules whose setting is voided keep their finding (Pod Security restricted still checks it, and it applies once
// the container is no longer privileged) but say so and offer no fix: applying one would leave the container
// exactly as privileged, a false assurance. k8s/privileged reports the flag itself.
import { boolOf, scalarAt } from '../yaml/nodes';
import type { Container } from './model';

/** The container sets `privileged: true` (a literal: a templated value is unknown, so not privileged). */
export function isPrivileged(container: Container): boolean {
  return boolOf(scalarAt(container.node, 'securityContext', 'privileged')) === true;
}

/** A sentence to end a finding's message with, for a container that is privileged: `what` changes nothing. */
export function voidedByPrivileged(what: string): string {
  return ` ${what} changes nothing while the container is privileged (k8s/privileged).`;
}
