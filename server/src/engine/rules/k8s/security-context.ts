// Catalog section "Kubernetes: security context" (container and pod hardening).
import type { K8sRule } from '../../k8s/context';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { appArmorProfile } from './apparmor-profile';
import { automountServiceAccountToken } from './automount-service-account-token';
import { dangerousCapabilities } from './dangerous-capabilities';
import { defaultServiceAccount } from './default-service-account';
import { dropAllCapabilities } from './drop-all-capabilities';
import { hostNamespaces } from './host-namespaces';
import { hostPath } from './host-path';
import { hostPorts } from './host-ports';
import { hostProcess } from './host-process';
import { privileged } from './privileged';
import { procMount } from './proc-mount';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { runAsNonRoot } from './run-as-non-root';
import { runAsUser } from './run-as-user';
import { seccompProfile } from './seccomp-profile';
import { seLinuxOptions } from './selinux-options';
import { unsafeSysctls } from './unsafe-sysctls';
import { volumeTypes } from './volume-types';

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
  // Pod Security Standards (baseline) controls the catalog does not list.
  hostPorts,
  hostProcess,
  procMount,
  unsafeSysctls,
  seLinuxOptions,
  appArmorProfile,
  volumeTypes,
  automountServiceAccountToken,
  defaultServiceAccount,
];
