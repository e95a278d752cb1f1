// Catalog section "Kubernetes: probes and graceful shutdown".
import type { K8sRule } from '../../k8s/context';
import { livenessProbe } from './liveness-probe';
import { misplacedField } from './misplaced-field';
import { prestopHook } from './prestop-hook';
import { probeHost } from './probe-host';
import { probePort } from './probe-port';
import { readinessProbe } from './readiness-probe';
import { startupProbe } from './startup-probe';
import { terminationGracePeriod } from './termination-grace-period';

export const probeRules: readonly K8sRule[] = [
  readinessProbe,
  livenessProbe,
  startupProbe,
  probePort,
  probeHost,
  prestopHook,
  terminationGracePeriod,
  misplacedField,
];
