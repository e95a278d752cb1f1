import { isMap, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import {
  candidates,
  createdAtRunTime,
  customResourcesIn,
  anyFromHelmChart,
  partOfLargerWhole,
  visibleOfKind,
  isClusterProvided,
  isSystemNamespace,
  managesKind,
  operatorNamed,
} from '../../k8s/references';
import { spanOfNode } from '../../k8s/rule-toolkit';
import type { ObjectSummary, WorkspaceIndex } from '../../k8s/workspace-index';
import { templatedNamespace } from '../../k8s/workload-targets';
import { boolOf, mapAt, scalarAt, seqAt } from '../../yaml/nodes';
import { containsTemplate } from '../../yaml/templates';
import { escapeRegExp } from '../../text';
import { objectLabel } from '../../k8s/model';

type RefKind = 'ServiceAccount' | 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

interface Reference {
  kind: RefKind;
  name: string;
  node: Scalar;
  /** How the pod uses it, for the message. */
  use: string;
}

/** The API resource Roles grant `create` on, per kind. */
const RESOURCE: Record<RefKind, string> = {
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

export const missingReference: K8sRule = {
  meta: {
    id: 'k8s/missing-reference',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A pod template references a ServiceAccount, ConfigMap, Secret or PersistentVolumeClaim that the workspace does not define.',
    rationale:
      'A pod whose ServiceAccount does not exist is refused at creation; one whose volume or `envFrom` names a ' +
      'missing ConfigMap, Secret or claim stays in ContainerCreating, CreateContainerConfigError or Pending. The ' +
      'API accepts the workload, so the error surfaces only at rollout. Seeds 003 and 004 wire pods to ConfigMaps ' +
      '(`configMapKeyRef: {name: mysql-env}`) and a dedicated ServiceAccount (`my-app-sa`) by name alone.',
    seeds: ['003', '004'],
    fixable: false,
    category: 'availability',
    aliases: { kubeLinter: ['non-existent-service-account'], kubescape: ['C-0307'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index, workload } = context;
    if (!workload || templatedNamespace(object.namespace) || isSystemNamespace(object.namespace)) return;
    const seen = new Set<string>();
    let partial: boolean | undefined;
    for (const ref of referencesOf(workload.podSpec, context.text)) {
      const key = `${ref.kind}\u0000${ref.name}`;
      if (seen.has(key) || isClusterProvided(ref.kind, ref.name)) continue;
      seen.add(key);
      if (!dangling(index, object.namespace, ref, object.kind === 'StatefulSet' ? object.name : undefined, context.path)) continue;
      if ((partial ??= partOfLargerWhole(context))) return;
      if (anyFromHelmChart(context, visibleOfKind(index, ref.kind, object.namespace))) continue;
      const ns = object.namespace ?? index.defaultNamespace;
      report({
        ...spanOfNode(ref.node),
        message: `${objectLabel(object)} ${ref.use} ${ref.kind} "${ref.name}", which is not in namespace "${ns}" of the workspace: its pods will not start.`,
      });
    }
  },
};

function dangling(index: WorkspaceIndex, namespace: string | undefined, ref: Reference, statefulSet: string | undefined, path: string): boolean {
  // Only where the workspace manages objects of that kind in the namespace, near this file: otherwise they are made elsewhere.
  if (!managesKind(index, ref.kind, namespace, path)) return false;
  if (candidates(index, ref.kind, namespace, ref.name).length > 0) return false;
  // A document with a YAML error may define it: the parse-error finding there is the one to act on.
  if (index.unparsedMayDefine(ref.kind, ref.name)) return false;
  if (operatorNamed(index, namespace, ref.name) || createdAtRunTime(index, namespace, RESOURCE[ref.kind])) return false;
  // Operators (cert-manager, external-secrets, sealed-secrets…) write Secrets under names their resources choose.
  if (ref.kind === 'Secret' && customResourcesIn(index, namespace).length > 0) return false;
  // Issued at run time under a name an object of the namespace writes: an Ingress's TLS Secret (cert-manager's
  // ingress-shim), a Service's serving certificate (OpenShift's service-ca operator).
  if (ref.kind === 'Secret' && issuers(index, namespace).some((o) => o.issuedSecrets?.includes(ref.name))) return false;
  if (ref.kind === 'PersistentVolumeClaim' && claimedByStatefulSet(index, namespace, ref.name, statefulSet)) return false;
  return true;
}

/** The Ingresses and Services a reference from `namespace` may see (as `candidates`: that namespace, or none written). */
function issuers(index: WorkspaceIndex, namespace: string | undefined): ObjectSummary[] {
  return ['Ingress', 'Service'].flatMap((kind) => visibleOfKind(index, kind, namespace));
}

/** A StatefulSet's volumeClaimTemplates create `<template>-<statefulset>-<ordinal>`. */
function claimedByStatefulSet(index: WorkspaceIndex, namespace: string | undefined, claim: string, own: string | undefined): boolean {
  const sets =
    namespace === undefined
      ? index.ofKindEverywhere('StatefulSet')
      : index.ofKindEverywhere('StatefulSet').filter((s) => s.namespace === undefined || index.namespaceOf(s) === namespace);
  return sets.some((set) =>
    (set.claimTemplates ?? []).some(
      (t) => (claim === t && set.name === own) || (set.name !== undefined && new RegExp(`^${escapeRegExp(t)}-${escapeRegExp(set.name)}-\\d+$`).test(claim)),
    ),
  );
}

function referencesOf(podSpec: YAMLMap, text: string): Reference[] {
  const out: Reference[] = [];
  const add = (kind: RefKind, map: YAMLMap | undefined, key: string, use: string, optionalIn: YAMLMap | undefined = map) => {
    const node = scalarAt(map, key);
    if (!node || typeof node.value !== 'string' || node.value === '' || containsTemplate(text, node)) return;
    if (optionalIn && boolOf(scalarAt(optionalIn, 'optional')) === true) return;
    if (optionalIn && containsTemplate(text, scalarAt(optionalIn, 'optional'))) return;
    out.push({ kind, name: node.value, node, use });
  };
  // Kubernetes reads the deprecated serviceAccount only when serviceAccountName is empty.
  const saName = scalarAt(podSpec, 'serviceAccountName');
  if (saName && typeof saName.value === 'string' && saName.value !== '') add('ServiceAccount', podSpec, 'serviceAccountName', 'runs as', undefined);
  else add('ServiceAccount', podSpec, 'serviceAccount', 'runs as', undefined);
  for (const volume of seqAt(podSpec, 'volumes')?.items ?? []) {
    if (!isMap(volume)) continue;
    add('ConfigMap', mapAt(volume, 'configMap'), 'name', 'mounts');
    add('Secret', mapAt(volume, 'secret'), 'secretName', 'mounts');
    add('PersistentVolumeClaim', mapAt(volume, 'persistentVolumeClaim'), 'claimName', 'mounts', undefined);
    for (const source of seqAt(volume, 'projected', 'sources')?.items ?? []) {
      if (!isMap(source)) continue;
      add('ConfigMap', mapAt(source, 'configMap'), 'name', 'mounts');
      add('Secret', mapAt(source, 'secret'), 'name', 'mounts');
    }
  }
  for (const list of ['initContainers', 'containers']) {
    const containers = seqAt(podSpec, list);
    for (const container of isSeq(containers) ? containers.items : []) {
      if (!isMap(container)) continue;
      for (const from of seqAt(container, 'envFrom')?.items ?? []) {
        if (!isMap(from)) continue;
        add('ConfigMap', mapAt(from, 'configMapRef'), 'name', 'reads the environment from');
        add('Secret', mapAt(from, 'secretRef'), 'name', 'reads the environment from');
      }
      for (const env of seqAt(container, 'env')?.items ?? []) {
        if (!isMap(env)) continue;
        add('ConfigMap', mapAt(env, 'valueFrom', 'configMapKeyRef'), 'name', 'reads a variable from');
        add('Secret', mapAt(env, 'valueFrom', 'secretKeyRef'), 'name', 'reads a variable from');
      }
    }
  }
  return out;
}
