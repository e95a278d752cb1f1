// Shared pieces of the probe and graceful-shutdown rules: which containers need probes, what probe to
// suggest for a container's port, and how long a preStop hook waits.
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { K8sContext, K8sRule } from './context';
import { containerLabel, isLongRunningWorkload, type Container, type Workload } from './model';
import { mapAt, numberOf, pairOf, seqAt, stringAt, valueOf } from '../yaml/nodes';
import { fix, spanOfContainer, templatedAt } from './rule-toolkit';
import { Commented, type YamlValue } from '../yaml/render';
import type { Severity } from '../types';

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];
export const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;

/** The placeholder path of suggested HTTP probes (the Kubernetes convention); the fix marks it for review. */
export const DEFAULT_PROBE_PATH = '/healthz';

/** A sidecar: an init container with `restartPolicy: Always` (runs for the pod's whole life). */
export function isSidecar(container: Container): boolean {
  return container.list === 'initContainers' && stringAt(container.node, 'restartPolicy') === 'Always';
}

/** The workload's pods keep running (not a Job/CronJob). */
export function isLongRunning(context: K8sContext): boolean {
  return !!context.workload && isLongRunningWorkload(context.workload);
}

/** Regular containers of a long-running workload: the ones expected to have probes and a preStop hook. */
export function forEachServingContainer(context: K8sContext, visit: (container: Container, workload: Workload) => void): void {
  const workload = context.workload;
  if (!workload || !isLongRunning(context)) return;
  for (const container of workload.containers) if (container.list === 'containers') visit(container, workload);
}

export interface DeclaredPort {
  name: string | undefined;
  number: number | undefined;
  protocol: string;
}

export function declaredPorts(container: Container): DeclaredPort[] {
  const seq = seqAt(container.node, 'ports');
  const out: DeclaredPort[] = [];
  for (const item of seq?.items ?? []) {
    if (!isMap(item)) continue;
    const number = numberOf(valueOf(item, 'containerPort'));
    out.push({ name: stringAt(item, 'name'), number, protocol: (stringAt(item, 'protocol') ?? 'TCP').toUpperCase() });
  }
  return out;
}

// Ports and port names of protocols that do not speak HTTP: a `tcpSocket` probe is the safe suggestion.
const NON_HTTP_NAME =
  /grpc|redis|postgres|pgsql|psql|mysql|maria|mongo|amqp|kafka|zookeeper|memcache|nats|mqtt|smtp|imap|pop3|ldap|dns|ssh|ftp|cql|cassandra|tcp|sql|jdbc|rtmp|sip|xmpp/i;
const NON_HTTP_PORTS = new Set([
  21, 22, 23, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 1883, 2181, 2379, 2380, 3306, 4222, 5432, 5671, 5672, 6379, 6380, 7000, 7001, 8883,
  9042, 9092, 9093, 9094, 9300, 11211, 26379, 27017, 50051,
]);
const TLS_NAME = /https|tls|ssl/i;
const TLS_PORTS = new Set([443, 8443, 9443]);

/** The probe the fixes suggest for a container: on its first declared TCP port; undefined when it declares none. */
export function suggestedProbe(container: Container): { value: YamlValue; handler: 'httpGet' | 'tcpSocket' } | undefined {
  const port = declaredPorts(container).find((p) => p.protocol === 'TCP' && (p.number !== undefined || p.name));
  if (!port) return undefined;
  const ref: string | number = port.name ?? port.number!;
  const nonHttp = (port.name !== undefined && NON_HTTP_NAME.test(port.name)) || (port.number !== undefined && NON_HTTP_PORTS.has(port.number));
  if (nonHttp) return { value: { tcpSocket: { port: ref } }, handler: 'tcpSocket' };
  const tls = (port.name !== undefined && TLS_NAME.test(port.name)) || (port.number !== undefined && TLS_PORTS.has(port.number));
  const httpGet: { [key: string]: YamlValue } = { path: new Commented(DEFAULT_PROBE_PATH, "adjust to the app's health endpoint"), port: ref };
  if (tls) httpGet.scheme = 'HTTPS';
  return { value: { httpGet }, handler: 'httpGet' };
}

