import { isScalar, type YAMLMap } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel, podSpecPath, type Container, type Workload } from '../../k8s/model';
import { atLeast } from '../../k8s/versions';
import type { RawFinding } from '../../rule';
import { keySpan, mapAt, pairOf } from '../../yaml/nodes';
import { fix } from '../../k8s/rule-toolkit';
import { movePair, type MoveSource, type MoveTarget } from '../../k8s/move-field';

/** Lifecycle handlers written directly under a container. */
const LIFECYCLE_HOOKS = ['preStop', 'postStart'];
/** SecurityContext fields that exist only on a container. */
const CONTAINER_ONLY_SECURITY = ['allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities', 'privileged', 'procMount'];
/** SecurityContext fields that are no container fields (written one level too high, directly under a container). */
const SECURITY_CONTEXT_FIELDS = [
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'allowPrivilegeEscalation',
  'readOnlyRootFilesystem',
  'capabilities',
  'privileged',
  'procMount',
  'seccompProfile',
  'seLinuxOptions',
  'appArmorProfile',
  'windowsOptions',
];
/** SecurityContext fields that exist only on the pod. */
const POD_ONLY_SECURITY = ['fsGroup', 'fsGroupChangePolicy', 'sysctls', 'supplementalGroups', 'supplementalGroupsPolicy'];
/** Container fields that are no pod-spec fields (a container's lines lost their `- name:` item). */
const CONTAINER_FIELDS = [
  'image',
  'imagePullPolicy',
  'command',
  'args',
  'workingDir',
  'ports',
  'env',
  'envFrom',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'stdin',
  'tty',
];
/** Pod-level `resources` (KEP-2837): alpha behind the PodLevelResources gate in 1.32, on by default (beta) in 1.34. */
export const POD_RESOURCES_ALPHA = '1.32';
export const POD_RESOURCES_BETA = '1.34';

