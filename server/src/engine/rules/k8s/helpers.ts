// Shared pieces of the Kubernetes rules: iterating containers, pointing at them, and the usual fixes.
import type { Node } from 'yaml';
import type { K8sContext } from '../../k8s/context';
import { containerSpan, isWindowsPod, type Container, type Workload } from '../../k8s/model';
import type { RawFinding, RawFix } from '../../rule';
import type { OffsetEdit } from '../../types';
import type { YamlValue } from '../../yaml/render';

export type Report = (finding: RawFinding) => void;

/** Calls `visit` for every container and init container of a workload. */
export function forEachContainer(context: K8sContext, visit: (container: Container, workload: Workload) => void): void {
  const workload = context.workload;
  if (!workload) return;
  for (const container of workload.containers) visit(container, workload);
}

/** Same, but skips Windows pods, where Linux-only settings cannot even be set. */
export function forEachLinuxContainer(context: K8sContext, visit: (container: Container, workload: Workload) => void): void {
  if (context.workload && isWindowsPod(context.workload)) return;
  forEachContainer(context, visit);
}

export function spanOfNode(node: Node): { start: number; end: number } {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}

export function spanOfContainer(container: Container): { start: number; end: number } {
  const [start, end] = containerSpan(container);
  return { start, end };
}

export function fix(title: string, edits: OffsetEdit[] | undefined, isPreferred = true): RawFix[] {
  return edits && edits.length > 0 ? [{ title, edits, isPreferred }] : [];
}

/** Sets a field in the pod-level `securityContext`, which goes above the containers, as in the seeds. */
export function setPodSecurityField(context: K8sContext, workload: Workload, path: string[], value: YamlValue): OffsetEdit[] | undefined {
  return context.editor.set(workload.podSpec, ['securityContext', ...path], value, {
    before: ['containers', 'initContainers'],
  });
}

/** Adds several fields to the pod-level `securityContext` in one insertion (existing ones untouched). */
export function mergePodSecurity(context: K8sContext, workload: Workload, entries: { [key: string]: YamlValue }): OffsetEdit[] | undefined {
  return context.editor.merge(workload.podSpec, ['securityContext'], entries, { before: ['containers', 'initContainers'] });
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
