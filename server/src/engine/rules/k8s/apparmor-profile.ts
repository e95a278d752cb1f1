import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { mapAt, scalarAt } from '../../yaml/nodes';
import { fix, forEachSecurityContextOwner, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';

/** The annotation that set a container's AppArmor profile before the `appArmorProfile` field (Kubernetes 1.30). */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const appArmorProfile: K8sRule = {
  meta: {
    id: 'k8s/apparmor-profile',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'An AppArmor profile is `Unconfined` (the `appArmorProfile` field or the beta annotation).',
    rationale:
      "On nodes with AppArmor, the runtime's default profile restricts what a container may do (mounts, raw " +
      'access to /proc and /sys, …); `Unconfined` turns it off. The Pod Security Standards (baseline) forbid ' +
      'overriding it with Unconfined; seed 004 names AppArmor among the mandatory access controls to use.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    podSecurity: ['appArmorProfile'],
    fixKinds: {
      suggestion: 'The runtime default profile can deny what an Unconfined container does today.',
    },
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
    for (const { key, value: node } of annotations?.items ?? []) {
      if (!isScalar(key) || typeof key.value !== 'string' || !key.value.startsWith(ANNOTATION_PREFIX)) continue;
      if (!isScalar(node) || node.value !== 'unconfined' || isTemplate(context.text, node)) continue;
      report({
        ...spanOfNode(node),
        message: `The container "${key.value.slice(ANNOTATION_PREFIX.length)}" runs with AppArmor profile unconfined (annotation): the runtime's default profile is turned off.`,
        fixes: fix('Use AppArmor profile runtime/default', context.editor.replaceScalar(node, 'runtime/default')),
      });
    }
  },
};
