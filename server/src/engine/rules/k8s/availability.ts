// Catalog section "Kubernetes: availability and scheduling".
import type { K8sRule } from '../../k8s/context';

export const availabilityRules: readonly K8sRule[] = [];
