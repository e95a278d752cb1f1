import type { K8sRule } from '../../k8s/context';
import { scalarAt } from '../../yaml/nodes';
import { spanOfNode, spanOfPodSpec, templatedAt } from '../../k8s/rule-toolkit';

export const defaultServiceAccount: K8sRule = {
  meta: {
    id: 'k8s/default-service-account',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: "A pod runs as the namespace's `default` ServiceAccount.",
    rationale:
      'The default ServiceAccount is shared by every pod of the namespace, so any permission granted to one ' +
      'workload is granted to all. Seed 004\'s Deployment uses "a dedicated service account" (`serviceAccountName: ' +
      'my-app-sa`) so that RBAC can follow least privilege.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { kubeLinter: ['default-service-account'], checkov: ['CKV_K8S_41'] },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const text = context.text;
    if (templatedAt(text, workload.podSpec, 'serviceAccountName') || templatedAt(text, workload.podSpec, 'serviceAccount')) return;
    // Kubernetes fills an empty serviceAccountName from the deprecated serviceAccount field.
    const written = [scalarAt(workload.podSpec, 'serviceAccountName'), scalarAt(workload.podSpec, 'serviceAccount')];
    const node = written.find((n) => n && n.value !== null && n.value !== undefined && n.value !== '') ?? written.find((n) => n);
    const name = node?.value;
    if (node && name !== null && name !== undefined && name !== '' && name !== 'default') return;
    report({
      ...(node ? spanOfNode(node) : spanOfPodSpec(workload)),
      message: "The pod uses the namespace's default ServiceAccount; give the workload its own (serviceAccountName).",
      missing: !node,
    });
  },
};
