import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { atLeast } from '../../k8s/versions';
import type { OffsetEdit } from '../../types';
import { keySpan, mapAt, pairOf } from '../../yaml/nodes';
import { fix } from '../../k8s/rule-toolkit';

export const HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
export const MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
/** `topology-mode` replaced `topology-aware-hints` in this version. */
export const TOPOLOGY_MODE_VERSION = '1.27';

/** hints `auto` <-> mode `Auto` (and `disabled` <-> `Disabled`); other values are kept. */
function mapValue(value: string, toMode: boolean): string {
  const lower = value.toLowerCase();
  if (lower === 'auto') return toMode ? 'Auto' : 'auto';
  if (lower === 'disabled') return toMode ? 'Disabled' : 'disabled';
  return value;
}

export const topologyAwareRouting: K8sRule = {
  meta: {
    id: 'k8s/topology-aware-routing',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description:
      'A Service uses the topology-aware routing annotation of the wrong Kubernetes version (`topology-aware-hints` on >= 1.27, `topology-mode` below).',
    rationale:
      "Topology-aware routing keeps Service traffic in the client's zone. Seed 001 gives both spellings: " +
      '`service.kubernetes.io/topology-mode: Auto` from Kubernetes 1.27 on, `service.kubernetes.io/topology-aware-hints: auto` ' +
      'before. The old one is deprecated from 1.27; the new one is ignored by older clusters, so routing silently stays cross-zone.',
    seeds: ['001'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: 'Renames the deprecated topology-aware-hints to topology-mode (same meaning) or removes it beside topology-mode.',
      suggestion: 'On a cluster older than 1.27, renaming to topology-aware-hints turns topology-aware routing on.',
    },
  },
  check(context, report) {
    const { object } = context;
    if (object.kind !== 'Service') return;
    const annotations = mapAt(object.root, 'metadata', 'annotations');
    if (!annotations) return;
    const version = context.settings.kubernetesVersion;
    const modern = atLeast(version, TOPOLOGY_MODE_VERSION);
    const wrong = modern ? HINTS_ANNOTATION : MODE_ANNOTATION;
    const right = modern ? MODE_ANNOTATION : HINTS_ANNOTATION;
    const pair = pairOf(annotations, wrong);
    if (!pair) return;
    let edits: OffsetEdit[] | undefined;
    if (pairOf(annotations, right)) {
      edits = context.editor.removePair(annotations, wrong);
    } else {
      const keyEdits = context.editor.replaceScalar(pair.key, right);
      const value = pair.value;
      const valueEdits =
        isScalar(value) && typeof value.value === 'string' && mapValue(value.value, modern) !== value.value
          ? context.editor.replaceScalar(value, mapValue(value.value, modern))
          : [];
      if (keyEdits && valueEdits) edits = [...keyEdits, ...valueEdits];
    }
    const [start, end] = keySpan(pair);
    report({
      start,
      end,
      message: modern
        ? `The Service "${object.name ?? '?'}" uses the deprecated ${wrong} annotation; Kubernetes ${version} uses ${right}.`
        : `The Service "${object.name ?? '?'}" uses ${wrong}, which Kubernetes ${version} ignores (it arrived in ${TOPOLOGY_MODE_VERSION}); use ${right}.`,
      // Removing the duplicate or renaming to topology-mode keeps what the cluster does; renaming to the hints on an
      // older cluster turns routing on.
      fixes: fix(
        pairOf(annotations, right) ? `Remove ${wrong} (${right} is already set)` : `Rename to ${right}`,
        edits,
        pairOf(annotations, right) || modern ? 'safe' : 'suggestion',
      ),
    });
  },
};
