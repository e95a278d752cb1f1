// Kustomize's legacy `vars:` (api/types/var.go, api/internal/accumulator/resaccumulator.go). A var names
// a field of one object (objref, fieldref.fieldPath, default metadata.name). Where the var is declared,
// after that kustomization's transformers, it marks the object it names (by any name the object had, so
// the raw name before namePrefix/nameSuffix works); the var then travels up with the kustomization's
// other vars. Only the top-level build reads the marked objects' fields, once names are final, and
// expands `$(NAME)` in the varReference fields (refvar.ts).
import type { FieldSpec } from './fieldspecs';
import { splitApiVersion } from './fieldspecs';
import { lookupFieldPath } from './fieldpath';
import { field, type Kustomization } from './model';
import { substituteVars, type VarValue } from './refvar';
import { allIds, apiVersionOf, idLabel, isClusterScopedKind, kindOf, sameNamespace, type Resource } from './resource';
import { isKMap, isKScalar, isKSeq, type KNode, type Origin } from './tree';

export interface Var {
  name: string;
  objRef: { group: string; version: string; kind: string; name: string; namespace: string };
  fieldPath: string;
  /** The var's entry in the kustomization that declares it. */
  origin: Origin;
}

export type VarReport = (origin: Origin, message: string) => void;

/** kustomize's DefaultReplacementFieldPath. */
const DEFAULT_FIELD_PATH = 'metadata.name';

// kustomize decodes the kustomization as JSON, whose field names match whatever their case.
function fieldAnyCase(map: KNode | undefined, key: string): KNode | undefined {
  if (!isKMap(map)) return undefined;
  return map.items.find((p) => p.key.toLowerCase() === key.toLowerCase())?.value;
}

function text(map: KNode | undefined, key: string): string {
  const value = fieldAnyCase(map, key);
  return isKScalar(value) && value.value !== null ? String(value.value) : '';
}

/** The `vars:` entries of a kustomization. */
export function readVars(k: Kustomization, report: VarReport): Var[] {
  const list = field(k.root, 'vars');
  if (!isKSeq(list)) return [];
  const out: Var[] = [];
  for (const item of list.items) {
    const origin = item.origin ?? { file: k.path, start: 0, end: 1 };
    const name = text(item, 'name');
    const objRef = fieldAnyCase(item, 'objref');
    if (!isKMap(item) || name === '' || !isKMap(objRef)) {
      report(origin, 'invalid var: a var needs "name" and "objref" (kind, name, apiVersion)');
      continue;
    }
    // Target.GVK(): apiVersion, when given, sets the group and version.
    let [group, version] = [text(objRef, 'group'), text(objRef, 'version')];
    const apiVersion = text(objRef, 'apiVersion');
    const parts = apiVersion === '' ? [] : apiVersion.split('/');
    if (parts.length === 2) [group, version] = parts;
    if (parts.length === 1) version = parts[0];
    out.push({
      name,
      objRef: { group, version, kind: text(objRef, 'kind'), name: text(objRef, 'name'), namespace: text(objRef, 'namespace') },
      fieldPath: text(fieldAnyCase(item, 'fieldref'), 'fieldPath') || DEFAULT_FIELD_PATH,
      origin: fieldAnyCase(item, 'name')?.origin ?? origin,
    });
  }
  return out;
}

/**
 * ResAccumulator.MergeVars: each declared var marks the one object its objref names, among the
 * accumulated ones, by any of their ids (same group, version, kind and name; the namespace too when the
 * objref gives one or the kind is cluster-scoped), then joins the set. Returns the set.
 */
export function declareVars(set: readonly Var[], declared: readonly Var[], resources: readonly Resource[], report: VarReport): Var[] {
  const out = [...set];
  for (const v of declared) {
    const known = out.find((k) => k.name === v.name);
    if (known) {
      report(v.origin, `var "${v.name}" is already declared (${where(known)}); kustomize refuses a var name twice`);
      continue;
    }
    const matched = resources.filter((r) => namedBy(v, r));
    if (matched.length > 1) {
      report(v.origin, `var "${v.name}" matches ${matched.length} objects (${matched.map(idLabel).join(', ')}); give its objref a namespace`);
      continue;
    }
    if (matched.length === 1) (matched[0].refVars ??= []).push(v.name);
    out.push(v);
  }
  return out;
}

/** VarSet.MergeSet, for a base's vars: any name already in the set is an error (kustomize gh-1600), reported where the base is included. */
export function mergeVarSets(set: readonly Var[], incoming: readonly Var[], at: Origin, report: VarReport): Var[] {
  const out = [...set];
  for (const v of incoming) {
    const known = out.find((k) => k.name === v.name);
    if (!known) {
      out.push(v);
      continue;
    }
    const twice = known.origin.file === v.origin.file ? `${where(v)} is included twice` : `${where(known)} and ${where(v)}`;
    report(at, `var "${v.name}" is declared twice (${twice}); kustomize refuses a var name twice`);
  }
  return out;
}

/** The file a var is declared in, for messages (its folder and name). */
const where = (v: Var) => v.origin.file.split('/').slice(-2).join('/');

function namedBy(v: Var, resource: Resource): boolean {
  const { group, version } = splitApiVersion(apiVersionOf(resource));
  if (group !== v.objRef.group || version !== v.objRef.version) return false;
  const clusterScoped = isClusterScopedKind(v.objRef.group, v.objRef.kind);
  return allIds(resource).some(
    (id) =>
      (id.kind ?? kindOf(resource)) === v.objRef.kind &&
      id.name === v.objRef.name &&
      // An objref without a namespace matches any (kustomize's GvknEquals); cluster-scoped objects have none.
      (clusterScoped || v.objRef.namespace === '' || sameNamespace(id.namespace, v.objRef.namespace)),
  );
}

/**
 * ResAccumulator.ResolveVars, at the end of the top-level build: each var's value is read from the object
 * it marked, then `$(NAME)` is expanded in the varReference fields. kustomize stops at the first var it
 * cannot read; here that var is reported and left unexpanded, the others are expanded.
 */
export function resolveVars(resources: Resource[], vars: readonly Var[], specs: readonly FieldSpec[], report: VarReport): void {
  if (vars.length === 0) return;
  const values = new Map<string, VarValue>();
  for (const v of [...vars].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const target = resources.find((r) => r.refVars?.includes(v.name));
    if (!target) {
      const { group, version, kind, name } = v.objRef;
      const apiVersion = group ? `${group}/${version}` : version;
      report(
        v.origin,
        `var "${v.name}" cannot be mapped to a field in the set of known resources: no ${kind} "${name}" of apiVersion "${apiVersion}"` +
          (version === '' ? ' (the objref needs its apiVersion)' : ''),
      );
      continue;
    }
    const node = lookupFieldPath(target.root, v.fieldPath);
    if (node === undefined) {
      report(v.origin, `var "${v.name}": field "${v.fieldPath}" not found in ${idLabel(target)}`);
      continue;
    }
    // A map or a list is not substituted (kustomize's MakePrimitiveReplacer leaves `$(NAME)` as written).
    if (isKScalar(node)) values.set(v.name, node.value ?? '');
  }
  if (values.size > 0) substituteVars(resources, values, specs, (p) => report(p.origin, p.message));
}
