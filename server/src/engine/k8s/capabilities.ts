// Capability names as Kubernetes users write them: `SYS_ADMIN`, `CAP_SYS_ADMIN`, or lower case.
import { isScalar } from 'yaml';

export function capabilityName(node: unknown): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return node.value.toUpperCase().replace(/^CAP_/, '');
}
