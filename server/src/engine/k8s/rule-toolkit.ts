// Shared pieces of the Kubernetes rules: iterating containers, pointing at them, and the usual fixes.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sContext } from './context';
import { containerLabel, containerSpan, isWindowsPod, type Container, type EffectiveValue, type InheritedField, type Workload } from './model';
import type { RawFinding, RawFix } from '../rule';
import type { FixKind, OffsetEdit } from '../types';
import { isNullish, mapAt, numberOf, valueOf } from '../yaml/nodes';
import type { YamlValue } from '../yaml/render';
import { isTemplated } from '../yaml/templates';

export type Report = (finding: RawFinding) => void;

export interface ContainerScope {
  /** Also ephemeral (debug) containers: for the Pod Security controls, which admission applies to them. */
  ephemeral?: boolean;
}

/** Calls `visit` for every container and init container of a workload (and ephemeral ones if asked). */
export function forEachContainer(context: K8sContext, visit: (container: Container, workload: Workload) => void, scope: ContainerScope = {}): void {
  const workload = context.workload;
  if (!workload) return;
  for (const container of workload.containers) visit(container, workload);
  if (scope.ephemeral) for (const container of workload.ephemeralContainers) visit(container, workload);
}

/** Same, but skips Windows pods, where Linux-only settings cannot even be set. */
export function forEachLinuxContainer(context: K8sContext, visit: (container: Container, workload: Workload) => void, scope: ContainerScope = {}): void {
  if (context.workload && isWindowsPod(context.workload)) return;
  forEachContainer(context, visit, scope);
}

/** The scope of the Pod Security controls (pod-security-admission policy/visitor.go visits ephemeral containers). */
export const POD_SECURITY_SCOPE: ContainerScope = { ephemeral: true };

export function spanOfNode(node: Node): { start: number; end: number } {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}

export function spanOfContainer(container: Container): { start: number; end: number } {
  const [start, end] = containerSpan(container);
  return { start, end };
}

/** One fix, or none when there is nothing to edit. `kind` is needed only by rules whose meta offers both kinds. */
export function fix(title: string, edits: OffsetEdit[] | undefined, kind?: FixKind): RawFix[] {
  return edits && edits.length > 0 ? [{ title, edits, ...(kind ? { kind } : {}) }] : [];
}

/**
 * `containers` and `initContainers` in the order the pod spec has them, for `InsertOptions.before` (which takes
 * the first key of its list that the map has): new pod-level fields go above whichever list comes first.
 */
export function containerListsInOrder(podSpec: YAMLMap): string[] {
  const position = (key: string) => podSpec.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  return ['initContainers', 'containers'].filter((k) => position(k) >= 0).sort((a, b) => position(a) - position(b));
}

/** Sets a field in the pod-level `securityContext`, which goes above the containers, as in the seeds. */
export function setPodSecurityField(context: K8sContext, workload: Workload, path: string[], value: YamlValue): OffsetEdit[] | undefined {
  return context.editor.set(workload.podSpec, ['securityContext', ...path], value, { before: containerListsInOrder(workload.podSpec) });
}

/** Adds several fields to the pod-level `securityContext` in one insertion (existing ones untouched). */
export function mergePodSecurity(context: K8sContext, workload: Workload, entries: { [key: string]: YamlValue }): OffsetEdit[] | undefined {
  return context.editor.merge(workload.podSpec, ['securityContext'], entries, { before: containerListsInOrder(workload.podSpec) });
}

/** Sets a field in a container's own `securityContext`. */
export function setContainerSecurityField(context: K8sContext, container: Container, path: string[], value: YamlValue): OffsetEdit[] | undefined {
  return context.editor.set(container.node, ['securityContext', ...path], value);
}

/** Where pod-level findings point: the pod spec's `spec:` key (the template's, for controllers). */
export function spanOfPodSpec(workload: Workload): { start: number; end: number } {
  for (const pair of workload.template.items) {
    const key = pair.key as Node | null;
    if (key && 'value' in key && (key as { value: unknown }).value === 'spec' && key.range) {
      return { start: key.range[0], end: key.range[1] };
    }
  }
  return spanOfNode(workload.podSpec);
}

