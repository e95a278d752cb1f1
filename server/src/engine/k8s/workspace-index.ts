// Cross-file knowledge: a light summary of every Kubernetes object of every indexed file (open documents
// and the workspace's YAML files), keyed by file. Rules that look across files query it; the summaries
// are small so that a large workspace does not keep every parsed document in memory.
import type { Node } from 'yaml';
import { boolOf, mapAt, numberOf, scalarAt, stringAt } from '../yaml/nodes';
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
}
// Keep summaries to what other objects' rules read: every field here that changes while typing (an image
// tag, say) would invalidate the cached cross-document results of the whole namespace.

export function summarize(path: string, object: K8sObject, workloadKinds?: Record<string, string>): ObjectSummary {
  const { root, apiVersion, kind, name, namespace } = object;
  const summary: ObjectSummary = { path, apiVersion, kind, name, namespace };
  const workload = toWorkload(object, workloadKinds);
  if (workload) {
    summary.podLabels = readLabels(mapAt(workload.template, 'metadata', 'labels') as Node | undefined) ?? {};
    summary.selector = readLabelSelector(mapAt(root, 'spec', 'selector'));
    const replicas = scalarAt(root, 'spec', 'replicas');
    summary.replicas = replicas ? numberOf(replicas) : null;
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
      summary.disablesTokenMount = boolOf(scalarAt(root, 'automountServiceAccountToken')) === false;
      break;
    }
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
  // Lookup tables rebuilt lazily after a change: rules query per object, so scans would be quadratic.
  private tablesGeneration = -1;
  private byKindNamespace = new Map<string, ObjectSummary[]>();
  private byNamespace = new Map<string, ObjectSummary[]>();
  private byKind = new Map<string, ObjectSummary[]>();
  // Per-namespace change counters: cross-file results of an object depend only on its namespace
  // (and on the Dockerfiles), so an edit in one namespace leaves the others' cached results valid.
  private readonly namespaceGenerations = new Map<string, number>();
  private dockerfileGeneration = 0;

  constructor(readonly defaultNamespace = 'default') {}

  /**
   * Replaces a file's objects. Returns true when anything a cross-file rule reads has changed. Summaries of
   * unchanged documents are the same objects as last time, so most comparisons are by reference.
   */
  setFile(path: string, objects: ObjectSummary[]): boolean {
    const before = this.files.get(path) ?? [];
    const changed = new Set<string>();
    const kept = new Set(objects);
    const stale = before.filter((o) => !kept.has(o));
    const previous = new Set(before);
    const added = objects.filter((o) => !previous.has(o));
    const staleJson = new Map(stale.map((o) => [JSON.stringify(o), o]));
    for (const object of added) {
      const json = JSON.stringify(object);
      if (staleJson.has(json)) staleJson.delete(json); // re-parsed, same content
      else changed.add(this.namespaceOf(object));
    }
    for (const object of staleJson.values()) changed.add(this.namespaceOf(object));
    if (objects.length === 0) this.files.delete(path);
    else this.files.set(path, objects);
    if (changed.size === 0) return false;
    for (const ns of changed) this.namespaceGenerations.set(ns, (this.namespaceGenerations.get(ns) ?? 0) + 1);
    this.generation++;
    return true;
  }

  /** Changes whenever an object of the namespace (or any Dockerfile) changes. */
  versionOf(namespace: string | undefined): string {
    return `${this.namespaceGenerations.get(namespace ?? this.defaultNamespace) ?? 0}:${this.dockerfileGeneration}`;
  }

  setDockerfile(summary: DockerfileSummary): boolean {
    const before = this.dockerfiles.get(summary.path);
    if (before && JSON.stringify(before) === JSON.stringify(summary)) return false;
    this.dockerfiles.set(summary.path, summary);
    this.generation++;
    this.dockerfileGeneration++;
    return true;
  }

  allDockerfiles(): DockerfileSummary[] {
    return [...this.dockerfiles.values()];
  }

  removeFile(path: string): boolean {
    if (this.dockerfiles.delete(path)) {
      this.generation++;
      this.dockerfileGeneration++;
      return true;
    }
    return this.files.has(path) ? this.setFile(path, []) : false;
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
  ofKind(kind: string, namespace: string | undefined): readonly ObjectSummary[] {
    this.buildTables();
    return this.byKindNamespace.get(`${kind}\u0000${namespace ?? this.defaultNamespace}`) ?? [];
  }

  /** Objects of a kind in every namespace. */
  ofKindEverywhere(kind: string): readonly ObjectSummary[] {
    this.buildTables();
    return this.byKind.get(kind) ?? [];
  }

  /** Every object of a namespace (as written or defaulted). */
  inNamespace(namespace: string | undefined): readonly ObjectSummary[] {
    this.buildTables();
    return this.byNamespace.get(namespace ?? this.defaultNamespace) ?? [];
  }

  private buildTables(): void {
    if (this.tablesGeneration === this.generation) return;
    this.byKindNamespace = new Map();
    this.byNamespace = new Map();
    this.byKind = new Map();
    for (const object of this.objects()) {
      const ns = this.namespaceOf(object);
      const key = `${object.kind}\u0000${ns}`;
      let list = this.byKindNamespace.get(key);
      if (!list) this.byKindNamespace.set(key, (list = []));
      list.push(object);
      let nsList = this.byNamespace.get(ns);
      if (!nsList) this.byNamespace.set(ns, (nsList = []));
      nsList.push(object);
      let kindList = this.byKind.get(object.kind);
      if (!kindList) this.byKind.set(object.kind, (kindList = []));
      kindList.push(object);
    }
    this.tablesGeneration = this.generation;
  }
}
