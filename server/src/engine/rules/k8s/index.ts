// Kubernetes rules, grouped by catalog section. Each module: metadata + check (see ../../rule.ts).
import type { K8sRule } from '../../k8s/context';
import { acrossFileRules } from './across-files';
import { availabilityRules } from './availability';
import { imageAndServiceRules } from './images-and-services';
import { parseError } from './parse-error';
import { probeRules } from './probes';
import { rbacRules } from './rbac';
import { resourceRules } from './resources';
import { securityContextRules } from './security-context';

export const k8sRules: readonly K8sRule[] = [
  parseError,
  ...securityContextRules,
  ...resourceRules,
  ...probeRules,
  ...availabilityRules,
  ...imageAndServiceRules,
  ...acrossFileRules,
  ...rbacRules,
];