/**
 * A node that is a `{{ … }}` expression itself: a scalar holding template text (the linter masks inline
 * expressions with TEMPLATE_MARKER), or the flow map an unmasked unquoted one parses as.
 */
export function isTemplate(text: string, node: unknown): boolean {
  if (!node || typeof node !== 'object' || !('range' in node)) return false;
  const range = (node as Node).range;
  if (!range) return false;
  if (isScalar(node)) return typeof node.value === 'string' && isTemplated(node.value);
  return text.slice(range[0], range[1]).trimStart().startsWith('{{');
}

/**
 * Whether `map.path` cannot be known from the text: the value is a template, or a map on the way is one (or
 * holds a templated key, such as `{{- include "x" . | nindent 8 }}`), which may produce the field.
 * Rules say nothing about missing fields then, as the catalog requires for templated files.
 */
export function templatedAt(text: string, map: unknown, ...path: string[]): boolean {
  let node: unknown = map;
  for (const key of path) {
    if (!isMap(node)) return false;
    if (isTemplate(text, node) || node.items.some((pair) => isTemplate(text, pair.key))) return true;
    node = valueOf(node, key);
    if (node === null || node === undefined) return false;
    if (isTemplate(text, node)) return true;
  }
  return isTemplate(text, node);
}

/** `templatedAt` for a field the container inherits from the pod `securityContext`. */
export function inheritedTemplated(text: string, workload: Workload, container: Container, field: string): boolean {
  return templatedAt(text, container.node, 'securityContext', field) || templatedAt(text, workload.podSpec, 'securityContext', field);
}

/**
 * `effectiveSecurity` that treats a null value (`runAsUser:` or `runAsUser: ~`) as unset, as Kubernetes does:
 * the container then inherits the pod's value. (The model's version counts a null scalar node as set.)
 */
export function effectiveSecurityOf(workload: Workload, container: Container, field: InheritedField): EffectiveValue | undefined {
  const own = valueOf(mapAt(container.node, 'securityContext'), field);
  if (!isNullish(own)) return { node: own as Node, scope: 'container' };
  const pod = valueOf(mapAt(workload.podSpec, 'securityContext'), field);
  if (!isNullish(pod)) return { node: pod as Node, scope: 'pod' };
  return undefined;
}

/** The containers (ephemeral ones included) that take the pod-level `securityContext.<field>`: they set none. */
export function inheritingPodSecurity(workload: Workload, field: InheritedField): Container[] {
  return [...workload.containers, ...workload.ephemeralContainers].filter((c) => effectiveSecurityOf(workload, c, field)?.scope !== 'container');
}

/**
 * The container's effective runAsUser is 0. With `runAsNonRoot: true` as well the kubelet refuses to start it
 * ("container's runAsUser breaks non-root policy", CreateContainerConfigError), user namespace or not.
 */
export function runsAsUidZero(workload: Workload, container: Container): boolean {
  const user = effectiveSecurityOf(workload, container, 'runAsUser');
  return !!user && numberOf(user.node) === 0;
}

/**
 * The pod-level `securityContext.<field>` when every container sets its own (so no container inherits it).
 * Pod Security admission judges the pod-level value anyway, and containers added later (ephemeral debug
 * containers) would inherit it; rules report it once, where the per-container findings do not reach.
 */
export function overriddenPodSecurity(workload: Workload, field: InheritedField): Node | undefined {
  const pod = valueOf(mapAt(workload.podSpec, 'securityContext'), field);
  if (isNullish(pod) || workload.containers.length === 0) return undefined;
  return workload.containers.every((c) => effectiveSecurityOf(workload, c, field)?.scope === 'container') ? (pod as Node) : undefined;
}

/**
 * Calls `visit` for the pod spec and for every container: the two places a `securityContext` field can be set
 * when the rule judges each setting where it is written (not the effective value). `who` names it in messages.
 */
export function forEachSecurityContextOwner(context: K8sContext, visit: (owner: YAMLMap, who: string) => void): void {
  const workload = context.workload;
  if (!workload) return;
  visit(workload.podSpec, 'pod');
  for (const container of [...workload.containers, ...workload.ephemeralContainers]) visit(container.node, containerLabel(container));
}
