// Kubernetes rules, in catalog order. Each module: metadata + check (see ../../rule.ts).
import type { K8sRule } from '../../k8s/context';
import { parseError } from './parse-error';
import { runAsNonRoot } from './run-as-non-root';

export const k8sRules: readonly K8sRule[] = [parseError, runAsNonRoot];