export const misplacedField: K8sRule = {
  meta: {
    id: 'k8s/misplaced-field',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A field that is valid elsewhere sits at the wrong level of a pod spec or container.',
    rationale:
      "One indentation step decides whether a field means anything. Seed 002's own graceful-shutdown example has " +
      '`preStop:` at the same indentation as `lifecycle:`, which makes `lifecycle` empty and `preStop` an unknown ' +
      'container field: the API server rejects it (strict field validation) or drops it, and the 15 s wait never ' +
      'happens. The same goes for container-only securityContext fields at pod level and pod-only ones on a ' +
      'container, `replicas` inside the pod template (seed 002 has `spec.template.spec.replicas: 3`), and container ' +
      'fields or `resources` directly in the pod spec.',
    seeds: ['002'],
    fixable: true,
    category: 'hygiene',
    // A moved field takes effect, and the rules that read it see it: `ports` in the container (k8s/readiness-probe
    // may then apply), `runAsUser: 0` in the securityContext (k8s/run-as-user reports root), `privileged: true`, …
    fixEnables: [
      'k8s/readiness-probe',
      'k8s/run-as-user',
      'k8s/run-as-non-root',
      'k8s/run-as-user-mismatch',
      'k8s/privileged',
      'k8s/allow-privilege-escalation',
      'k8s/dangerous-capabilities',
      'k8s/proc-mount',
      'k8s/seccomp-profile',
      'k8s/selinux-options',
      'k8s/apparmor-profile',
      'k8s/host-process',
      'k8s/unsafe-sysctls',
    ],
    fixKinds: {
      // Never safe: a field dropped where it is (lenient validation: Helm's, Flux's server-side apply warns and drops)
      // takes effect once moved, and a UID, a read-only root, capabilities, a hook, limits or replicas can break the
      // running workload (the kube-linter fixture with `runAsUser: 0` under a container made it run as root).
      suggestion:
        'Moves a field the user wrote to where Kubernetes reads it: it takes effect (a UID, a read-only root, a hook, limits, replicas…), which changes what the running workload does.',
    },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    const move = (source: MoveSource, targets: MoveTarget[] | undefined) => (targets ? movePair(context, source, targets) : undefined);
    const at = (map: YAMLMap, key: string) => {
      const pair = pairOf(map, key)!;
      const [start, end] = keySpan(pair);
      return { start, end };
    };
    const emit = (finding: RawFinding) => report(finding);

    for (const container of workload.containers) {
      const label = containerLabel(container);
      for (const key of LIFECYCLE_HOOKS) {
        if (!pairOf(container.node, key)) continue;
        const edits = move({ map: container.node, key }, [{ map: container.node, path: ['lifecycle'] }]);
        emit({
          ...at(container.node, key),
          message: `\`${key}\` sits directly under the ${label}: it belongs under \`lifecycle\`, so the hook never runs.`,
          fixes: fix(`Move ${key} under lifecycle`, edits, 'suggestion'),
        });
      }
      for (const key of SECURITY_CONTEXT_FIELDS) {
        if (!pairOf(container.node, key)) continue;
        // Only when the securityContext does not set it too: then it is a leftover, not a misplacement to move.
        const targets = pairOf(mapAt(container.node, 'securityContext'), key) ? undefined : [{ map: container.node, path: ['securityContext'] }];
        emit({
          ...at(container.node, key),
          message: `\`${key}\` sits directly under the ${label}: it belongs in its \`securityContext\`, so Kubernetes ignores or rejects it here.`,
          fixes: fix(`Move ${key} into the securityContext`, move({ map: container.node, key }, targets), 'suggestion'),
        });
      }
      const security = mapAt(container.node, 'securityContext');
      if (security) {
        for (const key of POD_ONLY_SECURITY) {
          if (!pairOf(security, key)) continue;
          const edits = move({ map: security, key, parent: { map: container.node, key: 'securityContext' } }, [
            { map: workload.podSpec, path: ['securityContext'], before: ['initContainers', 'containers'] },
          ]);
          emit({
            ...at(security, key),
            message: `\`${key}\` in the securityContext of the ${label} is a pod-level field: it belongs in the pod's securityContext.`,
            fixes: fix(`Move ${key} to the pod securityContext`, edits, 'suggestion'),
          });
        }
      }
    }

    const podSecurity = mapAt(workload.podSpec, 'securityContext');
    if (podSecurity) {
      for (const key of CONTAINER_ONLY_SECURITY) {
        if (!pairOf(podSecurity, key)) continue;
        const targets = workload.containers.some((c) => pairOf(mapAt(c.node, 'securityContext'), key))
          ? undefined
          : workload.containers.map((c) => ({ map: c.node, path: ['securityContext'] }));
        const edits = move({ map: podSecurity, key, parent: { map: workload.podSpec, key: 'securityContext' } }, targets);
        emit({
          ...at(podSecurity, key),
          message: `\`${key}\` in the pod securityContext has no effect: it exists only in a container's securityContext.`,
          fixes: fix(`Move ${key} into every container's securityContext`, edits, 'suggestion'),
        });
      }
    }

    const only = onlyContainer(workload);
    for (const key of CONTAINER_FIELDS) {
      if (!pairOf(workload.podSpec, key)) continue;
      const edits = move({ map: workload.podSpec, key }, only ? [{ map: only.node, path: [] }] : undefined);
      emit({
        ...at(workload.podSpec, key),
        message: `\`${key}\` is a container field, not a pod spec field: it belongs under a container in \`containers\`.`,
        fixes: fix(`Move ${key} into the ${only ? containerLabel(only) : 'container'}`, edits, 'suggestion'),
      });
    }

    if (pairOf(workload.podSpec, 'resources')) {
      const version = context.settings.kubernetesVersion;
      if (!atLeast(version, POD_RESOURCES_BETA)) {
        const alpha = atLeast(version, POD_RESOURCES_ALPHA);
        const edits = move({ map: workload.podSpec, key: 'resources' }, only ? [{ map: only.node, path: [] }] : undefined);
        emit({
          ...at(workload.podSpec, 'resources'),
          severity: alpha ? 'warning' : undefined,
          message: alpha
            ? `Pod-level \`resources\` is alpha in Kubernetes ${version} (PodLevelResources feature gate, off by default): without it the API server drops the field; set resources on the container.`
            : `\`resources\` is not a pod spec field in Kubernetes ${version}: it belongs under a container.`,
          fixes: fix(`Move resources into the ${only ? containerLabel(only) : 'container'}`, edits, 'suggestion'),
        });
      }
    }

    if (workload.template !== workload.object.root && pairOf(workload.podSpec, 'replicas')) {
      const path = podSpecPath(workload.object, context.settings.workloadKinds) ?? [];
      const hasReplicas = path.join('.') === 'spec.template.spec' && !['DaemonSet', 'Job'].includes(workload.object.kind);
      const rootSpec = mapAt(workload.object.root, 'spec');
      const first = rootSpec?.items[0]?.key;
      const targets = hasReplicas && rootSpec && isScalar(first) ? [{ map: rootSpec, path: [], before: [String(first.value)] }] : undefined;
      emit({
        ...at(workload.podSpec, 'replicas'),
        message: hasReplicas
          ? `\`replicas\` inside the pod template has no effect: it belongs in the ${workload.object.kind} spec.`
          : `\`replicas\` is not a pod spec field and a ${workload.object.kind} has no replica count.`,
        fixes: fix(`Move replicas to the ${workload.object.kind} spec`, move({ map: workload.podSpec, key: 'replicas' }, targets), 'suggestion'),
      });
    }
  },
};

function onlyContainer(workload: Workload): Container | undefined {
  const regular = workload.containers.filter((c) => c.list === 'containers');
  return regular.length === 1 ? regular[0] : undefined;
}
