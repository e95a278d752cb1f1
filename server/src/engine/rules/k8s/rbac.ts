// RBAC: Roles, ClusterRoles and their bindings.
import type { K8sRule } from '../../k8s/context';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding';
import { rbacEscalation } from './rbac-escalation';
import { rbacPodExec } from './rbac-pod-exec';
import { rbacRiskySubject } from './rbac-risky-subject';
import { rbacSecretsAccess } from './rbac-secrets-access';
import { rbacWildcard } from './rbac-wildcard';

export const rbacRules: readonly K8sRule[] = [rbacWildcard, rbacSecretsAccess, rbacPodExec, rbacEscalation, rbacClusterAdminBinding, rbacRiskySubject];
