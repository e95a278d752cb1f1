import type { K8sRule } from '../../k8s/context';
import { roleRefOf } from '../../k8s/rbac';
import type { Node } from 'yaml';
import { pairOf } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { objectLabel } from '../../k8s/model';

/**
 * The role the binding names, found in the workspace, grants everything. A ClusterRole is cluster-scoped: a
 * `namespace` written on it means nothing. A Role is the one of the binding's namespace.
 */
function grantsAsMuchAsClusterAdmin(context: Parameters<K8sRule['check']>[0], ref: { kind: string; name: string }): boolean {
  const index = context.index;
  const roles =
    ref.kind === 'ClusterRole' ? index.named(ref.kind, ref.name) : index.ofKind(ref.kind, context.object.namespace).filter((role) => role.name === ref.name);
  return roles.some((role) => role.grantsEverything === true);
}

export const rbacClusterAdminBinding: K8sRule = {
  meta: {
    id: 'k8s/rbac-cluster-admin-binding',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole, or a role of the workspace that grants as much.',
    rationale:
      'cluster-admin is every permission on every resource. Bound cluster-wide it owns the cluster; bound in a ' +
      'namespace it owns the namespace, RBAC included. CIS Kubernetes Benchmark 5.1.1: use it only where required.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: {
      kubeLinter: ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
      kubescape: ['C-0035', 'C-0185'],
      trivy: ['KSV111'],
    },
  },
  // A role of the workspace may grant as much as cluster-admin under another name.
  crossDocument: true,
  check(context, report) {
    const ref = roleRefOf(context.object);
    if (!ref || (ref.kind !== 'ClusterRole' && ref.kind !== 'Role')) return;
    const builtIn = ref.kind === 'ClusterRole' && ref.name === 'cluster-admin';
    if (!builtIn && !grantsAsMuchAsClusterAdmin(context, ref)) return;
    const name = pairOf(ref.node, 'name')!.value as Node;
    const scope = context.object.kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace ${context.object.namespace ?? 'of the binding'}`;
    const what = builtIn ? 'cluster-admin' : `${ref.kind} "${ref.name}", which allows every verb on every resource as cluster-admin does`;
    report({ ...spanOfNode(name), message: `${objectLabel(context.object)} grants ${what}: its subjects control ${scope}.` });
  },
};
