// The Kubernetes rules, one file each, in catalog order (findings of a document come out in this order before
// sorting). A rule exists for users only once it is listed here; test/registry.test.ts checks the list both ways.
import type { K8sRule } from '../../k8s/context';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { appArmorProfile } from './apparmor-profile';
import { automountServiceAccountToken } from './automount-service-account-token';
import { cpuLimit } from './cpu-limit';
import { daemonsetTrafficPolicy } from './daemonset-traffic-policy';
import { dangerousCapabilities } from './dangerous-capabilities';
import { defaultServiceAccount } from './default-service-account';
import { deprecatedApiVersion } from './deprecated-api-version';
import { dropAllCapabilities } from './drop-all-capabilities';
import { ephemeralStorage } from './ephemeral-storage';
import { hostNamespaces } from './host-namespaces';
import { hostPath } from './host-path';
import { hostPorts } from './host-ports';
import { hostProcess } from './host-process';
import { hpaMinReplicas } from './hpa-min-replicas';
import { hpaTarget } from './hpa-target';
import { imageDigest } from './image-digest';
import { imagePullPolicy } from './image-pull-policy';
import { ingressBackend } from './ingress-backend';
import { missingReference } from './missing-reference';
import { namespaceNetworkPolicy } from './namespace-network-policy';
import { networkPolicySelector } from './network-policy-selector';
import { serviceSelector } from './service-selector';
import { imageTagRule } from './image-tag';
import { livenessProbe } from './liveness-probe';
import { memoryLimit } from './memory-limit';
import { misplacedField } from './misplaced-field';
import { namespacePodSecurity } from './namespace-pod-security';
import { nonNumericImageUser } from './non-numeric-image-user';
import { pdbBlocksEviction } from './pdb-blocks-eviction';
import { pdbMissing } from './pdb-missing';
import { pdbSelector } from './pdb-selector';
import { prestopHook } from './prestop-hook';
import { privileged } from './privileged';
import { probePort } from './probe-port';
import { procMount } from './proc-mount';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readinessProbe } from './readiness-probe';
import { replicas } from './replicas';
import { replicasWithHpa } from './replicas-with-hpa';
import { requestExceedsLimit } from './request-exceeds-limit';
import { requestsEqualLimits } from './requests-equal-limits';
import { resourceRequests } from './resource-requests';
import { runAsNonRoot } from './run-as-non-root';
import { runAsUser } from './run-as-user';
import { runAsUserMismatch } from './run-as-user-mismatch';
import { seccompProfile } from './seccomp-profile';
import { secretInConfigmap } from './secret-in-configmap';
import { secretInEnv } from './secret-in-env';
import { selectorMismatch } from './selector-mismatch';
import { seLinuxOptions } from './selinux-options';
import { startupProbe } from './startup-probe';
import { terminationGracePeriod } from './termination-grace-period';
import { topologyAwareRouting } from './topology-aware-routing';
import { probeHost } from './probe-host';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding';
import { rbacEscalation } from './rbac-escalation';
import { rbacPodExec } from './rbac-pod-exec';
import { rbacRiskySubject } from './rbac-risky-subject';
import { rbacSecretsAccess } from './rbac-secrets-access';
import { rbacWildcard } from './rbac-wildcard';
import { topologySpread } from './topology-spread';
import { unsafeSysctls } from './unsafe-sysctls';
import { volumeTypes } from './volume-types';

export const k8sRules: readonly K8sRule[] = [
  // Pod security (the catalog's security-context rules and the Pod Security Standards' baseline and restricted controls)
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
  hostPorts,
  hostProcess,
  procMount,
  unsafeSysctls,
  seLinuxOptions,
  appArmorProfile,
  volumeTypes,
  automountServiceAccountToken,
  defaultServiceAccount,
  // Resources, secrets and namespaces
  resourceRequests,
  memoryLimit,
  cpuLimit,
  requestsEqualLimits,
  requestExceedsLimit,
  ephemeralStorage,
  secretInEnv,
  secretInConfigmap,
  namespacePodSecurity,
  // Probes and shutdown
  readinessProbe,
  livenessProbe,
  startupProbe,
  probePort,
  probeHost,
  prestopHook,
  terminationGracePeriod,
  misplacedField,
  // Availability
  replicas,
  pdbMissing,
  pdbBlocksEviction,
  pdbSelector,
  topologySpread,
  selectorMismatch,
  hpaMinReplicas,
  hpaTarget,
  replicasWithHpa,
  deprecatedApiVersion,
  // Images and Services
  imageTagRule,
  imageDigest,
  imagePullPolicy,
  daemonsetTrafficPolicy,
  topologyAwareRouting,
  // Across files (Dockerfiles of the workspace)
  nonNumericImageUser,
  runAsUserMismatch,
  // RBAC: Roles, ClusterRoles and their bindings
  rbacWildcard,
  rbacSecretsAccess,
  rbacPodExec,
  rbacEscalation,
  rbacClusterAdminBinding,
  rbacRiskySubject,
  // References across files (what a Service, an Ingress, a pod or a NetworkPolicy names) and network isolation
  serviceSelector,
  ingressBackend,
  missingReference,
  networkPolicySelector,
  namespaceNetworkPolicy,
];
