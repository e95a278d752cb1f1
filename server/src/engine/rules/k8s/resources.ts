// Catalog section "Kubernetes: resources", plus the secret and namespace checks of "security context".
import type { K8sRule } from '../../k8s/context';
import { cpuLimit } from './cpu-limit';
import { memoryLimit } from './memory-limit';
import { namespacePodSecurity } from './namespace-pod-security';
import { requestExceedsLimit } from './request-exceeds-limit';
import { requestsEqualLimits } from './requests-equal-limits';
import { resourceRequests } from './resource-requests';
import { secretInConfigmap } from './secret-in-configmap';
import { secretInEnv } from './secret-in-env';

export const resourceRules: readonly K8sRule[] = [
  resourceRequests,
  memoryLimit,
  cpuLimit,
  requestsEqualLimits,
  requestExceedsLimit,
  secretInEnv,
  secretInConfigmap,
  namespacePodSecurity,
];
