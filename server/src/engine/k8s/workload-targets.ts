// Lookups shared by the availability rules: which HPA scales a workload, which PDBs cover it, how many
// pods it is expected to run, and the disruption controller's arithmetic for a PDB.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { K8sContext } from './context';
import { podTemplateLabels } from './model';
import { isEmptySelector, matches, type LabelSelector, type Labels } from './selectors';
import { isNear, type ObjectSummary, type WorkspaceIndex } from './workspace-index';
import type { OffsetEdit } from '../types';
import { mapAt, pairOf, scalarAt } from '../yaml/nodes';
import { renderPair, type YamlValue } from '../yaml/render';
import { containsTemplate, isTemplated } from '../yaml/templates';
import { columnOf } from '../yaml/style';
import { spanOfNode } from './rule-toolkit';

/** Kinds the availability rules judge by replica count (the catalog: Deployment and StatefulSet). */
// Argo Rollouts, OpenKruise CloneSets and OpenShift DeploymentConfigs replace Deployments: the same availability rules apply.
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout', 'CloneSet', 'DeploymentConfig']);
/**
 * Kinds whose replica count the disruption controller counts (`getExpectedPodCount`): the built-ins it finds by
 * controller reference, and those whose pods it reaches through what they create — a Rollout's ReplicaSets (not a
 * Deployment's, so counted on their own), a DeploymentConfig's ReplicationControllers, a CloneSet's scale subresource.
 */
export const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout', 'CloneSet', 'DeploymentConfig']);
/**
 * Kinds with a `spec.replicas` an HPA can own through their scale subresource: the built-ins, OpenShift's
 * DeploymentConfig, Argo Rollouts and OpenKruise CloneSets (OpenKruise's Advanced StatefulSet is a `StatefulSet`).
 */
export const HPA_SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout', 'CloneSet']);
/** Kinds that create pods (for "does anything match this selector"). */
export const POD_OWNER_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Rollout',
  'CloneSet',
  'DeploymentConfig',
]);

export interface ObjectRef {
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
}

/** A namespace written as a template expression: which objects share it is unknown, so cross-object rules stay silent. */
export function templatedNamespace(namespace: string | undefined): boolean {
  return namespace !== undefined && isTemplated(namespace);
}

/**
 * The objects of `kind` whose `scaleTargetRef` names this object, in its namespace. When other files of the workspace
 * hold the same object (kind, name, namespace: opentelemetry-collector's `examples/<name>/rendered/`, each a separate
 * install), only those near `path` (the object's file): an HPA of one example scales nothing of another.
 */
function scalersOf(index: WorkspaceIndex, kind: string, ref: ObjectRef, path: string | undefined): ObjectSummary[] {
  if (!ref.name) return [];
  const scalers = index.ofKind(kind, ref.namespace).filter((s) => s.scaleTarget?.kind === ref.kind && s.scaleTarget.name === ref.name);
  if (path === undefined || scalers.length === 0) return scalers;
  const copied = index.ofKind(ref.kind, ref.namespace).some((o) => o.name === ref.name && o.path !== path);
  return copied ? scalers.filter((s) => isNear(s.path, path)) : scalers;
}

/** The HPA (if any) whose `scaleTargetRef` names this object (in the file `path`), in its namespace. */
export function hpaFor(index: WorkspaceIndex, ref: ObjectRef, path?: string): ObjectSummary | undefined {
  return scalersOf(index, 'HorizontalPodAutoscaler', ref, path)[0];
}

/**
 * What owns this object's replica count: an HPA, else a KEDA ScaledObject (KEDA creates and drives an HPA for it).
 * Only for rules about who owns `spec.replicas`: a ScaledObject's floor is not an HPA's (`minReplicaCount` defaults to 0).
 */
export function autoscalerFor(index: WorkspaceIndex, ref: ObjectRef, path?: string): ObjectSummary | undefined {
  return hpaFor(index, ref, path) ?? scalersOf(index, 'ScaledObject', ref, path)[0];
}

/**
 * The Argo Rollout that runs this Deployment's pod template (`workloadRef`, in any file of the namespace):
 * Argo scales the Deployment down, so its own replicas, PDB and spread are not what runs.
 */
export function rolloutFor(index: WorkspaceIndex, ref: ObjectRef): ObjectSummary | undefined {
  if (!ref.name || ref.kind !== 'Deployment') return undefined;
  return index.ofKind('Rollout', ref.namespace).find((r) => r.workloadRef?.kind === ref.kind && r.workloadRef.name === ref.name);
}

export type ReplicaSource = 'replicas' | 'default' | 'hpa';

export interface ExpectedScale {
  /** Pods the workload runs at its floor: the HPA's minReplicas (default 1), else spec.replicas (default 1). */
  count: number;
  source: ReplicaSource;
}

/**
 * The replica count a workload is judged by. Undefined when it cannot be known statically (a templated or
 * non-numeric `replicas`/`minReplicas`).
 */
