// Catalog section "Across files (manifest <-> Dockerfile)".
import type { K8sRule } from '../../k8s/context';

export const acrossFileRules: readonly K8sRule[] = [];
