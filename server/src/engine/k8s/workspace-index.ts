// Cross-file knowledge: a light summary of every Kubernetes object of every indexed file (open documents
// and the workspace's YAML files), keyed by file. Rules that look across files query it; the summaries
// are small so that a large workspace does not keep every parsed document in memory.
import { isMap, isScalar, isSeq } from 'yaml';
import { boolOf, isNullish, mapAt, numberOf, scalarAt, stringAt } from '../yaml/nodes';
import { matches, readLabelSelector, readLabels, selectorFromLabels, type LabelSelector, type Labels } from './selectors';
import { podTemplateLabels, toWorkload, type K8sObject } from './model';
import { isTemplated, TEMPLATE_MARKER } from '../yaml/templates';
import { grantsEverything } from './rbac';
import type { PodSecurityLevel } from './pod-security';
import { dirnameOf, isInside } from '../kustomize/paths';

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
  /** Workloads whose pods fail the restricted Pod Security Standard: the highest level they meet (set by lint.ts). */
  podSecurityLevel?: Exclude<PodSecurityLevel, 'restricted'>;
  /** DaemonSets whose pods a nodeSelector or required node affinity keeps off some nodes. */
  onSomeNodes?: boolean;
  /** Workloads: `spec.replicas` when written as a number; null when absent. */
  replicas?: number | null;
  /** HorizontalPodAutoscaler (and KEDA ScaledObject) target; HPA floor. */
  scaleTarget?: { kind: string; name: string };
  minReplicas?: number | null;
  /** Argo Rollout: the Deployment whose pod template it runs (`spec.workloadRef`). */
  workloadRef?: { kind: string; name: string };
  /** ServiceAccount: `automountServiceAccountToken: false`. */
  disablesTokenMount?: boolean;
  /** Service: each port's `targetPort` (its `port` when absent); undefined when one cannot be read. */
  targetPorts?: Array<number | string>;
  /** Service: each port's `port` and `name` (what an Ingress or a Route names); undefined when one cannot be read or for ExternalName. */
  servicePorts?: Array<{ port: number; name?: string }>;
  /**
   * Service: headless (`clusterIP: None`) with `publishNotReadyAddresses: true`: its endpoints keep a terminating pod
   * ready until the pod is gone, and no proxy balances it (a memberlist or peer-discovery Service).
   */
  listsTerminatingPods?: boolean;
  /**
   * Secrets issued at run time under a name the object writes, seldom in the manifests. Ingress: `spec.tls[].secretName`
   * (cert-manager's ingress-shim, or by hand); Service: OpenShift's `service.beta.openshift.io/serving-cert-secret-name`
   * (or the older `service.alpha.openshift.io/…`), which the service-ca operator fills with a serving certificate.
   */
  issuedSecrets?: string[];
  /** StatefulSet: the names of its `volumeClaimTemplates` (its PVCs are `<template>-<statefulset>-<ordinal>`). */
  claimTemplates?: string[];
  /** Role, ClusterRole: core resources it may create (`secrets`, `configmaps`, `*`): such objects can appear at run time. */
  creates?: string[];
  /** Role, ClusterRole: grants every verb on every resource of every API group (as cluster-admin does). */
  grantsEverything?: boolean;
  /** PersistentVolumeClaim: `spec.accessModes`. */
  accessModes?: string[];
  /**
   * Skaffold `Config`: the images it builds (`build.artifacts[].image`, profiles' too). `skaffold dev`/`run` replace
   * their references in the manifests it deploys with the tag it built (`image: adservice` is such a placeholder).
   */
  builtImages?: string[];
  /** RoleBinding, ClusterRoleBinding: the ServiceAccounts bound (namespace as written, else the binding's). */
  boundServiceAccounts?: Array<{ name: string; namespace: string | undefined }>;
  /**
   * Admission webhook configurations, APIServices, CRDs with a conversion webhook: the Services the API server calls
   * (`clientConfig.service`, `spec.service`); namespace undefined when not written.
   */
  apiServerCalls?: Array<{ name: string; namespace: string | undefined }>;
  /**
   * A document that does not parse (kind `UNPARSED_KIND`): the `kind:` and `name:` values its text holds. For a chart
   * template that did not render (see `summarizeUnrendered`): `chart`, the chart's folder, and any name (`names` empty);
   * `kinds` empty means any kind.
   */
  unparsed?: { kinds: string[]; names: string[]; chart?: string };
}

