// Cross-file knowledge: a light summary of every Kubernetes object of every indexed file (open documents
// and the workspace's YAML files), keyed by file. Rules that look across files query it; the summaries
// are small so that a large workspace does not keep every parsed document in memory.
import { isScalar, type Node } from 'yaml';
import { mapAt, numberOf, scalarAt, seqAt, stringAt } from '../yaml/nodes';
import { readLabelSelector, readLabels, selectorFromLabels, type LabelSelector, type Labels } from './selectors';
import { toWorkload, type K8sObject } from './model';

export interface ObjectSummary {
  path: string;
  apiVersion: string;
  kind: string;
  name: string | undefined;
  /** As written; `undefined` means the default namespace. */
  namespace: string | undefined;
  /** Workloads: the pod template's labels. */
  podLabels?: Labels;
  /** Workloads, PDBs, Services (as matchLabels): the selector, when it can be read. */
  selector?: LabelSelector;
  /** Workloads: `spec.replicas` when written as a number; null when absent. */
  replicas?: number | null;
  /** HorizontalPodAutoscaler target and floor. */
  scaleTarget?: { kind: string; name: string };
  minReplicas?: number | null;
  /** ServiceAccount: `automountServiceAccountToken: false`. */
  disablesTokenMount?: boolean;
  /** Images of the workload's containers. */
  images?: string[];
}

export function summarize(path: string, object: K8sObject, workloadKinds?: Record<string, string>): ObjectSummary {
  const { root, apiVersion, kind, name, namespace } = object;
  const summary: ObjectSummary = { path, apiVersion, kind, name, namespace };
  const workload = toWorkload(object, workloadKinds);
  if (workload) {
    summary.podLabels = readLabels(mapAt(workload.template, 'metadata', 'labels') as Node | undefined) ?? {};
    summary.selector = readLabelSelector(mapAt(root, 'spec', 'selector'));
    const replicas = scalarAt(root, 'spec', 'replicas');
    summary.replicas = replicas ? numberOf(replicas) : null;
    summary.images = workload.containers.map((c) => stringAt(c.node, 'image')).filter((i): i is string => !!i);
  }
  switch (kind) {
    case 'PodDisruptionBudget':
      summary.selector = readLabelSelector(mapAt(root, 'spec', 'selector'));
      break;
    case 'Service': {
      const labels = readLabels(mapAt(root, 'spec', 'selector'));
      if (labels && Object.keys(labels).length > 0) summary.selector = selectorFromLabels(labels);
      break;
    }
    case 'HorizontalPodAutoscaler': {
      const targetKind = stringAt(root, 'spec', 'scaleTargetRef', 'kind');
      const targetName = stringAt(root, 'spec', 'scaleTargetRef', 'name');
      if (targetKind && targetName) summary.scaleTarget = { kind: targetKind, name: targetName };
      const min = scalarAt(root, 'spec', 'minReplicas');
      summary.minReplicas = min ? numberOf(min) : null;
      break;
    }
    case 'ServiceAccount': {
      const automount = scalarAt(root, 'automountServiceAccountToken');
      summary.disablesTokenMount = isScalar(automount) && automount.value === false;
      break;
    }
  }
  if (seqAt(root, 'items')) {
    // `kind: List` wrappers are rare in source trees; their items are not indexed.
  }
  return summary;
}

/** What a manifest rule needs to know about a Dockerfile of the workspace. */
export interface DockerfileSummary {
  path: string;
  /** The final stage's `USER` as written (undefined: none, so root). */
  user?: string;
  /** UID/GID the file assigns to that user (numeric USER, or `adduser --uid`/`useradd -u`). */
  uid?: number;
  gid?: number;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, ObjectSummary[]>();
  private readonly dockerfiles = new Map<string, DockerfileSummary>();
  private generation = 0;

  constructor(readonly defaultNamespace = 'default') {}

  /** Replaces a file's objects. Returns true when anything a cross-file rule reads has changed. */
  setFile(path: string, objects: ObjectSummary[]): boolean {
    const before = this.files.get(path);
    if (before && JSON.stringify(before) === JSON.stringify(objects)) return false;
    if (objects.length === 0) this.files.delete(path);
    else this.files.set(path, objects);
    this.generation++;
    return !!before || objects.length > 0;
  }

  setDockerfile(summary: DockerfileSummary): boolean {
    const before = this.dockerfiles.get(summary.path);
    if (before && JSON.stringify(before) === JSON.stringify(summary)) return false;
    this.dockerfiles.set(summary.path, summary);
    this.generation++;
    return true;
  }

  allDockerfiles(): DockerfileSummary[] {
    return [...this.dockerfiles.values()];
  }

  removeFile(path: string): boolean {
    const had = this.files.delete(path) || this.dockerfiles.delete(path);
    if (had) this.generation++;
    return had;
  }

  /** Changes whenever the index changes; caches of cross-file results key on it. */
  get version(): number {
    return this.generation;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  *objects(): IterableIterator<ObjectSummary> {
    for (const list of this.files.values()) yield* list;
  }

  namespaceOf(object: { namespace: string | undefined }): string {
    return object.namespace ?? this.defaultNamespace;
  }

  /** Objects of a kind in a namespace (as written or defaulted). */
  ofKind(kind: string, namespace: string | undefined): ObjectSummary[] {
    const ns = namespace ?? this.defaultNamespace;
    const out: ObjectSummary[] = [];
    for (const object of this.objects()) if (object.kind === kind && this.namespaceOf(object) === ns) out.push(object);
    return out;
  }
}
