// Which ServiceAccount a pod runs as, and whether the workspace binds it to a Role or ClusterRole: a bound
// account is there to call the API (a controller, an operator, an agent).
import type { K8sContext } from './context';
import type { Workload } from './model';
import { stringAt } from '../yaml/nodes';

export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

export function serviceAccountOf(workload: Workload): string {
  return stringAt(workload.podSpec, 'serviceAccountName') ?? stringAt(workload.podSpec, 'serviceAccount') ?? 'default';
}

/** Whether a binding of these kinds anywhere in the workspace binds the ServiceAccount `name` of the object's namespace. */
export function serviceAccountIsBound(context: K8sContext, name: string, kinds: readonly BindingKind[]): boolean {
  const { index } = context;
  const namespace = index.namespaceOf(context.object);
  return kinds.some((kind) =>
    index.ofKindEverywhere(kind).some((binding) => binding.boundServiceAccounts?.some((sa) => sa.name === name && index.namespaceOf(sa) === namespace)),
  );
}
