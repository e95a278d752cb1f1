import type { K8sRule } from '../../k8s/context';
import { matches, readLabels, selectorFromLabels } from '../../k8s/selectors';
import { keySpan, mapAt, pairOf, stringAt } from '../../yaml/nodes';
import { fix, templatedAt } from '../../k8s/rule-toolkit';

export const daemonsetTrafficPolicy: K8sRule = {
  crossDocument: true,
  meta: {
    id: 'k8s/daemonset-traffic-policy',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A Service that selects the pods of a DaemonSet does not set `internalTrafficPolicy: Local`.',
    rationale:
      "A DaemonSet runs one pod on every node, so a client always has a local one. Seed 001: a DaemonSet's Service " +
      'should only take local traffic - with `internalTrafficPolicy: Local` kube-proxy sends in-cluster traffic to ' +
      'the pod on the same node instead of across nodes and zones (latency, cross-zone cost, node-local agents such ' +
      "as log or metrics collectors seeing the wrong node's clients).",
    seeds: ['001'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Local traffic policy changes where Service traffic goes.',
    },
  },
  check(context, report) {
    const { object } = context;
    if (object.kind !== 'Service') return;
    const spec = mapAt(object.root, 'spec');
    // ExternalName and headless Services have no cluster IP for kube-proxy to route: the policy does not apply.
    if (!spec || stringAt(spec, 'type') === 'ExternalName' || stringAt(spec, 'clusterIP') === 'None') return;
    if (templatedAt(context.text, spec, 'internalTrafficPolicy') || templatedAt(context.text, spec, 'selector')) return;
    const labels = readLabels(mapAt(spec, 'selector'));
    if (!labels || Object.keys(labels).length === 0) return;
    const policy = stringAt(spec, 'internalTrafficPolicy');
    if (policy === 'Local') return;
    const selector = selectorFromLabels(labels);
    const daemonSet = context.index.ofKind('DaemonSet', object.namespace).find((d) => d.podLabels && matches(selector, d.podLabels));
    if (!daemonSet) return;
    const pair = pairOf(spec, 'internalTrafficPolicy') ?? pairOf(spec, 'selector')!;
    const [start, end] = keySpan(pair);
    report({
      start,
      end,
      message: `The Service "${object.name ?? '?'}" selects the pods of DaemonSet "${daemonSet.name ?? '?'}" but ${policy ? `sets internalTrafficPolicy: ${policy}` : 'has no internalTrafficPolicy: Local'}, so traffic leaves the node.`,
      fixes: fix('Set internalTrafficPolicy: Local', context.editor.set(spec, ['internalTrafficPolicy'], 'Local')),
    });
  },
};