export function expectedScale(index: WorkspaceIndex, summary: Pick<ObjectSummary, 'kind' | 'name' | 'namespace' | 'replicas'>): ExpectedScale | undefined {
  const hpa = hpaFor(index, summary);
  if (hpa) {
    if (hpa.minReplicas === undefined) return undefined;
    return { count: hpa.minReplicas ?? 1, source: 'hpa' };
  }
  if (summary.replicas === undefined) return undefined;
  // DeploymentConfigSpec.replicas is a plain int32 with no default: absent is 0 pods, not 1; say nothing.
  if (summary.replicas === null && summary.kind === 'DeploymentConfig') return undefined;
  return summary.replicas === null ? { count: 1, source: 'default' } : { count: summary.replicas, source: 'replicas' };
}

/** `spec.replicas` of the current object: null when absent, undefined when not a plain number. */
export function replicasOf(root: YAMLMap): number | null | undefined {
  const pair = pairOf(mapAt(root, 'spec'), 'replicas');
  if (!pair || pair.value === null || pair.value === undefined) return null;
  const node = pair.value as Node;
  if (isScalar(node) && node.value === null) return null;
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

/** A PDB selects pods with these labels. policy/v1beta1: an empty selector selects nothing; policy/v1: everything. */
export function pdbSelects(pdb: Pick<ObjectSummary, 'apiVersion' | 'selector'>, selector: LabelSelector, labels: Labels): boolean {
  if (isEmptySelector(selector) && pdb.apiVersion === 'policy/v1beta1') return false;
  return matches(selector, labels);
}

/** A selector with template text (`"{{ .Values.app }}"`): what it selects is unknown. */
export function isTemplatedSelector(selector: LabelSelector): boolean {
  const texts = [...Object.keys(selector.matchLabels), ...Object.values(selector.matchLabels)];
  for (const e of selector.matchExpressions) texts.push(e.key, ...e.values);
  return texts.some(isTemplated);
}

/** PDBs of the namespace that cover these pod labels; `unknown` when some PDB's selector cannot be read. */
export function pdbsCovering(index: WorkspaceIndex, namespace: string | undefined, labels: Labels): { covering: ObjectSummary[]; unknown: boolean } {
  const covering: ObjectSummary[] = [];
  let unknown = false;
  for (const object of index.ofKindEverywhere('PodDisruptionBudget')) {
    if (templatedNamespace(object.namespace)) unknown = true;
  }
  for (const pdb of index.ofKind('PodDisruptionBudget', namespace)) {
    if (!pdb.selector || isTemplatedSelector(pdb.selector)) unknown = true;
    else if (pdbSelects(pdb, pdb.selector, labels)) covering.push(pdb);
  }
  return { covering, unknown };
}

/** Workloads of the namespace whose pod template labels the selector matches. */
export function workloadsSelectedBy(
  index: WorkspaceIndex,
  namespace: string | undefined,
  selector: LabelSelector,
  kinds: Set<string> = POD_OWNER_KINDS,
): ObjectSummary[] {
  const out: ObjectSummary[] = [];
  for (const object of index.inNamespace(namespace)) {
    if (!kinds.has(object.kind) || !object.podLabels) continue;
    if (matches(selector, object.podLabels)) out.push(object);
  }
  return out;
}

/**
 * Label keys that no manifest writes: operators put them on the pods they create, and Kubernetes' controllers on
 * theirs with values made at run time (a StatefulSet pod's name and index, a Deployment's pod-template-hash, a Job's
 * controller-uid and completion index). A selector with one of them selects what only the cluster knows.
 */
const OPERATOR_LABEL_KEYS =
  /^(app\.kubernetes\.io\/managed-by|operator\.[\w.-]+\/[\w.-]+|[\w.-]*operator[\w.-]*\/[\w.-]+|statefulset\.kubernetes\.io\/pod-name|apps\.kubernetes\.io\/pod-index|pod-template-hash|controller-revision-hash|pod-template-generation|(batch\.kubernetes\.io\/)?controller-uid|batch\.kubernetes\.io\/job-completion-index)$/;

/**
 * Pods made by an operator from a custom resource: the selector carries operator labels, or names (as
 * `app.kubernetes.io/instance` or `name`) a custom resource of the namespace, e.g. kube-prometheus's PDB of
 * the pods of `Alertmanager "main"`.
 */
export function operatorManaged(index: WorkspaceIndex, namespace: string | undefined, labels: Labels): boolean {
  if (Object.keys(labels).some((key) => OPERATOR_LABEL_KEYS.test(key))) return true;
  const names = new Set(['app.kubernetes.io/instance', 'app.kubernetes.io/name', 'name'].map((key) => labels[key]).filter(Boolean));
  return index.inNamespace(namespace).some((o) => isCustomResource(o.apiVersion) && o.name !== undefined && names.has(o.name));
}

/** An API group with a dot that is not Kubernetes' own (`monitoring.coreos.com/v1`, not `rbac.authorization.k8s.io/v1`). */
export function isCustomResource(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group.includes('.') && !/(^|\.)k8s\.io$/.test(group) && !/(^|\.)openshift\.io$/.test(group);
}

export function hasWorkloadIn(index: WorkspaceIndex, namespace: string | undefined): boolean {
  for (const object of index.inNamespace(namespace)) if (POD_OWNER_KINDS.has(object.kind)) return true;
  return false;
}

// ---- disruption controller arithmetic ---------------------------------------------------------------

/** An IntOrString as Kubernetes reads it: a non-negative integer, or `N%`. */
export type IntOrPercent = { type: 'int'; value: number } | { type: 'percent'; value: number };

export function readIntOrPercent(node: unknown): IntOrPercent | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0) return { type: 'int', value: node.value };
  if (typeof node.value === 'string') {
    const match = /^(\d+)%$/.exec(node.value.trim());
    if (match) return { type: 'percent', value: Number(match[1]) };
  }
  return undefined;
}

