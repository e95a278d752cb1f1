import { isScalar, type Scalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import type { Container } from '../../k8s/model';
import { atLeast } from '../../k8s/versions';
import type { OffsetEdit } from '../../types';
import { isNullish, mapAt, pairOf, scalarAt, valueOf } from '../../yaml/nodes';
import { fix, forEachSecurityContextOwner, isTemplate, spanOfNode } from '../../k8s/rule-toolkit';
import { isPrivileged, voidedByPrivileged } from '../../k8s/privileged-container';

/** The annotation that set a container's AppArmor profile before the `appArmorProfile` field (Kubernetes 1.30). */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** The `appArmorProfile` fields exist from Kubernetes 1.30 (kubernetes PR #123435); an older API server drops them. */
export const APPARMOR_FIELDS_VERSION = '1.30';

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
    aliases: { trivy: ['KSV002'] },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const version = context.settings.kubernetesVersion;
    const unconfinedType = (owner: YAMLMap) => {
      const type = scalarAt(owner, 'securityContext', 'appArmorProfile', 'type');
      return type && type.value === 'Unconfined' && !isTemplate(context.text, type) ? type : undefined;
    };
    const hasOwnField = (container: Container) => !isNullish(valueOf(mapAt(container.node, 'securityContext'), 'appArmorProfile'));
    const annotations = mapAt(workload.template, 'metadata', 'annotations');
    const unconfinedAnnotation = (container: Container): Scalar | undefined => {
      const node = container.name ? pairOf(annotations, ANNOTATION_PREFIX + container.name)?.value : undefined;
      return isScalar(node) && node.value === 'unconfined' && !isTemplate(context.text, node) ? node : undefined;
    };
    /** Replaces each node (a field's type, an annotation's value) with the runtime default; undefined when one cannot be. */
    const toRuntimeDefault = (nodes: { field?: Scalar[]; annotation?: Scalar[] }): OffsetEdit[] | undefined => {
      const edits: OffsetEdit[] = [];
      for (const [list, value] of [
        [nodes.field ?? [], 'RuntimeDefault'],
        [nodes.annotation ?? [], 'runtime/default'],
      ] as const) {
        for (const node of list) {
          const more = context.editor.replaceScalar(node, value);
          if (!more) return undefined;
          edits.push(...more);
        }
      }
      return edits;
    };
    const containers = [...workload.containers, ...workload.ephemeralContainers];
    // From 1.30 the API refuses a container's annotation that differs from its profile field, or from the pod's
    // when the container sets none ("apparmor type in annotation and field must match"; kubernetes issue #128306):
    // a fix turns the annotations checked against a field to the runtime default with it.
    const fields = atLeast(version, APPARMOR_FIELDS_VERSION);
    const podType = fields ? unconfinedType(workload.podSpec) : undefined;
    const inheritingAnnotations = () => containers.filter((c) => !hasOwnField(c)).flatMap((c) => unconfinedAnnotation(c) ?? []);
    const podFix = (type: Scalar) => toRuntimeDefault({ field: [type], annotation: fields ? inheritingAnnotations() : [] });

    forEachSecurityContextOwner(context, (owner, who) => {
      const type = unconfinedType(owner);
      if (!type) return;
      const container = containers.find((c) => c.node === owner);
      const annotation = fields && container ? unconfinedAnnotation(container) : undefined;
      // The runtime applies its default profile only to an unprivileged container (containerd skips RuntimeDefault
      // "when container is privileged"): the fix would change nothing.
      const privileged = !!container && isPrivileged(container);
      const note = privileged ? voidedByPrivileged("The runtime's default profile") : '';
      report({
        ...spanOfNode(type),
        message: fields
          ? `The ${who} runs with AppArmor profile Unconfined: the runtime's default profile is turned off.${note}`
          : `The ${who} sets AppArmor profile Unconfined in appArmorProfile, a field Kubernetes ${version} does not have (it came in ${APPARMOR_FIELDS_VERSION}): the API server drops it today, and after an upgrade it turns the runtime's default profile off.${note}`,
        fixes: privileged
          ? []
          : () =>
              fix(
                'Use AppArmor profile RuntimeDefault',
                container ? toRuntimeDefault({ field: [type], annotation: annotation ? [annotation] : [] }) : podFix(type),
              ),
      });
    });
    // The annotations live on the pod: the template's metadata (the object's own for a bare Pod).
    for (const { key, value: node } of annotations?.items ?? []) {
      if (!isScalar(key) || typeof key.value !== 'string' || !key.value.startsWith(ANNOTATION_PREFIX)) continue;
      if (!isScalar(node) || node.value !== 'unconfined' || isTemplate(context.text, node)) continue;
      const name = key.value.slice(ANNOTATION_PREFIX.length);
      const container = fields ? containers.find((c) => c.name === name) : undefined;
      const own = container ? unconfinedType(container.node) : undefined;
      const inherited = container && !hasOwnField(container) ? podType : undefined;
      const named = containers.find((c) => c.name === name);
      const privileged = !!named && isPrivileged(named);
      report({
        ...spanOfNode(node),
        message: `The container "${name}" runs with AppArmor profile unconfined (annotation): the runtime's default profile is turned off.${privileged ? voidedByPrivileged("The runtime's default profile") : ''}`,
        fixes: privileged
          ? []
          : () =>
              fix('Use AppArmor profile runtime/default', inherited ? podFix(inherited) : toRuntimeDefault({ field: own ? [own] : [], annotation: [node] })),
      });
    }
  },
};
