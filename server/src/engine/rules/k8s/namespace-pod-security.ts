import { isMap, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { isNullish, mapAt, pairOf, scalarAt, valueOf } from '../../yaml/nodes';
import type { YamlValue } from '../../yaml/render';
import type { OffsetEdit } from '../../types';
import { containsTemplate } from '../../yaml/templates';
import { fix, spanOfNode } from '../../k8s/rule-toolkit';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
const WARN = 'pod-security.kubernetes.io/warn';
const AUDIT = 'pod-security.kubernetes.io/audit';
/** Cluster namespaces that run system pods; `restricted` would stop their components. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export const namespacePodSecurity: K8sRule = {
  meta: {
    id: 'k8s/namespace-pod-security',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A Namespace has no `pod-security.kubernetes.io/enforce` label.',
    rationale:
      'Without the label, Pod Security Admission enforces nothing in the namespace: privileged, host-network or ' +
      'root pods are admitted. Seed 004 enforces the Pod Security Standards at namespace level, with the ' +
      '`restricted` profile and an `enforce-version` pinned to the cluster version, so that the policy does not ' +
      'change under you on upgrade; test workloads against it first, as the seed warns. When pods of the namespace ' +
      'in the workspace fail restricted, the fix enforces only the level they meet (baseline, or privileged) and sets ' +
      '`warn` and `audit` to restricted.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Enforcing restricted makes the API server reject pods of the namespace that do not comply.',
    },
  },
  // The fix reads the workloads of the namespace in the workspace.
  crossDocument: true,
  check(context, report) {
    const object = context.object;
    if (object.kind !== 'Namespace' || (object.name && SYSTEM_NAMESPACES.has(object.name))) return;
    const metadata = valueOf(object.root, 'metadata');
    if (!isNullish(metadata) && !isMap(metadata)) return;
    const labelsNode = isMap(metadata) ? valueOf(metadata, 'labels') : undefined;
    if (!isNullish(labelsNode) && (!isMap(labelsNode) || containsTemplate(context.text, labelsNode))) return;
    const labels = mapAt(object.root, 'metadata', 'labels');
    if (pairOf(labels, ENFORCE)) return;
    const { wanted, title } = labelsFor(context, labels);
    if (wanted[ENFORCE] !== 'privileged' && !pairOf(labels, ENFORCE_VERSION)) wanted[ENFORCE_VERSION] = `v${context.settings.kubernetesVersion}`;
    const anchor = scalarAt(object.root, 'metadata', 'name') ?? scalarAt(object.root, 'kind');
    const name = object.name ? `Namespace "${object.name}"` : 'Namespace';
    report({
      ...(anchor ? spanOfNode(anchor) : { start: 0, end: 0 }),
      missing: true,
      message: `The ${name} has no ${ENFORCE} label: Pod Security Admission admits any pod there, privileged ones included.`,
      fixes: fix(title, addLabels(context, wanted)),
    });
  },
};

/**
 * Restricted, unless pods of the namespace known in the workspace fail it: enforcing it would make the API server
 * reject their new pods. Then the level they all meet is enforced, and restricted only warned about and audited.
 */
function labelsFor(context: Parameters<K8sRule['check']>[0], labels: YAMLMap | undefined): { wanted: Record<string, YamlValue>; title: string } {
  const failing = context.object.name ? context.index.inNamespace(context.object.name).filter((o) => o.podSecurityLevel) : [];
  if (failing.length === 0) return { wanted: { [ENFORCE]: 'restricted' }, title: 'Enforce the restricted Pod Security Standard' };
  const privileged = failing.find((o) => o.podSecurityLevel === 'privileged');
  const example = privileged ?? failing[0];
  const why = `${example.kind} "${example.name ?? ''}" of this namespace does not meet ${privileged ? 'baseline' : 'restricted'}`;
  // Privileged pods leave no level to enforce but privileged: written out, it records the decision (the Pod Security
  // documentation labels such namespaces so) and admits what the namespace runs now.
  const wanted: Record<string, YamlValue> = { [ENFORCE]: privileged ? 'privileged' : 'baseline' };
  for (const mode of [WARN, AUDIT]) if (!pairOf(labels, mode)) wanted[mode] = 'restricted';
  const title = `Enforce ${privileged ? 'privileged' : 'baseline'}, warn on and audit restricted (${why})`;
  return { wanted, title };
}

function addLabels(context: Parameters<K8sRule['check']>[0], wanted: Record<string, YamlValue>): OffsetEdit[] | undefined {
  const root = context.object.root;
  const metadata = mapAt(root, 'metadata');
  const labels = mapAt(root, 'metadata', 'labels');
  if (!metadata) return context.editor.set(root, ['metadata', 'labels'], wanted, { before: ['spec', 'status'] });
  if (!labels) return context.editor.set(metadata, ['labels'], wanted, { before: ['annotations'] });
  const edits: OffsetEdit[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    const part = context.editor.set(labels, [key], value);
    if (!part) return undefined;
    edits.push(...part);
  }
  return edits;
}