export function formatIntOrPercent(v: IntOrPercent): string {
  return v.type === 'percent' ? `${v.value}%` : String(v.value);
}

/**
 * `intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true)`: an integer as is, a percentage as
 * ceil(pct × total / 100). The disruption controller rounds up for both minAvailable and maxUnavailable.
 */
export function scaledValue(v: IntOrPercent, total: number): number {
  return v.type === 'int' ? v.value : Math.ceil((v.value * total) / 100);
}

export interface Budget {
  expected: number;
  /** Pods that must stay healthy (the controller's desiredHealthy). */
  desiredHealthy: number;
  /** Voluntary disruptions allowed when every expected pod is healthy. */
  allowed: number;
  /** How the numbers were obtained, for messages and docs. */
  explanation: string;
}

/** `getExpectedPodCount` + `disruptionsAllowed = currentHealthy - desiredHealthy` with every pod healthy. */
export function disruptionBudget(field: 'minAvailable' | 'maxUnavailable', value: IntOrPercent, expected: number): Budget {
  const scaled = scaledValue(value, expected);
  const raw = `${value.value} × ${expected} / 100 = ${Number(((value.value * expected) / 100).toFixed(2))}`;
  if (field === 'maxUnavailable') {
    const desiredHealthy = Math.max(0, expected - scaled);
    const how = value.type === 'percent' ? `maxUnavailable ${value.value}% of ${expected} rounds up to ${scaled} (${raw})` : `maxUnavailable ${value.value}`;
    return { expected, desiredHealthy, allowed: Math.max(0, expected - desiredHealthy), explanation: how };
  }
  const how =
    value.type === 'percent'
      ? `minAvailable ${value.value}% of ${expected} rounds up to ${scaled} (ceil of ${raw})`
      : `minAvailable ${value.value} of ${expected}`;
  return { expected, desiredHealthy: scaled, allowed: Math.max(0, expected - scaled), explanation: how };
}

// ---- locations and edits ----------------------------------------------------------------------------

/** Where object-level findings point: the `metadata.name` value, else the `kind` value. */
export function spanOfObject(context: K8sContext): { start: number; end: number } {
  const root = context.object.root;
  const name = scalarAt(root, 'metadata', 'name') ?? scalarAt(root, 'kind');
  return name ? spanOfNode(name) : spanOfNode(root);
}

/** Offset just after the last character of a node's own content (no trailing blank lines or comments). */
export function contentEnd(text: string, node: Node): number {
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    const value = last.value as Node | null;
    if (value && value.range && value.range[1] > value.range[0]) return contentEnd(text, value);
    const key = last.key as Node;
    const colon = text.indexOf(':', key.range?.[1] ?? 0);
    return colon === -1 ? (key.range?.[1] ?? 0) : colon + 1;
  }
  if (isSeq(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as Node | null;
    if (last?.range) return contentEnd(text, last);
  }
  const [start, end] = node.range ?? [0, 0];
  let at = end;
  while (at > start && /\s/.test(text[at - 1])) at--;
  return at;
}

/**
 * Replaces the value of `map[key]` (a block or flow collection) with `value`, rendered in block style at the
 * key's column. Comments inside the replaced text are kept, on their own lines after it.
 */
export function replacePairValue(context: K8sContext, map: YAMLMap, key: string, value: YamlValue): OffsetEdit[] | undefined {
  const pair = pairOf(map, key);
  const valueNode = pair?.value as Node | null | undefined;
  if (!pair?.key.range || !valueNode?.range || map.flow) return undefined;
  const text = context.text;
  const start = pair.key.range[0];
  const end = contentEnd(text, valueNode);
  const column = columnOf(text, start);
  const style = context.editor.style;
  const comments = text
    .slice(start, end)
    .split(/\r?\n/)
    .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1]?.trimEnd())
    .filter((c): c is string => !!c);
  const rendered = renderPair(key, value, column, style) + comments.map((c) => style.eol + ' '.repeat(column) + c).join('');
  return [{ start, end, newText: rendered }];
}

/** Pod template labels of the current workload; undefined when unreadable or templated. */
export function podLabelsOf(context: K8sContext): Labels | undefined {
  const workload = context.workload;
  if (!workload) return undefined;
  if (containsTemplate(context.text, mapAt(workload.template, 'metadata', 'labels'))) return undefined;
  return podTemplateLabels(workload);
}

export function labelsText(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
