import { isMap, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import {
  anyFromHelmChart,
  candidates,
  createdAtRunTime,
  partOfLargerWhole,
  isSystemNamespace,
  managesKind,
  operatorNamed,
  visibleOfKind,
} from '../../k8s/references';
import { spanOfNode } from '../../k8s/rule-toolkit';
import { templatedNamespace } from '../../k8s/workload-targets';
import { mapAt, scalarAt, seqAt, stringAt } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';
import { objectLabel } from '../../k8s/model';

/** A Service a route sends traffic to, as written. */
interface BackendRef {
  /** The map holding the reference (a backend's `service`, a `backendRef`). */
  node: YAMLMap;
  nameNode: Scalar;
  name: string;
  /** The namespace written on the reference (Gateway API only); the route's otherwise. */
  namespace: string | undefined;
  portNode?: Scalar;
  port?: number | string;
}

const GATEWAY_ROUTES = new Set(['HTTPRoute', 'GRPCRoute']);

export const ingressBackend: K8sRule = {
  meta: {
    id: 'k8s/ingress-backend',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'An Ingress or Gateway API route sends traffic to a Service, or a Service port, that the workspace does not define.',
    rationale:
      'An Ingress whose backend names a Service that does not exist (a renamed Service, a typo, a port number ' +
      'that is the container port rather than the Service port) is accepted by the API; the controller then ' +
      'answers 503 for that path, or leaves the route unprogrammed (Gateway API `ResolvedRefs: False`). Seed ' +
      "004's Ingress names its backend by Service name and port number (`my-app-service`, 8080).",
    seeds: ['004'],
    fixable: false,
    category: 'availability',
    aliases: { kubeLinter: ['dangling-ingress'], kubeScore: ['ingress-targets-service'], kubescape: ['C-0298', 'C-0302'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    const refs = backendRefs(object.kind, object.apiVersion, object.root);
    if (refs.length === 0 || templatedNamespace(object.namespace)) return;
    let partial: boolean | undefined;
    const whole = () => !(partial ??= partOfLargerWhole(context));
    for (const ref of refs) {
      if (containsTemplate(context.text, ref.node)) continue;
      const namespace = ref.namespace ?? object.namespace;
      if (templatedNamespace(namespace) || isSystemNamespace(namespace)) continue;
      // Only where the workspace manages the namespace's Services: otherwise they are defined elsewhere.
      if (!managesKind(index, 'Service', namespace)) continue;
      const ns = namespace ?? index.defaultNamespace;
      const services = candidates(index, 'Service', namespace, ref.name);
      if (services.length === 0) {
        if (operatorNamed(index, namespace, ref.name) || createdAtRunTime(index, namespace, 'services') || !whole()) continue;
        if (anyFromHelmChart(context, visibleOfKind(index, 'Service', namespace))) continue;
        report({
          ...spanOfNode(ref.nameNode),
          message: `${objectLabel(object)} routes to Service "${ref.name}", which is not in namespace "${ns}" of the workspace: requests get no backend.`,
        });
        continue;
      }
      if (ref.port === undefined || !ref.portNode) continue;
      if (services.some((s) => s.servicePorts === undefined)) continue;
      const port = ref.port;
      if (services.some((s) => s.servicePorts!.some((p) => (typeof port === 'number' ? p.port === port : p.name === port)))) continue;
      if (!whole() || anyFromHelmChart(context, services)) continue;
      const known = [...new Set(services.flatMap((s) => s.servicePorts!.map((p) => (typeof port === 'number' ? String(p.port) : p.name)).filter(Boolean)))];
      report({
        ...spanOfNode(ref.portNode),
        message:
          `${objectLabel(object)} routes to port ${typeof port === 'number' ? port : `"${port}"`} of Service "${ref.name}", which has no such port ` +
          `(${known.length > 0 ? `its ports${typeof port === 'number' ? '' : "' names"}: ${known.join(', ')}` : 'none'}).`,
      });
    }
  },
};

function backendRefs(kind: string, apiVersion: string, root: YAMLMap): BackendRef[] {
  if (kind === 'Ingress' && apiVersion === 'networking.k8s.io/v1') {
    const services: unknown[] = [mapAt(root, 'spec', 'defaultBackend', 'service')];
    for (const rule of seqAt(root, 'spec', 'rules')?.items ?? []) {
      if (!isMap(rule)) continue;
      for (const path of seqAt(rule, 'http', 'paths')?.items ?? []) if (isMap(path)) services.push(mapAt(path, 'backend', 'service'));
    }
    return services.flatMap((service) => {
      if (!isMap(service)) return [];
      const nameNode = scalarAt(service, 'name');
      const name = stringAt(service, 'name');
      if (!nameNode || !name) return [];
      const numberNode = scalarAt(service, 'port', 'number');
      const portNameNode = scalarAt(service, 'port', 'name');
      const ref: BackendRef = { node: service, nameNode, name, namespace: undefined };
      if (numberNode && typeof numberNode.value === 'number') Object.assign(ref, { portNode: numberNode, port: numberNode.value });
      else if (portNameNode && typeof portNameNode.value === 'string') Object.assign(ref, { portNode: portNameNode, port: portNameNode.value });
      return [ref];
    });
  }
  if (GATEWAY_ROUTES.has(kind) && apiVersion.startsWith('gateway.networking.k8s.io/')) {
    const out: BackendRef[] = [];
    for (const rule of seqAt(root, 'spec', 'rules')?.items ?? []) {
      if (!isMap(rule)) continue;
      const refs = rule.get('backendRefs');
      for (const item of isSeq(refs) ? refs.items : []) {
        if (!isMap(item)) continue;
        // Only core Services (`group: ""`, `kind: Service`, the defaults); other backends are implementation-specific.
        if ((stringAt(item, 'group') ?? '') !== '' || (stringAt(item, 'kind') ?? 'Service') !== 'Service') continue;
        const nameNode = scalarAt(item, 'name');
        const name = stringAt(item, 'name');
        if (!nameNode || !name) continue;
        const portNode = scalarAt(item, 'port');
        const ref: BackendRef = { node: item, nameNode, name, namespace: stringAt(item, 'namespace') };
        if (portNode && typeof portNode.value === 'number') Object.assign(ref, { portNode, port: portNode.value });
        out.push(ref);
      }
    }
    return out;
  }
  return [];
}
