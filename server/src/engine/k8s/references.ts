// Cross-file references by name (a Service an Ingress routes to, a ConfigMap a pod mounts, the pods a Service
// selects), and when the workspace is complete enough to say one points nowhere. The trust rule: a target is
// "missing" only when the workspace manages objects of that kind in that namespace, none of them has a
// templated name, and nothing in the namespace (an operator's custom resource, a Role allowed to create them)
// may create it at run time. Anything else (a partial repo, a chart, a file opened alone) says nothing.
import type { K8sContext } from './context';
import { findChartRoot } from '../helm/chart';
import { isComponentFile } from '../kustomize/model';
import { matches, type LabelSelector } from './selectors';
import { isCustomResource } from './workload-targets';
import { ALL_NAMESPACES, isNear, type ObjectSummary, type WorkspaceIndex } from './workspace-index';
import { isTemplated } from '../yaml/templates';

/** Namespaces whose objects the cluster itself provides (and whose workloads reference them). */
export function isSystemNamespace(namespace: string | undefined): boolean {
  return namespace !== undefined && /^(kube-system|kube-public|kube-node-lease)$/.test(namespace);
}

/** Objects every namespace has without any manifest (by kind). */
const CLUSTER_PROVIDED: Record<string, ReadonlySet<string>> = {
  ServiceAccount: new Set(['default']),
  // root-ca-cert-publisher; OpenShift's service CA bundle; Istio's root certificate, in every namespace.
  ConfigMap: new Set(['kube-root-ca.crt', 'openshift-service-ca.crt', 'istio-ca-root-cert']),
};

export function isClusterProvided(kind: string, name: string): boolean {
  return CLUSTER_PROVIDED[kind]?.has(name) ?? false;
}

/**
 * Objects of a kind a reference from `namespace` may resolve to: those of that namespace, and those written
 * without a namespace (applied with `-n`, they land wherever the referrer does). A referrer without a
 * namespace may be applied anywhere: every namespace counts.
 */
export function candidates(index: WorkspaceIndex, kind: string, namespace: string | undefined, name: string): ObjectSummary[] {
  return index.named(kind, name).filter((o) => namespace === undefined || o.namespace === undefined || index.namespaceOf(o) === namespace);
}

/**
 * The workspace manages objects of this kind in the namespace (some are there, with readable names and
 * namespaces), so a name none of them has is a dangling reference rather than something defined elsewhere. With
 * `near` (a file), only those under its folder's parent count: a repository of independent examples, all in `default`
 * (kubernetes/examples), has Secrets in some, and the others' READMEs say `kubectl create secret`.
 */
export function managesKind(index: WorkspaceIndex, kind: string, namespace: string | undefined, near?: string): boolean {
  if (templatedName(namespace)) return false;
  // A name the summary could not read (templated: `stringAt` drops it) may be the one referenced.
  if (index.hasUnknownNames(kind)) return false;
  if (near === undefined) return index.ofKind(kind, namespace).length > 0;
  return index.ofKind(kind, namespace).some((o) => isNear(o.path, near));
}

function templatedName(name: string | undefined): boolean {
  return name !== undefined && isTemplated(name);
}

/** A custom resource of the namespace (an operator's input) whose name is part of `name`: `prometheus-k8s` for `Prometheus "k8s"`. */
export function operatorNamed(index: WorkspaceIndex, namespace: string | undefined, name: string): boolean {
  return customResourcesIn(index, namespace).some((o) => o.name !== undefined && o.name.length > 0 && name.includes(o.name)) || /-operated$/.test(name);
}

/**
 * The selector names what an operator makes from a custom resource of the namespace: a label value equal to the
 * resource's name (Strimzi's `strimzi.io/cluster: my-cluster`, CloudNativePG's `cnpg.io/cluster: pg`) or to its kind in
 * lower case (prometheus-operator's `app.kubernetes.io/name: prometheus`), or a label key in the resource's API group
 * (`strimzi.io/…` for `kafka.strimzi.io`). Complements `operatorManaged`.
 */
export function selectsOperatorPods(index: WorkspaceIndex, namespace: string | undefined, selector: LabelSelector): boolean {
  const resources = customResourcesIn(index, namespace);
  if (resources.length === 0) return false;
  const values = new Set([...Object.values(selector.matchLabels), ...selector.matchExpressions.flatMap((e) => e.values)]);
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  const domains = keys.flatMap((k) => (k.includes('/') ? [k.slice(0, k.indexOf('/'))] : []));
  return resources.some((r) => {
    if (r.name !== undefined && values.has(r.name)) return true;
    // The operator names its pods' app after the kind: prometheus-operator's `app.kubernetes.io/name: prometheus`.
    if (values.has(r.kind.toLowerCase())) return true;
    const group = r.apiVersion.split('/')[0];
    return domains.some((d) => group === d || group.endsWith(`.${d}`));
  });
}

