import { isMap, type Node, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel, isWindowsPod, type Container, type Workload } from '../../k8s/model';
import {
  SECCOMP_ANNOTATIONS_REMOVED,
  matchesRuntimeDefault,
  seccompAnnotation,
  seccompAnnotationsTakeEffect,
  type SeccompAnnotation,
} from '../../k8s/seccomp-annotations';
import { isPrivileged, voidedByPrivileged } from '../../k8s/privileged-container';
import type { OffsetEdit } from '../../types';
import { isNullish, mapAt, scalarAt, valueOf } from '../../yaml/nodes';
import {
  POD_SECURITY_SCOPE,
  fix,
  forEachLinuxContainer,
  inheritedTemplated,
  isTemplate,
  templatedAt,
  setPodSecurityField,
  spanOfContainer,
  spanOfNode,
} from '../../k8s/rule-toolkit';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/** Where a container's profile comes from: a `seccompProfile` field, or (before 1.27) an annotation the API server copies to it. */
type Source = { field: Node; scope: 'container' | 'pod' } | { annotation: SeccompAnnotation; scope: 'container' | 'pod' };

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
      suggestion:
        'The runtime default profile blocks syscalls a workload may use. Not offered for a privileged container, which runs unconfined whatever its profile says.',
    },
    aliases: {
      polaris: ['linuxHardening'],
      checkov: ['CKV_K8S_31'],
      kubeScore: ['container-seccomp-profile'],
      kubescape: ['C-0055', 'C-0210'],
      trivy: ['KSV030', 'KSV104'],
    },
  },
  check(context, report) {
    const workload = context.workload;
    const annotationsWork = seccompAnnotationsTakeEffect(context.settings.kubernetesVersion);
    const fieldOf = (map: YAMLMap): Node | undefined => {
      const node = valueOf(mapAt(map, 'securityContext'), 'seccompProfile');
      return isNullish(node) ? undefined : (node as Node);
    };
    /** What Kubernetes uses at the target version (pkg/registry/core/pod/strategy.go `applySeccompVersionSkew` before 1.27). */
    const ownSource = (w: Workload, container?: Container): Source | undefined => {
      const scope = container ? 'container' : 'pod';
      const field = fieldOf(container ? container.node : w.podSpec);
      if (field) return { field, scope };
      const annotation = annotationsWork ? seccompAnnotation(w, container) : undefined;
      if (annotation && (annotation.type || isTemplate(context.text, annotation.node))) return { annotation, scope };
      return undefined;
    };
    /**
     * Edits that keep an annotation at `scope` in step with a field set to RuntimeDefault there: the API refuses a
     * pod whose annotation and field differ (`validateSeccompAnnotationsAndFieldsMatch`, every version since 1.19).
     * Undefined when that cannot be known (a templated value).
     */
    const matchAnnotation = (w: Workload, container?: Container): OffsetEdit[] | undefined => {
      const annotation = seccompAnnotation(w, container);
      if (!annotation || matchesRuntimeDefault(annotation)) return [];
      if (isTemplate(context.text, annotation.node)) return undefined;
      return context.editor.replaceScalar(annotation.node, 'runtime/default');
    };
    const withAnnotation = (edits: OffsetEdit[] | undefined, extra: OffsetEdit[] | undefined) => (edits && extra ? [...edits, ...extra] : undefined);

    /**
     * The API server refuses a `localhostProfile` missing for type Localhost, or set for another type
     * (ValidateSeccompProfileField): the pod is never created, so each profile is reported once, as an error.
     */
    const refused = new Set<Node>();
    const profilePairingProblem = (profile: YAMLMap, type: string) => {
      const localhost = scalarAt(profile, 'localhostProfile');
      const path = localhost?.value;
      if (localhost && isTemplate(context.text, localhost)) return undefined;
      const typeNode = scalarAt(profile, 'type')!;
      if (type === 'Localhost' && (path === undefined || path === null || path === ''))
        return {
          message: 'The seccomp profile type Localhost has no localhostProfile (the profile file on the node): the API server refuses the pod.',
          fixes: () => fix('Use seccomp profile RuntimeDefault', context.editor.replaceScalar(typeNode, 'RuntimeDefault'), 'suggestion'),
        };
      if (type !== 'Localhost' && localhost && path !== null && path !== '')
        return {
          message: `The seccomp profile sets localhostProfile with type ${type}: the API server refuses the pod (only type Localhost takes a profile file).`,
          fixes: () => fix('Remove localhostProfile', context.editor.removePair(profile, 'localhostProfile')),
        };
      return undefined;
    };

    if (workload && !isWindowsPod(workload)) {
      // The pod's own profile when every container sets its own: Pod Security admission judges it anyway.
      const pod = ownSource(workload);
      const overridden = workload.containers.length > 0 && workload.containers.every((c) => ownSource(workload, c));
      if (pod && overridden) {
        if ('field' in pod) {
          const podType = isMap(pod.field) ? scalarAt(pod.field, 'type') : undefined;
          if (podType?.value === 'Unconfined')
            report({
              ...spanOfNode(podType),
              message:
                'The pod securityContext sets seccomp profile Unconfined. Every container sets its own, but Pod Security admission rejects the pod, and a container added later would run unconfined.',
              missing: false,
              fixes: () =>
                fix('Use seccomp profile RuntimeDefault', withAnnotation(context.editor.replaceScalar(podType, 'RuntimeDefault'), matchAnnotation(workload))),
            });
        } else if (pod.annotation.type === 'Unconfined') {
          report({
            ...spanOfNode(pod.annotation.node),
            message: `The pod annotation ${pod.annotation.key} sets seccomp profile unconfined (Kubernetes ${context.settings.kubernetesVersion} copies it to the pod securityContext). Every container sets its own, but Pod Security admission rejects the pod, and a container added later would run unconfined.`,
            missing: false,
            fixes: () => fix('Use seccomp profile runtime/default', context.editor.replaceScalar(pod.annotation.node, 'runtime/default')),
          });
        }
      }
    }

    forEachLinuxContainer(
      context,
      (container, workload) => {
        const label = containerLabel(container);
        // "Privileged containers always run as Unconfined" (Kubernetes docs): a profile is reported missing or
        // Unconfined all the same (restricted checks it), but a fix would leave the container unconfined.
        const privileged = isPrivileged(container);
        const note = privileged ? voidedByPrivileged('A seccomp profile') : '';
        const source = ownSource(workload, container) ?? ownSource(workload);
        if (source && 'annotation' in source) {
          const { annotation } = source;
          if (annotation.type && CONFINED.has(annotation.type)) return;
          if (!annotation.type) return; // a templated value: unknown
          report({
            ...(source.scope === 'container' ? spanOfNode(annotation.node) : spanOfContainer(container)),
            message: `The ${label} runs with seccomp profile unconfined, set by the annotation ${annotation.key} (Kubernetes ${context.settings.kubernetesVersion} copies it to the securityContext): every system call is allowed.${note}`,
            missing: false,
            fixes: privileged ? [] : () => fix('Use seccomp profile runtime/default', context.editor.replaceScalar(annotation.node, 'runtime/default')),
          });
          return;
        }
        const effective = source && 'field' in source ? { node: source.field, scope: source.scope } : undefined;
        const typeNode = effective && isMap(effective.node) ? scalarAt(effective.node, 'type') : undefined;
        const type = typeNode?.value;
        if (effective && typeNode && isMap(effective.node) && !refused.has(effective.node) && !isTemplate(context.text, typeNode)) {
          const problem = profilePairingProblem(effective.node, String(type));
          if (problem) {
            refused.add(effective.node);
            report({ ...spanOfNode(typeNode), severity: 'error', message: problem.message, missing: false, fixes: problem.fixes });
            return;
          }
        }
        if (typeof type === 'string' && CONFINED.has(type)) return;
        if (typeNode && typeof type === 'string') {
          if (isTemplate(context.text, typeNode)) return; // `type: "{{ .Values.x }}"`: unknown
          report({
            ...(effective?.scope === 'container' ? spanOfNode(typeNode) : spanOfContainer(container)),
            message:
              type === 'Unconfined'
                ? `The ${label} runs with seccomp profile Unconfined: every system call is allowed.${note}`
                : `The ${label} has an unknown seccomp profile type ${type} (RuntimeDefault, Localhost or Unconfined).`,
            missing: false,
            // An unknown type is worth fixing even on a privileged container: the API server refuses it.
            fixes:
              privileged && type === 'Unconfined'
                ? []
                : () =>
                    fix(
                      'Use seccomp profile RuntimeDefault',
                      withAnnotation(
                        context.editor.replaceScalar(typeNode, 'RuntimeDefault'),
                        matchAnnotation(workload, effective?.scope === 'container' ? container : undefined),
                      ),
                    ),
          });
          return;
        }
        if (typeNode) return; // a value we cannot read (e.g. a template expression)
        // A template (an unquoted `{{ … }}` parses as a flow map) may produce the profile: say nothing.
        const unknown = effective
          ? isTemplate(context.text, effective.node) || templatedAt(context.text, effective.node, 'type')
          : inheritedTemplated(context.text, workload, container, 'seccompProfile');
        if (unknown) return;
        // From 1.27 an annotation is ignored: say so, as the manifest's author meant it to apply.
        const ignored = annotationsWork ? undefined : [seccompAnnotation(workload, container), seccompAnnotation(workload)].find((a) => a?.type);
        const podAnnotation = seccompAnnotation(workload);
        report({
          ...spanOfContainer(container),
          message: `${
            ignored
              ? `The ${label} has no seccomp profile, so every system call is allowed: the annotation ${ignored.key}: ${ignored.value} has had no effect since Kubernetes ${SECCOMP_ANNOTATIONS_REMOVED}; only securityContext.seccompProfile sets one.`
              : `The ${label} has no seccomp profile: every system call is allowed.`
          }${note}`,
          missing: true,
          fixes: privileged
            ? []
            : () =>
                fix(
                  'Add seccompProfile RuntimeDefault to the pod securityContext',
                  // The API refuses a pod annotation that differs from the field: no fix next to one that is not runtime/default.
                  effective || (podAnnotation && !matchesRuntimeDefault(podAnnotation))
                    ? undefined
                    : setPodSecurityField(context, workload, ['seccompProfile'], { type: 'RuntimeDefault' }),
                ),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};
