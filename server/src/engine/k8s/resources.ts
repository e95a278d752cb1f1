// Shared pieces of the resource rules: reading a container's `resources.requests/limits` the way Kubernetes
// does (a limit without a request also sets the request), and writing entries there with minimal edits.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sContext } from './context';
import { containerLabel, type Container } from './model';
import type { OffsetEdit } from '../types';
import { isNullish, pairOf, valueOf } from '../yaml/nodes';
import { containsTemplateActions } from '../yaml/templates';
import { Commented, type YamlValue } from '../yaml/render';
import { fix, forEachContainer, spanOfContainer, type Report } from './rule-toolkit';

export type Section = 'requests' | 'limits';
export type CoreResource = 'cpu' | 'memory';

export const PLACEHOLDERS: Readonly<Record<CoreResource, string>> = { cpu: '100m', memory: '128Mi' };
export const TUNING_COMMENT = 'placeholder: tune to measured usage';

/** How people write the resource in prose (`CPU`, `memory`). */
export const RESOURCE_LABEL: Readonly<Record<CoreResource, string>> = { cpu: 'CPU', memory: 'memory' };

export interface Resources {
  /** `resources`; undefined when absent or null. */
  map: YAMLMap | undefined;
  requests: YAMLMap | undefined;
  limits: YAMLMap | undefined;
}

/**
 * A container's resources, or `undefined` when they cannot be known: a value that is not a map (a Helm
 * template, a typo) or template text inside. Rules then say nothing rather than report a missing field.
 */
export function resourcesOf(context: K8sContext, container: Container): Resources | undefined {
  const node = valueOf(container.node, 'resources');
  if (isNullish(node)) return { map: undefined, requests: undefined, limits: undefined };
  if (!isMap(node) || containsTemplateActions(context.text, node)) return undefined;
  const requests = valueOf(node, 'requests');
  const limits = valueOf(node, 'limits');
  if ((!isNullish(requests) && !isMap(requests)) || (!isNullish(limits) && !isMap(limits))) return undefined;
  return {
    map: node,
    requests: isMap(requests) ? requests : undefined,
    limits: isMap(limits) ? limits : undefined,
  };
}

/** A scalar's text as written, without quotes (`512Mi`, `1e3`), for messages. */
export function sourceText(text: string, node: Node): string {
  if (isScalar(node) && typeof node.source === 'string') return node.source;
  const [start, end] = node.range ?? [0, 0];
  return text.slice(start, end);
}

/** The value node of `section[name]`, when it is set (not null). */
export function entryOf(resources: Resources, section: Section, name: string): Node | undefined {
  const node = valueOf(resources[section], name);
  return isNullish(node) ? undefined : (node as Node);
}

/** Kubernetes copies a limit into a missing request, so a limit alone also counts as a request. */
export function hasEffectiveRequest(resources: Resources, name: string): boolean {
  return entryOf(resources, 'requests', name) !== undefined || entryOf(resources, 'limits', name) !== undefined;
}

/** A scalar's value for copying into another entry (`512Mi`, `2`), keeping numbers numbers. */
export function copyableValue(node: Node | undefined): string | number | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** A value this product inserted as a placeholder (it still carries the tuning comment). */
export function isPlaceholder(node: Node | undefined): boolean {
  return isScalar(node) && node.comment?.trim() === TUNING_COMMENT;
}

export function placeholder(resource: CoreResource): Commented {
  return new Commented(PLACEHOLDERS[resource], TUNING_COMMENT);
}

/**
 * Sets `resources.<section>.<name>` for every entry, creating `resources` and the section where missing
 * (`requests` above `limits`, `cpu` above `memory`). One edit list for all entries, or `undefined`.
 */
export function setResourceEntries(
  context: K8sContext,
  container: Container,
  resources: Resources,
  section: Section,
  entries: Record<string, YamlValue>,
): OffsetEdit[] | undefined {
  const editor = context.editor;
  if (!resources.map) return editor.set(container.node, ['resources', section], entries);
  const sectionMap = resources[section];
  if (!sectionMap) {
    const before = section === 'requests' ? ['limits', 'claims'] : ['claims'];
    return editor.set(resources.map, [section], entries, { before });
  }
  const edits: OffsetEdit[] = [];
  for (const [name, value] of Object.entries(entries)) {
    const before = name === 'cpu' && !pairOf(sectionMap, 'cpu') ? ['memory'] : undefined;
    const part = editor.set(sectionMap, [name], value, before ? { before } : {});
    if (!part) return undefined;
    edits.push(...part);
  }
  return edits;
}

/** The check of `k8s/memory-limit` and `k8s/cpu-limit`: a missing limit, fixed with the request's value. */
export function checkMissingLimit(context: K8sContext, report: Report, resource: CoreResource, why: string): void {
  forEachContainer(context, (container) => {
    const resources = resourcesOf(context, container);
    if (!resources || entryOf(resources, 'limits', resource) !== undefined) return;
    const label = RESOURCE_LABEL[resource];
    const requestNode = entryOf(resources, 'requests', resource);
    const request = copyableValue(requestNode);
    // A request that is itself a placeholder makes the copied limit one too: keep it marked for tuning.
    const value = request === undefined ? placeholder(resource) : isPlaceholder(requestNode) ? new Commented(request, TUNING_COMMENT) : request;
    const title =
      request !== undefined
        ? `Set the ${label} limit to the ${label} request (${request})`
        : `Add a placeholder ${label} limit (${PLACEHOLDERS[resource]}) to tune`;
    report({
      ...spanOfContainer(container),
      missing: true,
      message: `The ${containerLabel(container)} has no ${label} limit: ${why}`,
      fixes: () => fix(title, setResourceEntries(context, container, resources, 'limits', { [resource]: value })),
    });
  });
}