/** Service annotations naming the Secret OpenShift's service-ca operator creates (the alpha key is the older one). */
const SERVING_CERT_ANNOTATIONS = ['service.beta.openshift.io/serving-cert-secret-name', 'service.alpha.openshift.io/serving-cert-secret-name'];

/** The kind of an unparsed document's summary: no object has it, so lookups by kind never return one. */
export const UNPARSED_KIND = '\u0000unparsed';
const MENTIONED_KIND = /^[ \t-]*kind:[ \t]*["']?([\w.-]+)/gm;
const MENTIONED_NAME = /^[ \t-]*name:[ \t]*["']?([\w.-]+)/gm;

/** A document with a YAML error still says what it meant to define: a reference to that need not be missing. */
export function summarizeUnparsed(path: string, text: string): ObjectSummary {
  const values = (pattern: RegExp) => [...new Set(Array.from(text.matchAll(pattern), (m) => m[1]))];
  return {
    path,
    apiVersion: '',
    kind: UNPARSED_KIND,
    name: undefined,
    namespace: undefined,
    unparsed: { kinds: values(MENTIONED_KIND), names: values(MENTIONED_NAME) },
  };
}

/**
 * A template of the chart at `chart` that did not render (it needs a define of a dependency that is not fetched, or
 * fails): its objects are unknown, so within the chart, a reference by name need not be dangling and a workload need
 * not go unscaled. The kinds its text names (any, when one is templated or none is written); any name.
 */
export function summarizeUnrendered(path: string, text: string, chart: string): ObjectSummary {
  const summary = summarizeUnparsed(path, text);
  const templatedKind = /^[ \t-]*kind:[ \t]*["']?\{\{/m.test(text);
  return { ...summary, unparsed: { kinds: templatedKind ? [] : (summary.unparsed?.kinds ?? []), names: [], chart } };
}

/**
 * A workload patch fragment in a kustomize tree (a patch no kustomization uses, see docs/kustomize.md), as the index
 * holds it: the object it names, without pods. It patches an object that some build defines (under its final name and
 * namespace); its own template is not applied, so it must not stand for pods of its namespace in other files' rules
 * (a Service selecting the real workload's labels in the patch's namespace, kubebuilder's `system`).
 */
export function asPatchFragment(summary: ObjectSummary): ObjectSummary {
  const { podLabels, selector, replicas, podSecurityLevel, onSomeNodes, ...rest } = summary;
  return rest;
}

// Keep summaries to what other objects' rules read: every field here that changes while typing (an image
// tag, say) would invalidate the cached cross-document results of the whole namespace.

/**
 * `openTemplate`: the document is a template with whole-line actions (`{{- include "labels" . | nindent 8 }}`), which
 * may write keys we cannot see: its pod labels are then unknown (a marker label that no selector matches, and that
 * the index's templated-labels table finds), not "none".
 */
export function summarize(path: string, object: K8sObject, workloadKinds?: Record<string, string>, openTemplate = false): ObjectSummary {
  const { root, apiVersion, kind, name, namespace } = object;
  const summary: ObjectSummary = { path, apiVersion, kind, name, namespace };
  const workload = toWorkload(object, workloadKinds);
  if (workload) {
    summary.podLabels = podTemplateLabels(workload) ?? {};
    if (openTemplate) summary.podLabels = { ...summary.podLabels, [TEMPLATE_MARKER]: TEMPLATE_MARKER };
    // The Job controller labels its pods with the Job's name (a headless Service for an indexed Job selects them so).
    if (kind === 'Job' && name !== undefined && scalarAt(root, 'spec', 'manualSelector')?.value !== true) {
      summary.podLabels = { ...summary.podLabels, 'job-name': name, 'batch.kubernetes.io/job-name': name };
    }
    summary.selector = readLabelSelector(mapAt(root, 'spec', 'selector'));
    const replicas = scalarAt(root, 'spec', 'replicas');
    summary.replicas = replicas ? numberOf(replicas) : null;
  }
  if (kind === 'Config' && apiVersion.startsWith('skaffold/')) {
    const images = skaffoldArtifactImages(root);
    if (images.length > 0) summary.builtImages = images;
  }
  switch (kind) {
    case 'PodDisruptionBudget':
      summary.selector = readLabelSelector(mapAt(root, 'spec', 'selector'));
      break;
    case 'Service': {
      const labels = readLabels(mapAt(root, 'spec', 'selector'));
      if (labels && Object.keys(labels).length > 0) summary.selector = selectorFromLabels(labels);
      summary.targetPorts = targetPortsOf(root);
      if (apiVersion === 'v1') summary.servicePorts = servicePortsOf(root);
      if (stringAt(root, 'spec', 'clusterIP') === 'None' && boolOf(scalarAt(root, 'spec', 'publishNotReadyAddresses')) === true)
        summary.listsTerminatingPods = true;
      const servingCerts = SERVING_CERT_ANNOTATIONS.flatMap((key) => stringAt(root, 'metadata', 'annotations', key) ?? []).filter((n) => n !== '');
      if (servingCerts.length > 0) summary.issuedSecrets = servingCerts;
      break;
    }
    case 'Ingress': {
      const tls = root.getIn(['spec', 'tls']);
      const names = isSeq(tls) ? tls.items.flatMap((t) => (isMap(t) && stringAt(t, 'secretName') ? [stringAt(t, 'secretName')!] : [])) : [];
      if (names.length > 0) summary.issuedSecrets = names;
      break;
    }
    case 'DaemonSet': {
      const podSpec = mapAt(root, 'spec', 'template', 'spec');
      const selector = mapAt(podSpec, 'nodeSelector');
      const required = mapAt(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
      if ((selector && selector.items.length > 0) || required) summary.onSomeNodes = true;
      break;
    }
    case 'StatefulSet': {
      const templates = root.getIn(['spec', 'volumeClaimTemplates']);
      if (isSeq(templates))
        summary.claimTemplates = templates.items.flatMap((t) => (isMap(t) && stringAt(t, 'metadata', 'name') ? [stringAt(t, 'metadata', 'name')!] : []));
      break;
    }
    case 'Role':
    case 'ClusterRole': {
      const creates = createdCoreResources(root);
      if (creates.length > 0) summary.creates = creates;
      if (grantsEverything(object)) summary.grantsEverything = true;
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
    case 'ScaledObject': {
      // KEDA drives the target through an HPA of its own; scaleTargetRef.kind defaults to Deployment. Paused: no HPA.
      if (!apiVersion.startsWith('keda.sh/') || String(scalarAt(root, 'metadata', 'annotations', 'autoscaling.keda.sh/paused')?.value).toLowerCase() === 'true')
        break;
      const targetKind = scalarAt(root, 'spec', 'scaleTargetRef', 'kind') ? stringAt(root, 'spec', 'scaleTargetRef', 'kind') : 'Deployment';
      const targetName = stringAt(root, 'spec', 'scaleTargetRef', 'name');
      if (targetKind && targetName) summary.scaleTarget = { kind: targetKind, name: targetName };
      break;
    }
    case 'Rollout': {
      const refKind = stringAt(root, 'spec', 'workloadRef', 'kind');
      const refName = stringAt(root, 'spec', 'workloadRef', 'name');
      if (refKind && refName) summary.workloadRef = { kind: refKind, name: refName };
      break;
    }
    case 'ServiceAccount': {
      summary.disablesTokenMount = boolOf(scalarAt(root, 'automountServiceAccountToken')) === false;
      break;
    }
    case 'PersistentVolumeClaim': {
      const modes = root.getIn(['spec', 'accessModes']);
      summary.accessModes = isSeq(modes) ? modes.items.flatMap((m) => (isScalar(m) && typeof m.value === 'string' ? [m.value] : [])) : [];
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      summary.boundServiceAccounts = boundServiceAccounts(root, namespace);
      break;
    case 'ValidatingWebhookConfiguration':
    case 'MutatingWebhookConfiguration':
    case 'APIService':
    case 'CustomResourceDefinition': {
      const calls = apiServerCalls(root, kind);
      if (calls.length > 0) summary.apiServerCalls = calls;
      break;
    }
  }
  return summary;
}

/** The Services the API server calls for this object: admission webhooks, an aggregated API, a CRD's conversion webhook. */
function apiServerCalls(root: K8sObject['root'], kind: string): NonNullable<ObjectSummary['apiServerCalls']> {
  const refs: Array<ReturnType<typeof mapAt>> = [];
  if (kind === 'APIService') refs.push(mapAt(root, 'spec', 'service'));
  else if (kind === 'CustomResourceDefinition') {
    // apiextensions.k8s.io/v1 `spec.conversion.webhook.clientConfig`, v1beta1 `spec.conversion.webhookClientConfig`.
    refs.push(mapAt(root, 'spec', 'conversion', 'webhook', 'clientConfig', 'service'), mapAt(root, 'spec', 'conversion', 'webhookClientConfig', 'service'));
  } else {
    const webhooks = root.get('webhooks');
    for (const webhook of isSeq(webhooks) ? webhooks.items : []) if (isMap(webhook)) refs.push(mapAt(webhook, 'clientConfig', 'service'));
  }
  const out: NonNullable<ObjectSummary['apiServerCalls']> = [];
  for (const ref of refs) {
    const name = ref ? stringAt(ref, 'name') : undefined;
    if (!ref || !name) continue;
    const namespace = stringAt(ref, 'namespace');
    if (!out.some((o) => o.name === name && o.namespace === namespace)) out.push({ name, namespace });
  }
  return out;
}

function targetPortsOf(root: K8sObject['root']): Array<number | string> | undefined {
  const ports = root.getIn(['spec', 'ports']);
  if (!isSeq(ports)) return undefined;
  const out: Array<number | string> = [];
  for (const port of ports.items) {
    if (!isMap(port)) return undefined;
    const target = scalarAt(port, 'targetPort') ?? scalarAt(port, 'port');
    const value = target?.value;
    if (typeof value !== 'number' && typeof value !== 'string') return undefined;
    out.push(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  }
  return out;
}

function servicePortsOf(root: K8sObject['root']): ObjectSummary['servicePorts'] {
  if (stringAt(root, 'spec', 'type') === 'ExternalName') return undefined;
  const ports = root.getIn(['spec', 'ports']);
  if (!isSeq(ports)) return isNullish(ports as never) ? [] : undefined;
  const out: NonNullable<ObjectSummary['servicePorts']> = [];
  for (const item of ports.items) {
    if (!isMap(item)) return undefined;
    const port = numberOf(scalarAt(item, 'port'));
    const name = scalarAt(item, 'name')?.value;
    if (port === undefined || (name !== undefined && name !== null && typeof name !== 'string')) return undefined;
    out.push(typeof name === 'string' ? { port, name } : { port });
  }
  return out;
}

/** The core resources (`secrets`, `configmaps`, `*`) a Role or ClusterRole may create. */
function createdCoreResources(root: K8sObject['root']): string[] {
  const rules = root.get('rules');
  if (!isSeq(rules)) return [];
  const strings = (node: unknown) => (isSeq(node) ? node.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' ? [i.value] : [])) : []);
  const out = new Set<string>();
  for (const rule of rules.items) {
    if (!isMap(rule)) continue;
    const groups = strings(rule.get('apiGroups'));
    const verbs = strings(rule.get('verbs'));
    if (!groups.some((g) => g === '' || g === '*') || !verbs.some((v) => v === 'create' || v === '*')) continue;
    for (const resource of strings(rule.get('resources')))
      if (['secrets', 'configmaps', 'serviceaccounts', 'persistentvolumeclaims', 'services', '*'].includes(resource)) out.add(resource);
  }
  return [...out].sort();
}

/** `build.artifacts[].image` of a Skaffold Config and of its profiles. */
function skaffoldArtifactImages(root: K8sObject['root']): string[] {
  const builds = [root.get('build')];
  const profiles = root.get('profiles');
  if (isSeq(profiles)) for (const profile of profiles.items) if (isMap(profile)) builds.push(profile.get('build'));
  const images = new Set<string>();
  for (const build of builds) {
    const artifacts = isMap(build) ? build.get('artifacts') : undefined;
    for (const artifact of isSeq(artifacts) ? artifacts.items : []) {
      const image = isMap(artifact) ? stringAt(artifact, 'image') : undefined;
      if (image) images.add(image);
    }
  }
  return [...images].sort();
}

function boundServiceAccounts(root: K8sObject['root'], namespace: string | undefined): ObjectSummary['boundServiceAccounts'] {
  const subjects = root.get('subjects');
  if (!isSeq(subjects)) return [];
  return subjects.items.flatMap((subject) => {
    const name = isMap(subject) ? stringAt(subject, 'name') : undefined;
    if (!isMap(subject) || stringAt(subject, 'kind') !== 'ServiceAccount' || !name) return [];
    return [{ name, namespace: stringAt(subject, 'namespace') ?? namespace }];
  });
}

/** What a manifest rule needs to know about a Dockerfile of the workspace. */
export interface DockerfileSummary {
  path: string;
  /** The final stage's `USER` as written (undefined: none, so root). */
  user?: string;
  /** UID/GID the file assigns to that user (numeric USER, or `adduser --uid`/`useradd -u`). */
  uid?: number;
  gid?: number;
  /** The target stage's VOLUME paths: where the image expects to write. */
  volumes?: string[];
  /**
   * Without USER, whom the base image runs as when it is not known to be root: `non-root` (it sets a user of its own,
   * grafana/grafana), `unknown` (built elsewhere, or passed in as a build argument). Absent: root.
   */
  baseUser?: 'non-root' | 'unknown';
}

/**
 * What the index holds about one file, as plain structured-clonable data: the CLI sends entries between
 * threads and puts a fixed file's entry back after fixing it.
 */
export type IndexEntry = { path: string; objects: ObjectSummary[] } | { path: string; dockerfile: DockerfileSummary };

/** What a computation read of the index: a counter per thing read, as it was then. */
export type IndexReads = ReadonlyMap<string, number>;

const EVERYTHING = 'all';
/** Distinct read sets kept for sharing within one generation of the index (a few per namespace in use). */
const MAX_SHARED_READ_SETS = 10_000;
/** For lookups over every namespace (not a valid namespace name, so it cannot collide with one). */
export const ALL_NAMESPACES = '*';
const DOCKERFILES = 'dockerfiles';
const UNPARSED = 'unparsed';
const kindKey = (kind: string, namespace: string) => `kind\u0000${namespace}\u0000${kind}`;
const namespaceKey = (namespace: string) => `namespace\u0000${namespace}`;
const kindEverywhereKey = (kind: string) => `kind-everywhere\u0000${kind}`;

export class WorkspaceIndex {
  private readonly files = new Map<string, ObjectSummary[]>();
  private readonly dockerfiles = new Map<string, DockerfileSummary>();
  private generation = 0;
  // Lookup tables rebuilt lazily after a change: rules query per object, so scans would be quadratic.
  private tablesGeneration = -1;
  /** The pod-owner tables are built apart, on demand: most edits are linted without a selector lookup. */
  private podTablesGeneration = -1;
  /** Services by the first pair of their selector, per `ofKind` list (a new list per rebuild of the tables). */
  private readonly selectorTables = new WeakMap<readonly ObjectSummary[], SelectorTable>();
  private byKindNamespace = new Map<string, ObjectSummary[]>();
  private byNamespace = new Map<string, ObjectSummary[]>();
  private byKind = new Map<string, ObjectSummary[]>();
  private byKindName = new Map<string, ObjectSummary[]>();
  /** Kinds of which some object's name cannot be read (templated, absent) or whose namespace is templated. */
  private kindsWithUnknownNames = new Set<string>();
  /** Summaries of the documents that do not parse (kept out of every other table). */
  private unparsedDocuments: ObjectSummary[] = [];
  /** Objects with a pod template, by namespace (`ALL_NAMESPACES`: every one) and by one of their pod labels (`key=value`). */
  private podOwnersByLabel = new Map<string, ObjectSummary[]>();
  /** Objects with a pod template whose labels are templated, by namespace (and `ALL_NAMESPACES`). */
  private templatedPodOwners = new Map<string, ObjectSummary[]>();
  // Change counters per thing a rule can read (a kind in a namespace, a namespace, a kind anywhere, everything,
  // the Dockerfiles). Cross-document results record which of them they read (`recordReads`) and stay valid
  // while those counters do: renaming a Deployment does not re-run the rules of the other Deployments of its
  // namespace, only of what reads Deployments there (an HPA, a Service, a PDB).
  private readonly counters = new Map<string, number>();
  private recording: Map<string, number> | undefined;
  /**
   * Read sets by content: the documents of a namespace mostly read the same keys at the same counters, and share
   * one set, so a keystroke checks each distinct set once (`checked`), not each of a large file's documents.
   */
  private readonly readSets = new Map<string, IndexReads>();
  /** The generation `readSets` were recorded in: sets of an earlier one are not recorded again (counters only grow). */
  private readSetsGeneration = -1;
  /** `isUnchanged`'s answer per read set, for the generation it was worked out in. */
  private readonly checked = new WeakMap<IndexReads, { generation: number; unchanged: boolean }>();
  private deferring = 0;
  /** Change counters to bump when the deferred changes are applied. */
  private readonly deferred = new Set<string>();

  constructor(readonly defaultNamespace = 'default') {}

  /**
   * Replaces a file's objects. Returns true when anything a cross-file rule reads has changed. Summaries of
   * unchanged documents are the same objects as last time, so most comparisons are by reference.
   */
  setFile(path: string, objects: ObjectSummary[]): boolean {
    const before = this.files.get(path) ?? [];
    const kept = new Set(objects);
    const stale = before.filter((o) => !kept.has(o));
    const previous = new Set(before);
    const added = objects.filter((o) => !previous.has(o));
    const staleJson = new Map(stale.map((o) => [JSON.stringify(o), o]));
    const changed: ObjectSummary[] = [];
    for (const object of added) {
      const json = JSON.stringify(object);
      if (staleJson.has(json))
        staleJson.delete(json); // re-parsed, same content
      else changed.push(object);
    }
    changed.push(...staleJson.values());
    if (objects.length === 0) this.files.delete(path);
    else this.files.set(path, objects);
    if (changed.length === 0) return false;
    const keys = changed.flatMap((object) => {
      if (object.unparsed) return [UNPARSED];
      const ns = this.namespaceOf(object);
      return [kindKey(object.kind, ns), namespaceKey(ns), kindEverywhereKey(object.kind)];
    });
    this.changed([...keys, EVERYTHING]);
    return true;
  }

  /** Runs `work` and returns, with its value, what it read of the index (for `isUnchanged`). */
  recordReads<T>(work: () => T): { value: T; reads: IndexReads } {
    const outer = this.recording;
    const reads = new Map<string, number>();
    this.recording = reads;
    let value: T;
    try {
      value = work();
    } finally {
      this.recording = outer;
      if (outer) for (const [key, counter] of reads) if (!outer.has(key)) outer.set(key, counter);
    }
    return { value, reads: this.shared(reads) };
  }

  /** The read set with the same keys and counters recorded before, if any (never changed once returned). */
  private shared(reads: Map<string, number>): IndexReads {
    let signature = '';
    for (const [key, counter] of reads) signature += `${key}\u0001${counter}\u0002`;
    if (this.readSetsGeneration !== this.generation || this.readSets.size >= MAX_SHARED_READ_SETS) {
      this.readSets.clear();
      this.readSetsGeneration = this.generation;
    }
    const known = this.readSets.get(signature);
    if (known) return known;
    this.readSets.set(signature, reads);
    return reads;
  }

  /** Nothing that was read has changed since. */
  isUnchanged(reads: IndexReads): boolean {
    let memo = this.checked.get(reads);
    if (memo?.generation === this.generation) return memo.unchanged;
    let unchanged = true;
    for (const [key, counter] of reads) {
      if ((this.counters.get(key) ?? 0) !== counter) {
        unchanged = false;
        break;
      }
    }
    if (!memo) this.checked.set(reads, (memo = { generation: 0, unchanged }));
    memo.generation = this.generation;
    memo.unchanged = unchanged;
    return unchanged;
  }

  /**
   * Runs `work` (a background scan recording a file) without letting rules see its changes yet: the results
   * cached for the open documents stay valid, so a keystroke during a scan does not re-run cross-file rules
   * against an index that changes between every two keystrokes. `applyDeferredChanges` makes them visible.
   */
  deferringChanges<T>(work: () => T): T {
    this.deferring++;
    try {
      return work();
    } finally {
      this.deferring--;
    }
  }

  /** Makes the changes of `deferringChanges` visible at once; true when there were any. */
  applyDeferredChanges(): boolean {
    if (this.deferred.size === 0) return false;
    const keys = [...this.deferred];
    this.deferred.clear();
    this.changed(keys);
    return true;
  }

  private changed(keys: readonly string[]): void {
    if (this.deferring > 0) {
      for (const key of keys) this.deferred.add(key);
      return;
    }
    for (const key of keys) this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    this.generation++;
  }

  private read(key: string): void {
    if (this.recording && !this.recording.has(key)) this.recording.set(key, this.counters.get(key) ?? 0);
  }

  setDockerfile(summary: DockerfileSummary): boolean {
    const before = this.dockerfiles.get(summary.path);
    if (before && JSON.stringify(before) === JSON.stringify(summary)) return false;
    this.dockerfiles.set(summary.path, summary);
    this.changed([DOCKERFILES]);
    return true;
  }

  allDockerfiles(): DockerfileSummary[] {
    this.read(DOCKERFILES);
    return [...this.dockerfiles.values()];
  }

  removeFile(path: string): boolean {
    if (this.dockerfiles.delete(path)) {
      this.changed([DOCKERFILES]);
      return true;
    }
    return this.files.has(path) ? this.setFile(path, []) : false;
  }

  /** The whole index as plain data, one entry per file: manifests in the order they were set, then Dockerfiles. */
  entries(): IndexEntry[] {
    const entries: IndexEntry[] = [...this.files].map(([path, objects]) => ({ path, objects }));
    for (const dockerfile of this.dockerfiles.values()) entries.push({ path: dockerfile.path, dockerfile });
    return entries;
  }

  /** Sets what a file holds from its entry (`undefined`: nothing). Returns true when anything changed. */
  setEntry(path: string, entry: IndexEntry | undefined): boolean {
    if (!entry) return this.removeFile(path);
    return 'dockerfile' in entry ? this.setDockerfile(entry.dockerfile) : this.setFile(path, entry.objects);
  }

  /** Forgets every file, as removing them one by one would (cached cross-file results see the change). */
  clear(): void {
    for (const path of this.paths()) this.removeFile(path);
    for (const path of [...this.dockerfiles.keys()]) this.removeFile(path);
  }

  /** Changes whenever the index changes; caches of cross-file results key on it. */
  get version(): number {
    return this.generation;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  *objects(): IterableIterator<ObjectSummary> {
    this.read(EVERYTHING);
    for (const list of this.files.values()) for (const object of list) if (!object.unparsed) yield object;
  }

  /**
   * Some document of the workspace that does not parse mentions `kind: <kind>` and `name: <name>`: it may define that
   * object. With `from` (the referrer's file), a template of its chart that did not render may define one of that kind
   * with any name (`name` undefined: of that kind, whatever its name).
   */
  unparsedMayDefine(kind: string, name: string | undefined, from?: string): boolean {
    this.read(UNPARSED);
    this.buildTables();
    return this.unparsedDocuments.some(({ unparsed }) => {
      const { kinds, names, chart } = unparsed!;
      if (chart !== undefined) return from !== undefined && isInside(from, chart) && (kinds.length === 0 || kinds.includes(kind));
      return name !== undefined && kinds.includes(kind) && names.includes(name);
    });
  }

  namespaceOf(object: { namespace: string | undefined }): string {
    return object.namespace ?? this.defaultNamespace;
  }

  /** Objects of a kind in a namespace (as written or defaulted). */
  ofKind(kind: string, namespace: string | undefined): readonly ObjectSummary[] {
    const ns = namespace ?? this.defaultNamespace;
    this.read(kindKey(kind, ns));
    this.buildTables();
    return this.byKindNamespace.get(`${kind}\u0000${ns}`) ?? [];
  }

  /**
   * Services of a namespace whose selector matches pod `labels`, in `ofKind` order. A selector matches only
   * labels that hold its first pair, so the Services are looked up by pair, not matched one by one (a
   * workspace of thousands of Deployments and Services matched every Service of the namespace per pod template).
   */
  servicesSelecting(namespace: string | undefined, labels: Labels): readonly ObjectSummary[] {
    const services = this.ofKind('Service', namespace);
    let table = this.selectorTables.get(services);
    if (!table) this.selectorTables.set(services, (table = selectorTable(services)));
    const candidates = new Set(table.always);
    for (const [key, value] of Object.entries(labels)) for (const service of table.byFirstPair.get(`${key}=${value}`) ?? []) candidates.add(service);
    if (candidates.size === 0) return [];
    return services.filter((service) => candidates.has(service) && matches(service.selector!, labels));
  }

  /** Objects of a kind in every namespace. */
  ofKindEverywhere(kind: string): readonly ObjectSummary[] {
    this.read(kindEverywhereKey(kind));
    this.buildTables();
    return this.byKind.get(kind) ?? [];
  }

  /** Objects of a kind with this name, in every namespace (a name lookup, for references by name). */
  named(kind: string, name: string): readonly ObjectSummary[] {
    this.read(kindEverywhereKey(kind));
    this.buildTables();
    return this.byKindName.get(`${kind}\u0000${name}`) ?? [];
  }

  /** Some object of the kind has a name (or namespace) that cannot be read: a reference by name may be to it. */
  hasUnknownNames(kind: string): boolean {
    this.read(kindEverywhereKey(kind));
    this.buildTables();
    return this.kindsWithUnknownNames.has(kind);
  }

  /**
   * Objects with a pod template whose labels include `key: value`, in a namespace (as written or defaulted) or,
   * with `ALL_NAMESPACES`, in every one (a read of everything). For selectors: no scan of the namespace.
   */
  podOwnersLabelled(namespace: string | undefined, key: string, value: string): readonly ObjectSummary[] {
    const ns = this.podOwnerScope(namespace);
    return this.podOwnersByLabel.get(`${ns}\u0000${key}=${value}`) ?? [];
  }

  /** Objects with a pod template of the namespace (or of every one) whose labels are templated: what a selector matches is unknown. */
  templatedPodOwnersIn(namespace: string | undefined): readonly ObjectSummary[] {
    const scope = this.podOwnerScope(namespace); // first: it may rebuild the tables
    return this.templatedPodOwners.get(scope) ?? [];
  }

  private podOwnerScope(namespace: string | undefined): string {
    if (namespace === ALL_NAMESPACES) this.read(EVERYTHING);
    else this.read(namespaceKey(namespace ?? this.defaultNamespace));
    this.buildPodTables();
    return namespace === ALL_NAMESPACES ? ALL_NAMESPACES : (namespace ?? this.defaultNamespace);
  }

  /** Every object of a namespace (as written or defaulted). */
  inNamespace(namespace: string | undefined): readonly ObjectSummary[] {
    const ns = namespace ?? this.defaultNamespace;
    this.read(namespaceKey(ns));
    this.buildTables();
    return this.byNamespace.get(ns) ?? [];
  }

  private buildTables(): void {
    if (this.tablesGeneration === this.generation) return;
    this.byKindNamespace = new Map();
    this.byNamespace = new Map();
    this.byKind = new Map();
    this.byKindName = new Map();
    this.kindsWithUnknownNames = new Set();
    this.unparsedDocuments = [];
    // Not this.objects(): building the tables is not a read of everything.
    for (const object of [...this.files.values()].flat()) {
      if (object.unparsed) {
        this.unparsedDocuments.push(object);
        continue;
      }
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
      if (object.name !== undefined) pushTo(this.byKindName, `${object.kind}\u0000${object.name}`, object);
      if (object.name === undefined || isTemplated(object.name) || (object.namespace !== undefined && isTemplated(object.namespace)))
        this.kindsWithUnknownNames.add(object.kind);
    }
    this.tablesGeneration = this.generation;
  }

  private buildPodTables(): void {
    if (this.podTablesGeneration === this.generation) return;
    this.podOwnersByLabel = new Map();
    this.templatedPodOwners = new Map();
    for (const object of [...this.files.values()].flat()) {
      if (!object.podLabels) continue;
      const ns = this.namespaceOf(object);
      const entries = Object.entries(object.podLabels);
      if (entries.some(([k, v]) => isTemplated(k) || isTemplated(v))) for (const scope of [ns, ALL_NAMESPACES]) pushTo(this.templatedPodOwners, scope, object);
      for (const [k, v] of entries) for (const scope of [ns, ALL_NAMESPACES]) pushTo(this.podOwnersByLabel, `${scope}\u0000${k}=${v}`, object);
    }
    this.podTablesGeneration = this.generation;
  }
}

interface SelectorTable {
  /** Selectors without a first pair (expressions only): every lookup tries them. */
  always: ObjectSummary[];
  byFirstPair: Map<string, ObjectSummary[]>;
}

function selectorTable(objects: readonly ObjectSummary[]): SelectorTable {
  const table: SelectorTable = { always: [], byFirstPair: new Map() };
  for (const object of objects) {
    if (!object.selector) continue;
    const first = Object.entries(object.selector.matchLabels)[0];
    if (!first) {
      table.always.push(object);
      continue;
    }
    const key = `${first[0]}=${first[1]}`;
    const list = table.byFirstPair.get(key);
    if (list) list.push(object);
    else table.byFirstPair.set(key, [object]);
  }
  return table;
}

function pushTo(map: Map<string, ObjectSummary[]>, key: string, object: ObjectSummary): void {
  const list = map.get(key);
  if (list) list.push(object);
  else map.set(key, [object]);
}

/**
 * Whether `path` is near the file `to`: under that file's folder's parent (`k8s/app/` and `k8s/db/` are; independent
 * examples side by side, `examples/a/rendered/` and `examples/b/rendered/`, are not one deployment).
 */
export function isNear(path: string, to: string): boolean {
  return isInside(path, dirnameOf(dirnameOf(to)));
}
