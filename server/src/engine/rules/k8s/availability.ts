// Catalog section "Kubernetes: availability and scheduling".
import type { K8sRule } from '../../k8s/context';
import { deprecatedApiVersion } from './deprecated-api-version';
import { hpaMinReplicas } from './hpa-min-replicas';
import { hpaTarget } from './hpa-target';
import { pdbBlocksEviction } from './pdb-blocks-eviction';
import { pdbMissing } from './pdb-missing';
import { pdbSelector } from './pdb-selector';
import { replicas } from './replicas';
import { selectorMismatch } from './selector-mismatch';
import { topologySpread } from './topology-spread';

export const availabilityRules: readonly K8sRule[] = [
  replicas,
  pdbMissing,
  pdbBlocksEviction,
  pdbSelector,
  topologySpread,
  selectorMismatch,
  hpaMinReplicas,
  hpaTarget,
  deprecatedApiVersion,
];
