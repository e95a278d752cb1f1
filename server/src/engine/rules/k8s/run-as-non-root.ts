import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { relaxedForUserNamespace, userNamespaceRelaxes } from '../../k8s/user-namespaces';
import { containerLabel, effectiveSecurity, type Workload } from '../../k8s/model';
import { boolOf, numberOf } from '../../yaml/nodes';
import {
  POD_SECURITY_SCOPE,
  fix,
  forEachContainer,
  inheritingPodSecurity,
  overriddenPodSecurity,
  runsAsUidZero,
  setContainerSecurityField,
  setPodSecurityField,
  spanOfContainer,
  spanOfNode,
} from '../../k8s/rule-toolkit';

const USER_NAMESPACE_NOTE =
  'The pod runs in a user namespace (hostUsers: false), so UID 0 here is not root on the node, and Pod Security admission allows it from Kubernetes 1.35.';

export const runAsNonRoot: K8sRule = {
  meta: {
    id: 'k8s/run-as-non-root',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A container has no effective `runAsNonRoot: true`, or sets it to `false`.',
    rationale:
      'With `runAsNonRoot: true` the kubelet refuses to start a container whose image would run as UID 0, so a ' +
      'forgotten `USER` in a Dockerfile cannot silently give an attacker root inside the container. Every seed ' +
      'sets it at pod level (`spec.securityContext.runAsNonRoot: true`), where all containers inherit it.',
    seeds: ['000', '001', '002', '003', '004'],
    fixable: true,
    category: 'security',
    podSecurity: ['runAsNonRoot'],
    fixKinds: {
      suggestion: 'The kubelet refuses to start a container whose image runs as root.',
    },
    aliases: {
      kubeLinter: ['run-as-non-root'],
      polaris: ['runAsRootAllowed'],
      checkov: ['CKV_K8S_23'],
      kubeScore: ['container-security-context-user-group-id'],
      kubescape: ['C-0013'],
      trivy: ['KSV012'],
    },
  },
  check(context, reportFinding) {
    // In a user namespace that admission honours, running as UID 0 is allowed and far less dangerous.
    const report = userNamespaceRelaxes(context.workload, context.settings.kubernetesVersion)
      ? relaxedForUserNamespace(reportFinding, USER_NAMESPACE_NOTE)
      : reportFinding;
    const pod = context.workload && overriddenPodSecurity(context.workload, 'runAsNonRoot');
    if (isScalar(pod) && boolOf(pod) === false) {
      report({
        ...spanOfNode(pod),
        message:
          'The pod securityContext sets runAsNonRoot: false. Every container sets its own, but Pod Security admission (restricted) rejects the pod, and a container added later would inherit false.',
        missing: false,
        fixes: () => (podWideFixBreaks(context.workload!) ? [] : fix('Set runAsNonRoot: true', context.editor.replaceScalar(pod, true))),
      });
    }
    forEachContainer(
      context,
      (container, workload) => {
        const effective = effectiveSecurity(workload, container, 'runAsNonRoot');
        const value = effective ? boolOf(effective.node) : undefined;
        if (value === true) return; // with runAsUser: 0 as well, k8s/run-as-user reports that it cannot start
        if (effective && value === undefined) return; // not a boolean we can read (e.g. a template): say nothing
        const label = containerLabel(container);
        const where = effective?.scope === 'pod' ? 'the pod securityContext' : 'its securityContext';
        const span = effective?.scope === 'container' ? spanOfNode(effective.node) : spanOfContainer(container);
        if (runsAsUidZero(workload, container)) {
          // Root on purpose (e.g. a sysctl init container): runAsNonRoot: true would keep it from starting, so no fix.
          report({
            ...span,
            message:
              value === false
                ? `The ${label} runs as root (runAsUser: 0) and ${where} sets runAsNonRoot: false; the restricted Pod Security Standard requires true, which would keep it from starting until it runs as another UID.`
                : `The ${label} runs as root (runAsUser: 0) and has no runAsNonRoot: true, which the restricted Pod Security Standard requires but which would keep it from starting until it runs as another UID.`,
            missing: value === undefined,
          });
          return;
        }
        // Pod-wide only when no container that would inherit it runs as UID 0; else on this container alone.
        const addTrue = () =>
          podWideFixBreaks(workload)
            ? fix("Add runAsNonRoot: true to the container's securityContext", setContainerSecurityField(context, container, ['runAsNonRoot'], true))
            : fix('Add runAsNonRoot: true to the pod securityContext', setPodSecurityField(context, workload, ['runAsNonRoot'], true));
        if (effective && value === false) {
          report({
            ...span,
            message: `The ${label} may run as root: ${where} sets runAsNonRoot: false.`,
            missing: false,
            fixes: () =>
              effective.scope === 'pod' && podWideFixBreaks(workload)
                ? addTrue()
                : fix('Set runAsNonRoot: true', context.editor.replaceScalar(effective.node, true)),
          });
          return;
        }
        // A non-zero runAsUser already keeps this container off UID 0: say what is actually missing.
        const user = effectiveSecurity(workload, container, 'runAsUser');
        const uid = user ? numberOf(user.node) : undefined;
        report({
          ...spanOfContainer(container),
          message:
            uid !== undefined && uid > 0
              ? `The ${label} runs as UID ${uid} but has no runAsNonRoot: true, which the restricted Pod Security Standard requires (it also stops a later runAsUser: 0).`
              : `The ${label} may run as root: no runAsNonRoot: true in its or the pod's securityContext.`,
          missing: true,
          fixes: addTrue,
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};

/** A pod-level runAsNonRoot: true would reach a container that runs as UID 0, which then cannot start. */
function podWideFixBreaks(workload: Workload): boolean {
  return inheritingPodSecurity(workload, 'runAsNonRoot').some((c) => runsAsUidZero(workload, c));
}
