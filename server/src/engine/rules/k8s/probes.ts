// Catalog section "Kubernetes: probes and graceful shutdown".
import type { K8sRule } from '../../k8s/context';

export const probeRules: readonly K8sRule[] = [];
