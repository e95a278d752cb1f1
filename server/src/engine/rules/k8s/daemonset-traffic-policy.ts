import { isMap, type YAMLMap } from 'yaml';
import type { K8sContext, K8sRule } from '../../k8s/context';
import { matches, readLabels, selectorFromLabels } from '../../k8s/selectors';
import { keySpan, mapAt, numberOf, pairOf, scalarAt, seqAt, stringAt } from '../../yaml/nodes';
import { fix, templatedAt } from '../../k8s/rule-toolkit';

/** Kinds whose objects name a Service the API server calls (`clientConfig.service`, `spec.service`). */
const API_SERVER_CALLERS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'CustomResourceDefinition'];
const ADMISSION_CONFIGS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];
/** What ingress-nginx (`…-controller-admission`), cert-manager and most charts call their admission webhook's Service. */
const WEBHOOK_SERVICE_NAME = /-(?:admission|webhook)$/;
const WEBHOOK_PORTS = [443, 8443];

/**
 * The API server calls the Service (an admission or conversion webhook, an aggregated API). It runs on control-plane
 * nodes, which often run no pod of the DaemonSet: with `internalTrafficPolicy: Local` its calls would find no endpoint
 * and admission would fail. Without any webhook configuration in the workspace (a controller that registers its own at
 * run time), a Service named `…-admission` or `…-webhook` on port 443 or 8443 counts as one.
 */
function calledByApiServer(context: K8sContext, spec: YAMLMap): boolean {
  const { object, index } = context;
  const namespace = index.namespaceOf(object);
  const named = (ref: { name: string; namespace: string | undefined }) =>
    ref.name === object.name && (ref.namespace === undefined || ref.namespace === namespace);
  if (API_SERVER_CALLERS.some((kind) => index.ofKindEverywhere(kind).some((caller) => caller.apiServerCalls?.some(named)))) return true;
  if (ADMISSION_CONFIGS.some((kind) => index.ofKindEverywhere(kind).length > 0)) return false;
  if (!object.name || !WEBHOOK_SERVICE_NAME.test(object.name)) return false;
  const ports = seqAt(spec, 'ports')?.items ?? [];
  return ports.some((port) => isMap(port) && WEBHOOK_PORTS.includes(numberOf(scalarAt(port, 'port')) ?? -1));
}

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
      "as log or metrics collectors seeing the wrong node's clients). A DaemonSet that a nodeSelector or a required " +
      'node affinity keeps off some nodes is not reported: clients on those nodes would find no local endpoint.',
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
    // A nodeSelector or required node affinity keeps its pods off some nodes: clients there would find no local endpoint.
    if (!daemonSet || daemonSet.onSomeNodes) return;
    if (calledByApiServer(context, spec)) return;
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
