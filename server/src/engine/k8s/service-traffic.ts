// Which containers serve traffic through a Service: the graceful-shutdown and readiness rules apply to them
// only, and their messages never claim Service traffic that does not exist.
import type { K8sContext } from './context';
import type { Container, Workload } from './model';
import { readLabels } from './selectors';
import type { ObjectSummary } from './workspace-index';
import { mapAt } from '../yaml/nodes';
import { declaredPorts } from './probes';

export type ServiceTraffic =
  /** A Service of the namespace selects the pod and targets one of the container's ports (metrics-only Services do not count). */
  | { kind: 'served'; service: ObjectSummary }
  /** Services are known, and none sends this container traffic. */
  | { kind: 'none' }
  /** No Service anywhere in the workspace: whether one sends traffic is unknown. */
  | { kind: 'unknown' };

/** The Services of the workload's namespace that select its pods (an indexed lookup: cheap to ask per container). */
export function selectingServices(context: K8sContext, workload: Workload): readonly ObjectSummary[] {
  const labels = readLabels(mapAt(workload.template, 'metadata', 'labels'));
  if (!labels || Object.keys(labels).length === 0) return [];
  return context.index.servicesSelecting(context.object.namespace, labels);
}

/** Port names of a Prometheus scrape endpoint: `metrics`, `http-metrics`, `https-metrics`, `<anything>-metrics`, `prometheus`. */
const METRICS_PORT_NAME = /^(?:(?:[a-z0-9]+-)*metrics|prometheus)$/;

/**
 * A Service that only exposes metrics (kyverno's `*-controller-metrics`, argo-cd's notifications controller): Prometheus
 * scrapes the pods through it, no client traffic goes through it, so readiness and graceful shutdown do not concern it.
 * Every port is named as a metrics port, or the Service is named `…-metrics` and its one port has no name.
 */
export function isMetricsOnlyService(service: ObjectSummary): boolean {
  const ports = service.servicePorts;
  if (!ports || ports.length === 0) return false;
  if (ports.every((p) => p.name !== undefined && METRICS_PORT_NAME.test(p.name))) return true;
  return ports.length === 1 && ports[0].name === undefined && service.name !== undefined && /-metrics$/.test(service.name);
}

/**
 * Whether `container` gets Service traffic. A Service whose ports cannot be read, or a pod whose containers
 * declare no ports (the Service may target a number nobody declared), counts for every container that could
 * serve: the ones that declare ports, or all when none does. `concerns`: which of the selecting Services matter to the
 * caller (the others send traffic it has nothing to say about).
 */
export function serviceTraffic(
  context: K8sContext,
  workload: Workload,
  container: Container,
  concerns: (service: ObjectSummary) => boolean = () => true,
): ServiceTraffic {
  const selecting = selectingServices(context, workload).filter((service) => !isMetricsOnlyService(service));
  const services = selecting.filter(concerns);
  if (services.length === 0 && selecting.length > 0) return { kind: 'none' };
  if (services.length === 0) return context.index.ofKindEverywhere('Service').length > 0 ? { kind: 'none' } : { kind: 'unknown' };
  const ports = declaredPorts(container);
  const anyDeclares = workload.containers.some((c) => c.list === 'containers' && declaredPorts(c).length > 0);
  for (const service of services) {
    if (!anyDeclares) return { kind: 'served', service };
    if (ports.length === 0) continue;
    if (!service.targetPorts) return { kind: 'served', service };
    const targeted = service.targetPorts.some((target) => ports.some((p) => p.number === target || (p.name !== undefined && p.name === target)));
    if (targeted) return { kind: 'served', service };
  }
  return { kind: 'none' };
}
