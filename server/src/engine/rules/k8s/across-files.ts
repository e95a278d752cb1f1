// Catalog section "Across files (manifest <-> Dockerfile)".
import type { K8sRule } from '../../k8s/context';
import { nonNumericImageUser } from './non-numeric-image-user';
import { runAsUserMismatch } from './run-as-user-mismatch';

export const acrossFileRules: readonly K8sRule[] = [nonNumericImageUser, runAsUserMismatch];
