// Kubernetes object model over a parsed YAML document: which objects are workloads, where their pod
// template lives, their containers, and the effective security context (pod -> container inheritance).
import { isMap, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { isNullish, mapAt, pairOf, stringAt, valueOf } from '../yaml/nodes';
import { readLabels, type Labels } from './selectors';

export interface K8sObject {
  root: YAMLMap;
  apiVersion: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

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
  /**
   * Debug containers added to a running pod (`kubectl debug`); the API server refuses them on create and in
   * templates, so they appear in dumps of live pods. Pod Security admission checks them like containers.
   */
  ephemeralContainers: Container[];
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

/**
 * Workloads defined by custom resources, keyed by API group and kind (a Knative `Service` is not a core
 * Service), with the path of their pod spec. From each project's CRD reference: Argo Rollouts (`Rollout`
 * embeds a Deployment's `spec.template`), Knative Serving (`Service`/`Configuration` carry a Revision
 * template; a `Revision`'s spec is a pod spec), KEDA (`ScaledJob` embeds a Job spec at `jobTargetRef`),
 * OpenKruise (`CloneSet`, Advanced `StatefulSet` and `DaemonSet` mirror the built-ins).
 */
export const CUSTOM_POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  'argoproj.io/Rollout': ['spec', 'template', 'spec'],
  'serving.knative.dev/Service': ['spec', 'template', 'spec'],
  'serving.knative.dev/Configuration': ['spec', 'template', 'spec'],
  'serving.knative.dev/Revision': ['spec'],
  'keda.sh/ScaledJob': ['spec', 'jobTargetRef', 'template', 'spec'],
  'apps.kruise.io/CloneSet': ['spec', 'template', 'spec'],
  'apps.kruise.io/StatefulSet': ['spec', 'template', 'spec'],
  'apps.kruise.io/DaemonSet': ['spec', 'template', 'spec'],
};

/**
 * Argo Workflows: the workflow spec carries the pod-level fields (securityContext, hostNetwork, volumes,
 * serviceAccountName) and each template runs a `container`, a `script`, a `containerSet`, `initContainers`
 * and `sidecars`. Path of the workflow spec by kind.
 */
const ARGO_WORKFLOW_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Workflow: ['spec'],
  WorkflowTemplate: ['spec'],
  ClusterWorkflowTemplate: ['spec'],
  CronWorkflow: ['spec', 'workflowSpec'],
};

/** Kinds whose pods are expected to keep running (probes, preStop, availability rules apply). */
export const LONG_RUNNING_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
  'Pod',
  'Rollout',
  'CloneSet',
]);

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
  return isMap(root) ? objectOf(root) : undefined;
}

function objectOf(root: YAMLMap, defaults?: { apiVersion: string; kind: string }): K8sObject | undefined {
  const apiVersion = stringAt(root, 'apiVersion') ?? defaults?.apiVersion;
  const kind = stringAt(root, 'kind') ?? defaults?.kind;
  if (!apiVersion || !kind) return undefined;
  return {
    root,
    apiVersion,
    kind,
    name: stringAt(root, 'metadata', 'name'),
    namespace: stringAt(root, 'metadata', 'namespace'),
  };
}

/**
 * The objects a document declares: the object itself, or every item of a `List` (`kind: List`, or a typed
 * list such as `DeploymentList`, whose items may omit their kind). kubectl applies each item as a
 * top-level object, so each is linted as one; their nodes keep their offsets in the document.
 */
export function toK8sObjects(doc: Document.Parsed): K8sObject[] {
  const object = toK8sObject(doc);
  if (!object || !object.kind.endsWith('List')) return object ? [object] : [];
  const items = valueOf(object.root, 'items');
  if (!isSeq(items)) return [object];
  const itemKind = object.kind === 'List' ? undefined : object.kind.slice(0, -'List'.length);
  const defaults = itemKind ? { apiVersion: object.apiVersion, kind: itemKind } : undefined;
  return items.items.flatMap((item) => {
    const member = isMap(item) ? objectOf(item, defaults) : undefined;
    return member ? [member] : [];
  });
}

/** `argoproj.io/v1alpha1` -> `argoproj.io`; core `v1` -> `` */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Where the object's pod spec is. `workloadKinds` of `.harden.yaml` is read first, keyed by
 * `apiVersion/kind` (`example.com/v1/Job`), `group/kind` or kind; then the built-in kinds (core kinds only
 * in their own API groups) and the custom resources above.
 */
