import type { K8sRule } from '../../k8s/context';
import { partOfLargerWhole, isSystemNamespace } from '../../k8s/references';
import { spanOfObject } from '../../k8s/workload-targets';
import { renderEntries, type YamlValue } from '../../yaml/render';
import { isTemplated } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

/**
 * Policies that apply to the pods of their own namespace: Kubernetes' and Calico's NetworkPolicy, Cilium's, and
 * a service mesh's authorization policies (Istio, Linkerd), which refuse unauthorized connections at the proxy.
 */
const NAMESPACED_POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy', 'StagedNetworkPolicy', 'AuthorizationPolicy'];
/** Policies that can apply to every namespace. */
const CLUSTER_POLICY_KINDS = [
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
];

export const namespaceNetworkPolicy: K8sRule = {
  meta: {
    id: 'k8s/namespace-network-policy',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A Namespace of the workspace runs workloads but no NetworkPolicy of the workspace applies to it.',
    rationale:
      'Pods not selected by any NetworkPolicy accept connections from every pod of the cluster and may connect ' +
      'anywhere: one compromised workload elsewhere reaches them all. A default-deny policy per namespace, then ' +
      'allow rules per workload, is what seed 004 recommends: Adopt a "deny-all" default policy and then selectively ' +
      'allow traffic using Network Policies.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'A default-deny policy drops all incoming traffic to the namespace until allow policies are written.',
    },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (object.kind !== 'Namespace' || object.apiVersion !== 'v1') return;
    const name = object.name;
    if (!name || isTemplated(name) || isSystemNamespace(name) || name === 'default') return;
    const workloads = index.inNamespace(name).filter((o) => o.podLabels !== undefined && o.namespace === name);
    if (workloads.length === 0) return;
    for (const kind of NAMESPACED_POLICY_KINDS) {
      // A policy written without a namespace may be applied to this one.
      if (index.ofKindEverywhere(kind).some((p) => p.namespace === undefined || p.namespace === name || isTemplated(p.namespace))) return;
    }
    for (const kind of CLUSTER_POLICY_KINDS) if (index.ofKindEverywhere(kind).length > 0) return;
    // Istio applies the authorization policies of its root namespace to the whole mesh.
    if (index.ofKind('AuthorizationPolicy', 'istio-system').length > 0) return;

    const policy: { [key: string]: YamlValue } = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', namespace: name },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const text = context.text;
    const { eol } = context.editor.style;
    const at = text.length;
    const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
    const newText = `${lead}---${eol}${renderEntries(policy, 0, context.editor.style)}${eol}`;
    const named = workloads
      .slice(0, 3)
      .map((w) => `${objectLabel(w)}`)
      .join(', ');
    if (partOfLargerWhole(context)) return;
    report({
      ...spanOfObject(context),
      message: `Namespace "${name}" runs ${named}${workloads.length > 3 ? ` and ${workloads.length - 3} more` : ''} but no NetworkPolicy of the workspace applies to it: its pods accept traffic from every pod of the cluster.`,
      fixes: [{ title: 'Add a default-deny ingress NetworkPolicy', kind: 'suggestion', edits: [{ start: at, end: at, newText }] }],
    });
  },
};
