import type { K8sRule } from '../../k8s/context';
import { roleRefOf } from '../../k8s/rbac';
import type { Node } from 'yaml';
import { pairOf } from '../../yaml/nodes';
import { spanOfNode } from '../../k8s/rule-toolkit';

export const rbacClusterAdminBinding: K8sRule = {
  meta: {
    id: 'k8s/rbac-cluster-admin-binding',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
    rationale:
      'cluster-admin is every permission on every resource. Bound cluster-wide it owns the cluster; bound in a ' +
      'namespace it owns the namespace, RBAC included. CIS Kubernetes Benchmark 5.1.1: use it only where required.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: {
      kubeLinter: ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
    },
  },
  check(context, report) {
    const ref = roleRefOf(context.object);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    const name = pairOf(ref.node, 'name')!.value as Node;
    const scope = context.object.kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace ${context.object.namespace ?? 'of the binding'}`;
    report({ ...spanOfNode(name), message: `${context.object.kind} "${context.object.name ?? ''}" grants cluster-admin: its subjects control ${scope}.` });
  },
};