export function podSpecPath(object: Pick<K8sObject, 'apiVersion' | 'kind'>, extraKinds: Record<string, string> | undefined): readonly string[] | undefined {
  const { apiVersion, kind } = object;
  const group = groupOf(apiVersion);
  const extra = extraKinds?.[`${apiVersion}/${kind}`] ?? extraKinds?.[`${group}/${kind}`] ?? extraKinds?.[kind];
  if (extra)
    return extra
      .split('.')
      .filter(Boolean)
      .concat(extra.endsWith('spec') ? [] : ['spec']);
  return CUSTOM_POD_SPEC_PATHS[`${group}/${kind}`] ?? (isBuiltinGroup(group) ? BUILTIN_POD_SPEC_PATHS[kind] : undefined);
}

/** Groups of the built-in workload kinds (and OpenShift's): a `Deployment` elsewhere is someone's CRD. */
function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group === 'apps.openshift.io';
}

export function toWorkload(object: K8sObject, extraKinds?: Record<string, string>): Workload | undefined {
  const path = podSpecPath(object, extraKinds);
  if (!path) return groupOf(object.apiVersion) === 'argoproj.io' ? argoWorkflow(object) : undefined;
  const podSpec = mapAt(object.root, ...path);
  const template = path.length === 1 ? object.root : mapAt(object.root, ...path.slice(0, -1));
  if (!podSpec || !template) return undefined;
  return { object, template, podSpec, containers: containersOf(podSpec), ephemeralContainers: containersOf(podSpec, ['ephemeralContainers']) };
}

function argoWorkflow(object: K8sObject): Workload | undefined {
  const path = ARGO_WORKFLOW_SPEC_PATHS[object.kind];
  const spec = path && mapAt(object.root, ...path);
  if (!spec) return undefined;
  const containers: Container[] = [];
  const add = (node: unknown, list: ContainerList, name: string | undefined) => {
    if (isMap(node)) containers.push({ node, name: stringAt(node, 'name') ?? name, list, index: containers.length });
  };
  const templates = valueOf(spec, 'templates');
  for (const template of isSeq(templates) ? templates.items : []) {
    if (!isMap(template)) continue;
    const name = stringAt(template, 'name');
    for (const item of (valueOf(template, 'initContainers') as YAMLSeq | undefined)?.items ?? []) add(item, 'initContainers', undefined);
    add(valueOf(template, 'container'), 'containers', name);
    add(valueOf(template, 'script'), 'containers', name);
    for (const item of (valueOf(mapAt(template, 'containerSet'), 'containers') as YAMLSeq | undefined)?.items ?? []) add(item, 'containers', undefined);
    for (const item of (valueOf(template, 'sidecars') as YAMLSeq | undefined)?.items ?? []) add(item, 'containers', undefined);
  }
  return { object, template: object.root, podSpec: spec, containers, ephemeralContainers: [] };
}

/** apps/v1 kinds whose `spec.selector` the API requires. */
const SELECTOR_REQUIRED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * Not an object the API accepts but the part of one that a patch sets (kubebuilder's `config/default/manager_*_patch.yaml`):
 * an apps/v1 workload without `spec.selector`, or a pod template without containers or with a container that has no image.
 */
export function isWorkloadFragment(object: K8sObject, extraKinds?: Record<string, string>): boolean {
  const workload = toWorkload(object, extraKinds);
  if (!workload) return false;
  if (object.apiVersion === 'apps/v1' && SELECTOR_REQUIRED_KINDS.has(object.kind) && !pairOf(mapAt(object.root, 'spec'), 'selector')) return true;
  return !pairOf(workload.podSpec, 'containers') || workload.containers.some((container) => !pairOf(container.node, 'image'));
}

export function containersOf(podSpec: YAMLMap, lists: readonly ContainerList[] = ['initContainers', 'containers']): Container[] {
  const out: Container[] = [];
  for (const list of lists) {
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

const CONTAINER_KIND_LABELS: Record<ContainerList, string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** `Deployment "web"` in messages; the kind alone when the name is absent or unknown (a template, a substitution). */
export function objectLabel(object: { kind: string; name?: string | undefined }): string {
  return object.name === undefined || object.name === '' ? object.kind : `${object.kind} "${object.name}"`;
}

export function containerLabel(container: Container): string {
  const kind = CONTAINER_KIND_LABELS[container.list];
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
