// Catalog section "Kubernetes: security context" (container and pod hardening).
import type { K8sRule } from '../../k8s/context';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { automountServiceAccountToken } from './automount-service-account-token';
import { dangerousCapabilities } from './dangerous-capabilities';
import { defaultServiceAccount } from './default-service-account';
import { dropAllCapabilities } from './drop-all-capabilities';
import { hostNamespaces } from './host-namespaces';
import { hostPath } from './host-path';
import { privileged } from './privileged';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { runAsNonRoot } from './run-as-non-root';
import { runAsUser } from './run-as-user';
import { seccompProfile } from './seccomp-profile';

export const securityContextRules: readonly K8sRule[] = [
  runAsNonRoot,
  runAsUser,
  allowPrivilegeEscalation,
  readOnlyRootFilesystem,
  dropAllCapabilities,
  dangerousCapabilities,
  privileged,
  seccompProfile,
  hostNamespaces,
  hostPath,
  automountServiceAccountToken,
  defaultServiceAccount,
];
