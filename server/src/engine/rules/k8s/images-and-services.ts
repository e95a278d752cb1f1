// Catalog section "Kubernetes: images and services".
import type { K8sRule } from '../../k8s/context';

export const imageAndServiceRules: readonly K8sRule[] = [];
