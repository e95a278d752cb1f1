// Kubernetes object model over a parsed YAML document: which objects are workloads, where their pod
// template lives, their containers, and the effective security context (pod -> container inheritance).
import { isMap, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { isNullish, mapAt, pairOf, stringAt, valueOf } from '../yaml/nodes';
import { readLabels, type Labels } from './selectors';

export interface K8sObject {
  root: YAMLMap;
  apiVersion: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
}

export type ContainerList = 'containers' | 'initContainers';

export interface Container {
  node: YAMLMap;
  name: string | undefined;
  list: ContainerList;
  index: number;
}

export interface Workload {
  object: K8sObject;
  /** The pod template (`{metadata, spec}`); for a Pod, the object itself. */
  template: YAMLMap;
  podSpec: YAMLMap;
  containers: Container[];
}

/** The pod template's labels as written (`metadata.labels`); undefined when absent or not a map of strings. */
export function podTemplateLabels(workload: Workload): Labels | undefined {
  return readLabels(mapAt(workload.template, 'metadata', 'labels'));
}

/** Pod-spec paths of the built-in workload kinds (the catalog's conventions). */
export const BUILTIN_POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // OpenShift's built-in predecessor of Deployment (apps.openshift.io/v1), still common in OpenShift repos.
  DeploymentConfig: ['spec', 'template', 'spec'],
};

/** Kinds whose pods are expected to keep running (probes, preStop, availability rules apply). */
export const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Pod']);

/**
 * Long-running pods: the long-running kinds, except a bare Pod that is not restarted (`restartPolicy: Never`
 * or `OnFailure`, e.g. a Helm test hook or a one-off task), which is batch work like a Job.
 */
export function isLongRunningWorkload(workload: Workload): boolean {
  if (!LONG_RUNNING_KINDS.has(workload.object.kind)) return false;
  if (workload.object.kind !== 'Pod') return true;
  const policy = stringAt(workload.podSpec, 'restartPolicy');
  return policy !== 'Never' && policy !== 'OnFailure';
}

export function toK8sObject(doc: Document.Parsed): K8sObject | undefined {
  const root = doc.contents as Node | null;
  if (!isMap(root)) return undefined;
  const apiVersion = stringAt(root, 'apiVersion');
  const kind = stringAt(root, 'kind');
  if (!apiVersion || !kind) return undefined;
  return {
    root,
    apiVersion,
    kind,
    name: stringAt(root, 'metadata', 'name'),
    namespace: stringAt(root, 'metadata', 'namespace'),
  };
}

export function podSpecPath(kind: string, extraKinds: Record<string, string> | undefined): readonly string[] | undefined {
  const extra = extraKinds?.[kind];
  if (extra) return extra.split('.').filter(Boolean).concat(extra.endsWith('spec') ? [] : ['spec']);
  return BUILTIN_POD_SPEC_PATHS[kind];
}

export function toWorkload(object: K8sObject, extraKinds?: Record<string, string>): Workload | undefined {
  const path = podSpecPath(object.kind, extraKinds);
  if (!path) return undefined;
  const podSpec = mapAt(object.root, ...path);
  const template = path.length === 1 ? object.root : mapAt(object.root, ...path.slice(0, -1));
  if (!podSpec || !template) return undefined;
  return { object, template, podSpec, containers: containersOf(podSpec) };
}

export function containersOf(podSpec: YAMLMap): Container[] {
  const out: Container[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    const seq = valueOf(podSpec, list) as YAMLSeq | null | undefined;
    if (!seq || !('items' in seq) || isMap(seq)) continue;
    seq.items.forEach((item, index) => {
      if (isMap(item)) out.push({ node: item, name: stringAt(item, 'name'), list, index });
    });
  }
  return out;
}

/** Fields that the container `securityContext` inherits from the pod `securityContext`. */
export type InheritedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'seLinuxOptions';

export interface EffectiveValue {
  node: Node;
  scope: 'container' | 'pod';
}

/** The value Kubernetes uses: the container's own setting wins over the pod's. */
export function effectiveSecurity(workload: Workload, container: Container, field: InheritedField): EffectiveValue | undefined {
  // `field:` with no value (a YAML null) is unset, as the API server reads it.
  const own = pairOf(mapAt(container.node, 'securityContext'), field);
  if (own && !isNullish(own.value as Node | null)) return { node: own.value as Node, scope: 'container' };
  const pod = pairOf(mapAt(workload.podSpec, 'securityContext'), field);
  if (pod && !isNullish(pod.value as Node | null)) return { node: pod.value as Node, scope: 'pod' };
  return undefined;
}

export function containerLabel(container: Container): string {
  const kind = container.list === 'initContainers' ? 'init container' : 'container';
  return container.name ? `${kind} "${container.name}"` : `${kind} #${container.index + 1}`;
}

/** Where findings about a container point: its `name` entry, else the start of the item. */
export function containerSpan(container: Container): [number, number] {
  const name = pairOf(container.node, 'name');
  if (name?.key.range) {
    const value = name.value as Node | null;
    return [name.key.range[0], value?.range ? value.range[1] : name.key.range[1]];
  }
  const [start] = container.node.range ?? [0];
  return [start, start];
}

/** Windows pods: several Linux-only settings (seccomp, capabilities, runAsNonRoot by UID) do not apply. */
export function isWindowsPod(workload: Workload): boolean {
  return stringAt(workload.podSpec, 'os', 'name') === 'windows';
}