export function customResourcesIn(index: WorkspaceIndex, namespace: string | undefined): ObjectSummary[] {
  return index.inNamespace(namespace).filter((o) => isCustomResource(o.apiVersion));
}

/** A Role of the namespace, or any ClusterRole, may create this core resource: such objects can appear at run time. */
export function createdAtRunTime(index: WorkspaceIndex, namespace: string | undefined, resource: string): boolean {
  const creates = (o: ObjectSummary) => o.creates?.some((r) => r === resource || r === '*') ?? false;
  return index.ofKind('Role', namespace).some(creates) || index.ofKindEverywhere('ClusterRole').some(creates);
}

/**
 * Whether a selector from `namespace` selects some pod template it may reach (same rule as `candidates`);
 * `unknown` when a template's labels are templated. Uses the index's label table: no scan per selector.
 */
export function selectsPods(index: WorkspaceIndex, namespace: string | undefined, selector: LabelSelector): boolean | 'unknown' {
  // Where the pods may be: everywhere for a selector written without a namespace; else its namespace, and
  // the pods written without one (read from the default namespace's table).
  const scopes: Array<{ scope: string | undefined; keep: (o: ObjectSummary) => boolean }> =
    namespace === undefined
      ? [{ scope: ALL_NAMESPACES, keep: () => true }]
      : [
          { scope: namespace, keep: () => true },
          { scope: undefined, keep: (o) => o.namespace === undefined },
        ];
  let unknown = false;
  for (const { scope, keep } of scopes) {
    if (index.templatedPodOwnersIn(scope).some(keep)) unknown = true;
    const pair = Object.entries(selector.matchLabels)[0];
    const inExpression = selector.matchExpressions.find((e) => e.operator === 'In');
    let owners: readonly ObjectSummary[];
    if (pair) owners = index.podOwnersLabelled(scope, pair[0], pair[1]);
    else if (inExpression) owners = inExpression.values.flatMap((v) => index.podOwnersLabelled(scope, inExpression.key, v));
    else owners = scope === ALL_NAMESPACES ? [...index.objects()] : index.inNamespace(scope);
    if (owners.some((o) => o.podLabels !== undefined && keep(o) && matches(selector, o.podLabels))) return true;
  }
  return unknown ? 'unknown' : false;
}

/** Some object of the namespace (as written or defaulted) has a pod template. */
export function hasPodsIn(index: WorkspaceIndex, namespace: string | undefined): boolean {
  return index.inNamespace(namespace).some((o) => o.podLabels !== undefined);
}

/**
 * The object comes from a source that is only part of what gets applied: the build of a kustomize Component
 * no kustomization lists (its resources complement those of whoever lists it, which the build does not
 * have), or a Helm chart (rendered with its default values; users supply names such as `existingSecret`).
 * Reads the file system: rules call it only before reporting.
 */
export function partOfLargerWhole(context: K8sContext): boolean {
  const build = /^(.*)\/\.harden-kustomize-build\.yaml$/.exec(context.path);
  if (build && ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((file) => isComponentFile(context.fs, `${build[1]}/${file}`))) return true;
  return findChartRoot(context.fs, context.path) !== undefined;
}

/**
 * Some of these objects come from a Helm chart: the index holds them as rendered with the chart's default values
 * (or masked), so their names and labels are not what a release installs (`release-name-…`). A reference from
 * outside the chart that misses them proves nothing. Reads the file system: rules call it only before reporting.
 */
export function anyFromHelmChart(context: K8sContext, objects: Iterable<ObjectSummary>): boolean {
  const seen = new Map<string, boolean>();
  for (const object of objects) {
    const dir = object.path.slice(0, Math.max(0, object.path.lastIndexOf('/')));
    let inChart = seen.get(dir);
    if (inChart === undefined) seen.set(dir, (inChart = findChartRoot(context.fs, object.path) !== undefined));
    if (inChart) return true;
  }
  return false;
}

/** Objects with a pod template a selector from `namespace` may reach (see `selectsPods`); scans, so only before reporting. */
export function podOwnersVisibleFrom(index: WorkspaceIndex, namespace: string | undefined): ObjectSummary[] {
  const pool =
    namespace === undefined
      ? [...index.objects()]
      : [...index.inNamespace(namespace), ...index.inNamespace(undefined).filter((o) => o.namespace === undefined)];
  return pool.filter((o) => o.podLabels !== undefined);
}

/** Objects of a kind a reference from `namespace` may resolve to, whatever their name (see `candidates`). */
export function visibleOfKind(index: WorkspaceIndex, kind: string, namespace: string | undefined): ObjectSummary[] {
  return index.ofKindEverywhere(kind).filter((o) => namespace === undefined || o.namespace === undefined || index.namespaceOf(o) === namespace);
}