/** The number of seconds a preStop hook waits: a `sleep` action, or an exec of `sleep N` (alone or first in `sh -c`). */
export function preStopWait(container: Container): { seconds: number; node: Node } | undefined {
  const preStop = mapAt(container.node, 'lifecycle', 'preStop');
  if (!preStop) return undefined;
  const sleepSeconds = valueOf(mapAt(preStop, 'sleep'), 'seconds');
  const seconds = numberOf(sleepSeconds);
  if (seconds !== undefined && sleepSeconds) return { seconds, node: sleepSeconds };
  const command = seqAt(preStop, 'exec', 'command');
  if (!command) return undefined;
  const words: Array<{ text: string; node: Scalar }> = [];
  for (const item of command.items) {
    if (!isScalar(item) || item.value === null || item.value === undefined) return undefined;
    words.push({ text: String(item.value), node: item });
  }
  const SLEEP = /^(?:\/usr)?(?:\/bin\/)?sleep$/;
  if (words.length === 2 && SLEEP.test(words[0].text)) {
    const n = secondsOf(words[1].text);
    return n === undefined ? undefined : { seconds: n, node: words[1].node };
  }
  if (words.length === 3 && /^(?:\/usr)?(?:\/bin\/)?(?:ba|da|a)?sh$/.test(words[0].text) && words[1].text === '-c') {
    const match = /^\s*(?:\/usr)?(?:\/bin\/)?sleep\s+(\S+?)\s*(?:$|;|&&)/.exec(words[2].text);
    const n = match ? secondsOf(match[1]) : undefined;
    return n === undefined ? undefined : { seconds: n, node: words[2].node };
  }
  return undefined;
}

function secondsOf(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(s?)$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** The probe maps of a container, with their kind. */
export function probesOf(container: Container): Array<{ kind: ProbeKind; probe: YAMLMap }> {
  const out: Array<{ kind: ProbeKind; probe: YAMLMap }> = [];
  for (const kind of PROBE_KINDS) {
    const probe = mapAt(container.node, kind);
    if (probe) out.push({ kind, probe });
  }
  return out;
}

/** Plain data of a node, for re-rendering it elsewhere (comments inside are not carried). */
export function toYamlValue(node: unknown): YamlValue | undefined {
  if (isScalar(node)) {
    const v = node.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  }
  if (isSeq(node)) {
    const items = node.items.map(toYamlValue);
    return items.every((i) => i !== undefined) ? items : undefined;
  }
  if (isMap(node)) {
    const out: { [key: string]: YamlValue } = {};
    for (const pair of node.items) {
      if (!isScalar(pair.key)) return undefined;
      const value = toYamlValue(pair.value);
      if (value === undefined) return undefined;
      out[String(pair.key.value)] = value;
    }
    return out;
  }
  return undefined;
}

/** Why a container needs the probe (and how badly), or undefined when it does not. */
export type ProbeNeed = (context: K8sContext, workload: Workload, container: Container) => { why: string; severity?: Severity } | undefined;

/** readiness-probe and liveness-probe: same check, same fix, different probe. */
export function missingProbeCheck(kind: 'readinessProbe' | 'livenessProbe', need: ProbeNeed): K8sRule['check'] {
  return (context, report) => {
    forEachServingContainer(context, (container, workload) => {
      if (pairOf(container.node, kind) || templatedAt(context.text, container.node, kind)) return;
      const judged = need(context, workload, container);
      if (!judged) return;
      const { why, severity } = judged;
      const label = containerLabel(container);
      const suggestion = suggestedProbe(container);
      report({
        ...spanOfContainer(container),
        message: `The ${label} has no ${kind}: ${why}.`,
        ...(severity ? { severity } : {}),
        missing: true,
        fixes: suggestion
          ? () => fix(`Add a ${suggestion.handler} ${kind} on the first declared port`, context.editor.set(container.node, [kind], suggestion.value))
          : [],
      });
    });
  };
}
