import { isMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel, isWindowsPod } from '../../k8s/model';
import { scalarAt } from '../../yaml/nodes';
import {
  POD_SECURITY_SCOPE,
  effectiveSecurityOf,
  fix,
  forEachLinuxContainer,
  inheritedTemplated,
  isTemplate,
  overriddenPodSecurity,
  templatedAt,
  setPodSecurityField,
  spanOfContainer,
  spanOfNode,
} from '../../k8s/rule-toolkit';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfile: K8sRule = {
  meta: {
    id: 'k8s/seccomp-profile',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container has no effective `seccompProfile` of type `RuntimeDefault`/`Localhost`, or it is `Unconfined`.',
    rationale:
      'Without a seccomp profile a container may call every system call of the host kernel. Seed 002 sets ' +
      "`seccompProfile: {type: RuntimeDefault}` at pod level so that the runtime's filter blocks the dangerous ones.",
    seeds: ['002', '003', '004'],
    fixable: true,
    category: 'security',
    podSecurity: ['seccompProfile_baseline', 'seccompProfile_restricted'],
    fixKinds: {
      suggestion: 'The runtime default profile blocks syscalls a workload may use.',
    },
    aliases: { polaris: ['linuxHardening'], checkov: ['CKV_K8S_31'], kubeScore: ['container-seccomp-profile'] },
  },
  check(context, report) {
    const workload = context.workload;
    const pod = workload && !isWindowsPod(workload) ? overriddenPodSecurity(workload, 'seccompProfile') : undefined;
    const podType = pod && isMap(pod) ? scalarAt(pod, 'type') : undefined;
    if (podType?.value === 'Unconfined') {
      report({
        ...spanOfNode(podType),
        message:
          'The pod securityContext sets seccomp profile Unconfined. Every container sets its own, but Pod Security admission rejects the pod, and a container added later would run unconfined.',
        missing: false,
        fixes: () => fix('Use seccomp profile RuntimeDefault', context.editor.replaceScalar(podType, 'RuntimeDefault')),
      });
    }
    forEachLinuxContainer(
      context,
      (container, workload) => {
        const effective = effectiveSecurityOf(workload, container, 'seccompProfile');
        const typeNode = effective && isMap(effective.node) ? scalarAt(effective.node, 'type') : undefined;
        const type = typeNode?.value;
        if (typeof type === 'string' && CONFINED.has(type)) return;
        const label = containerLabel(container);
        if (typeNode && typeof type === 'string') {
          if (isTemplate(context.text, typeNode)) return; // `type: "{{ .Values.x }}"`: unknown
          report({
            ...(effective?.scope === 'container' ? spanOfNode(typeNode) : spanOfContainer(container)),
            message:
              type === 'Unconfined'
                ? `The ${label} runs with seccomp profile Unconfined: every system call is allowed.`
                : `The ${label} has an unknown seccomp profile type ${type} (RuntimeDefault, Localhost or Unconfined).`,
            missing: false,
            fixes: () => fix('Use seccomp profile RuntimeDefault', context.editor.replaceScalar(typeNode, 'RuntimeDefault')),
          });
          return;
        }
        if (typeNode) return; // a value we cannot read (e.g. a template expression)
        // A template (an unquoted `{{ … }}` parses as a flow map) may produce the profile: say nothing.
        const unknown = effective
          ? isTemplate(context.text, effective.node) || templatedAt(context.text, effective.node, 'type')
          : inheritedTemplated(context.text, workload, container, 'seccompProfile');
        if (unknown) return;
        report({
          ...spanOfContainer(container),
          message: `The ${label} has no seccomp profile: every system call is allowed.`,
          missing: true,
          fixes: () =>
            fix(
              'Add seccompProfile RuntimeDefault to the pod securityContext',
              effective ? undefined : setPodSecurityField(context, workload, ['seccompProfile'], { type: 'RuntimeDefault' }),
            ),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
