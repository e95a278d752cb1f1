import type { K8sRule } from '../../k8s/context';
import { boolOf, scalarAt, stringAt } from '../../yaml/nodes';
import { containerListsInOrder, fix, spanOfNode, spanOfPodSpec, templatedAt } from '../../k8s/rule-toolkit';
import { serviceAccountIsBound } from '../../k8s/service-accounts';

export const automountServiceAccountToken: K8sRule = {
  meta: {
    id: 'k8s/automount-service-account-token',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A pod does not set `automountServiceAccountToken: false` (nor does its ServiceAccount in the workspace).',
    rationale:
      'By default every pod gets a token for the Kubernetes API mounted into its containers; an attacker who gets ' +
      'into the container gets the token too. Seed 004: "If a Pod does not need to access the Kubernetes API, set ' +
      'automountServiceAccountToken: false".',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'A pod that calls the Kubernetes API (controllers, operators, agents) loses its token.',
    },
    aliases: { polaris: ['automountServiceAccountToken'], checkov: ['CKV_K8S_38'], kubescape: ['C-0034', 'C-0190'], trivy: ['KSV036'] },
  },
  crossDocument: true,
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const own = scalarAt(workload.podSpec, 'automountServiceAccountToken');
    const value = boolOf(own);
    // `true` written out is the owner's decision (the pod calls the API); unreadable values are unknown.
    if (value !== undefined || (own && own.value !== null)) return;
    const text = context.text;
    if (templatedAt(text, workload.podSpec, 'automountServiceAccountToken')) return;
    // The service account a template names is unknown, and so is whether it disables the token.
    if (templatedAt(text, workload.podSpec, 'serviceAccountName') || templatedAt(text, workload.podSpec, 'serviceAccount')) return;
    const accountName = stringAt(workload.podSpec, 'serviceAccountName') ?? stringAt(workload.podSpec, 'serviceAccount') ?? 'default';
    if (serviceAccountDisablesToken(context, accountName)) return;
    // A ServiceAccount bound to a Role or ClusterRole is there to call the API: the token is needed.
    if (serviceAccountIsBound(context, accountName, ['RoleBinding', 'ClusterRoleBinding'])) return;
    const set = () =>
      own
        ? context.editor.replaceScalar(own, false)
        : context.editor.set(workload.podSpec, ['automountServiceAccountToken'], false, { before: containerListsInOrder(workload.podSpec) });
    report({
      ...(own ? spanOfNode(own) : spanOfPodSpec(workload)),
      message: `The pod gets a Kubernetes API token mounted (service account "${accountName}"); set automountServiceAccountToken: false unless it calls the API.`,
      fixes: () => fix('Set automountServiceAccountToken: false', set()),
      missing: !own,
    });
  },
};

/** The ServiceAccount, wherever it is in the workspace (same namespace), may disable the mount for all its pods. */
function serviceAccountDisablesToken(context: Parameters<K8sRule['check']>[0], name: string): boolean {
  return context.index.ofKind('ServiceAccount', context.object.namespace).some((account) => account.name === name && account.disablesTokenMount === true);
}
