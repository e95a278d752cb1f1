import type { K8sRule } from '../../k8s/context';
import { mapAt, scalarAt } from '../../yaml/nodes';
import { fix, forEachSecurityContextOwner, isTemplate, spanOfNode } from './helpers';

/** The annotation that set a container's AppArmor profile before the `appArmorProfile` field (Kubernetes 1.30). */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const appArmorProfile: K8sRule = {
  meta: {
    id: 'k8s/apparmor-profile',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'An AppArmor profile is `Unconfined` (the `appArmorProfile` field or the beta annotation).',
    rationale:
      'On nodes with AppArmor, the runtime\'s default profile restricts what a container may do (mounts, raw ' +
      'access to /proc and /sys, …); `Unconfined` turns it off. The Pod Security Standards (baseline) forbid ' +
      'overriding it with Unconfined; seed 004 names AppArmor among the mandatory access controls to use.',
    seeds: ['004'],
    fixable: true,
    aliases: {},
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    forEachSecurityContextOwner(context, (owner, who) => {
      const type = scalarAt(owner, 'securityContext', 'appArmorProfile', 'type');
      if (!type || type.value !== 'Unconfined' || isTemplate(context.text, type)) return;
      report({
        ...spanOfNode(type),
        message: `The ${who} runs with AppArmor profile Unconfined: the runtime's default profile is turned off.`,
        fixes: fix('Use AppArmor profile RuntimeDefault', context.editor.replaceScalar(type, 'RuntimeDefault')),
      });
    });
    // The annotations live on the pod: the template's metadata (the object's own for a bare Pod).
    const annotations = mapAt(workload.template, 'metadata', 'annotations');
    for (const pair of annotations?.items ?? []) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      const value = pair.value as { value?: unknown } | null;
      if (typeof key !== 'string' || !key.startsWith(ANNOTATION_PREFIX) || value?.value !== 'unconfined') continue;
      const node = scalarAt(annotations, key)!;
      if (isTemplate(context.text, node)) continue;
      report({
        ...spanOfNode(node),
        message: `The container "${key.slice(ANNOTATION_PREFIX.length)}" runs with AppArmor profile unconfined (annotation): the runtime's default profile is turned off.`,
        fixes: fix('Use AppArmor profile runtime/default', context.editor.replaceScalar(node, 'runtime/default')),
      });
    }
  },
};
