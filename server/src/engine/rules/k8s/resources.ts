// Catalog section "Kubernetes: resources", plus the secret and namespace checks of "security context".
import type { K8sRule } from '../../k8s/context';

export const resourceRules: readonly K8sRule[] = [];
