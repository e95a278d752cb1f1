// RBAC objects read with the API's semantics (rbac.authorization.k8s.io/v1): a Role/ClusterRole rule
// grants every verb × resource × apiGroup it lists, `*` matches everything, and `resourceNames` narrows the
// requests that carry a name (get/update/patch/delete, and list/watch with a `metadata.name` field selector); a
// request without one (create, deletecollection, a plain list/watch) matches only an empty name. Bindings name a
// role and subjects.
import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import { seqAt, stringAt, valueOf } from '../yaml/nodes';
import type { K8sObject } from './model';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  node: YAMLMap;
  /** Each list's entries as written, with their nodes (for pointing at one). */
  apiGroups: Array<{ value: string; node: Scalar }>;
  resources: Array<{ value: string; node: Scalar }>;
  verbs: Array<{ value: string; node: Scalar }>;
  /** Non-empty: the rule is limited to these objects (for the verbs that name one). */
  resourceNames: string[];
}

export function isRole(object: K8sObject): boolean {
  return (object.kind === 'Role' || object.kind === 'ClusterRole') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

export function isBinding(object: K8sObject): boolean {
  return (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && object.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

function entries(rule: YAMLMap, key: string): Array<{ value: string; node: Scalar }> {
  return (seqAt(rule, key)?.items ?? []).flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [{ value: item.value, node: item }] : []));
}

export function policyRules(object: K8sObject): PolicyRule[] {
  if (!isRole(object)) return [];
  return (seqAt(object.root, 'rules')?.items ?? []).flatMap((item) => {
    if (!isMap(item)) return [];
    return [
      {
        node: item,
        apiGroups: entries(item, 'apiGroups'),
        resources: entries(item, 'resources'),
        verbs: entries(item, 'verbs'),
        resourceNames: entries(item, 'resourceNames').map((e) => e.value),
      },
    ];
  });
}

/** The rule covers the API group (`""` is the core group). */
export function coversGroup(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || g.value === group);
}

// The entries of `resources` that cover `resource`: `pods/exec` is covered by itself, `pods/(star)`, `(star)` and `(star)/exec`.
export function resourceEntries(rule: PolicyRule, resource: string): PolicyRule['resources'] {
  const [main, sub] = resource.split('/');
  return rule.resources.filter((r) => {
    if (r.value === '*' || r.value === resource) return true;
    const [rMain, rSub] = r.value.split('/');
    return sub !== undefined && rSub !== undefined && (rMain === main || rMain === '*') && (rSub === sub || rSub === '*');
  });
}

/** The entries of `verbs` among `wanted` (or `*`). */
export function verbEntries(rule: PolicyRule, wanted: readonly string[]): PolicyRule['verbs'] {
  return rule.verbs.filter((v) => v.value === '*' || wanted.includes(v.value));
}

/** The verbs of every object's whole life: a role that grants them on every resource of every group is cluster-admin in all but name. */
const EVERY_OBJECT_VERB = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** A rule of the role grants every object verb (or `*`) on every resource (`*`) of every API group (`*`). */
export function grantsEverything(object: K8sObject): boolean {
  return policyRules(object).some(
    (rule) =>
      rule.apiGroups.some((g) => g.value === '*') &&
      rule.resources.some((r) => r.value === '*') &&
      rule.resourceNames.length === 0 &&
      EVERY_OBJECT_VERB.every((verb) => verbEntries(rule, [verb]).length > 0),
  );
}

export interface Subject {
  kind: string;
  name: string;
  namespace: string | undefined;
  node: YAMLMap;
}

export function subjectsOf(object: K8sObject): Subject[] {
  if (!isBinding(object)) return [];
  return (seqAt(object.root, 'subjects')?.items ?? []).flatMap((item) => {
    if (!isMap(item)) return [];
    const kind = stringAt(item, 'kind');
    const name = stringAt(item, 'name');
    return kind && name ? [{ kind, name, namespace: stringAt(item, 'namespace'), node: item }] : [];
  });
}

export function roleRefOf(object: K8sObject): { kind: string; name: string; node: YAMLMap } | undefined {
  if (!isBinding(object)) return undefined;
  const node = valueOf(object.root, 'roleRef');
  if (!isMap(node)) return undefined;
  const kind = stringAt(node, 'kind');
  const name = stringAt(node, 'name');
  return kind && name ? { kind, name, node } : undefined;
}
