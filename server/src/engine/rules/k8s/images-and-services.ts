// Catalog section "Kubernetes: images and services".
import type { K8sRule } from '../../k8s/context';
import { daemonsetTrafficPolicy } from './daemonset-traffic-policy';
import { imageTagRule } from './image-tag';
import { topologyAwareRouting } from './topology-aware-routing';

export const imageAndServiceRules: readonly K8sRule[] = [imageTagRule, daemonsetTrafficPolicy, topologyAwareRouting];
