import { isScalar } from 'yaml';
import type { K8sContext, K8sRule } from '../../k8s/context';
import { relaxedForUserNamespace, userNamespaceRelaxes } from '../../k8s/user-namespaces';
import type { OffsetEdit } from '../../types';
import { containerLabel, isWindowsPod, type Container, type InheritedField, type Workload } from '../../k8s/model';
import type { RawFix } from '../../rule';
import { boolOf, mapAt, numberOf, pairOf, stringAt } from '../../yaml/nodes';
import { dockerfileForImage } from '../../k8s/image-dockerfile';
import {
  POD_SECURITY_SCOPE,
  effectiveSecurityOf,
  fix,
  forEachLinuxContainer,
  inheritedTemplated,
  mergePodSecurity,
  overriddenPodSecurity,
  setPodSecurityField,
  spanOfContainer,
  spanOfNode,
} from '../../k8s/rule-toolkit';

const USER_NAMESPACE_NOTE =
  'The pod runs in a user namespace (hostUsers: false), so UID 0 here is not root on the node, and Pod Security admission allows it from Kubernetes 1.35.';

const FIELDS: ReadonlyArray<InheritedField & ('runAsUser' | 'runAsGroup')> = ['runAsUser', 'runAsGroup'];

export const runAsUser: K8sRule = {
  meta: {
    id: 'k8s/run-as-user',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container has no effective non-zero `runAsUser`/`runAsGroup` (error when explicitly 0).',
    rationale:
      'A fixed, non-zero UID/GID makes the user explicit instead of relying on the image, lets `runAsNonRoot` ' +
      'verify images whose USER is a name, and gives mounted volumes a predictable owner via `fsGroup`. The seeds ' +
      'pair `USER 1995` in the Dockerfile with `runAsUser: 1995`, `runAsGroup: 1995` and `fsGroup: 1995`.',
    seeds: ['000', '001', '003', '004'],
    fixable: true,
    category: 'security',
    aliases: { kubescape: ['C-0013'], trivy: ['KSV020', 'KSV021', 'KSV105', 'KSV116'] },
    podSecurity: ['runAsUser'],
    fixKinds: {
      suggestion:
        "Takes the UID of the image's Dockerfile in the workspace. Without one no value is offered: a UID Harden made up may not own the files the image needs.",
    },
  },
  // Reads the workspace's Dockerfiles (through the index) for the UID/GID the image's USER has.
  crossDocument: true,
  check(context, reportFinding) {
    // In a user namespace that admission honours, running as UID 0 is allowed and far less dangerous.
    const report = userNamespaceRelaxes(context.workload, context.settings.kubernetesVersion)
      ? relaxedForUserNamespace(reportFinding, USER_NAMESPACE_NOTE)
      : reportFinding;
    const workload = context.workload;
    const podUser = workload && !isWindowsPod(workload) ? overriddenPodSecurity(workload, 'runAsUser') : undefined;
    if (isScalar(podUser) && numberOf(podUser) === 0) {
      report({
        ...spanOfNode(podUser),
        severity: 'error',
        message:
          'The pod securityContext sets runAsUser: 0 (root). Every container sets its own user, but Pod Security admission (restricted) rejects the pod, and a container added later would run as root.',
        fixes: offered(imageIds(context, workload!.containers), (ids) =>
          fix(`Set runAsUser: ${ids.runAsUser}`, context.editor.replaceScalar(podUser, ids.runAsUser)),
        ),
      });
    }
    forEachLinuxContainer(
      context,
      (container, workload) => {
        const label = containerLabel(container);
        const missing: string[] = [];
        for (const field of FIELDS) {
          const effective = effectiveSecurityOf(workload, container, field);
          if (!effective) {
            if (inheritedTemplated(context.text, workload, container, field)) continue; // a template may set it
            missing.push(field);
            continue;
          }
          if (numberOf(effective.node) === 0) {
            const nonRootBy = field === 'runAsUser' ? nonRootSetter(workload, container) : undefined;
            // The kubelet refuses UID 0 with runAsNonRoot: true even in a user namespace: no relaxing that one.
            (nonRootBy ? reportFinding : report)({
              // An inherited 0 points at each container (as run-as-non-root does), not N times at the pod line.
              ...(effective.scope === 'container' ? spanOfNode(effective.node) : spanOfContainer(container)),
              severity: 'error',
              message:
                `The ${label} runs with ${field}: 0 (root)${effective.scope === 'pod' ? ', inherited from the pod securityContext' : ''}` +
                (nonRootBy
                  ? `, but ${nonRootBy} sets runAsNonRoot: true: the kubelet refuses to start it ("container's runAsUser breaks non-root policy", CreateContainerConfigError).`
                  : '.'),
              // A pod-level 0 is replaced for every container that inherits it.
              fixes: offered(imageIds(context, effective.scope === 'pod' ? workload.containers : [container]), (ids) =>
                fix(`Set ${field}: ${ids[field]}`, context.editor.replaceScalar(effective.node, ids[field])),
              ),
            });
          }
        }
        if (missing.length === 0) return;
        // One fix that sets at pod level every id some container lacks, fsGroup included, as the seeds do. It is the
        // same for every container, so fixing one container does not merely reword another one's finding.
        const podContext = mapAt(workload.podSpec, 'securityContext');
        const lackingOf = (c: Container) => FIELDS.filter((f) => !effectiveSecurityOf(workload, c, f) && !inheritedTemplated(context.text, workload, c, f));
        const lacking = new Set(workload.containers.flatMap(lackingOf));
        const message = `The ${label} has no ${missing.join(' or ')}: the image decides which ${missing.includes('runAsUser') ? 'user' : 'group'} it runs as.`;
        // The pod-level ids reach every container that lacks one: each of their images must be known.
        const ids = imageIds(
          context,
          workload.containers.filter((c) => lackingOf(c).length > 0),
        );
        if (!ids) {
          report({ ...spanOfContainer(container), message, missing: true });
          return;
        }
        const toAdd = ['runAsUser', 'runAsGroup', 'fsGroup'].filter(
          (f) => !pairOf(podContext, f) && (f === 'fsGroup' || lacking.has(f as (typeof FIELDS)[number])),
        );
        // Pod-level ids written without a value (`runAsUser:`) are filled in where they are.
        const toFill = FIELDS.filter((f) => lacking.has(f) && pairOf(podContext, f));
        const value = (f: string) => (f === 'runAsUser' ? ids.runAsUser : ids.runAsGroup);
        const edits = () => {
          const merged = mergePodSecurity(context, workload, Object.fromEntries(toAdd.map((f) => [f, value(f)])));
          const filled = toFill.map((f) => setPodSecurityField(context, workload, [f], value(f)));
          return merged && filled.every((e) => e) ? coalesce([...filled.flatMap((e) => e ?? []), ...merged]) : undefined;
        };
        report({
          ...spanOfContainer(container),
          message,
          missing: true,
          fixes: () => fix(`Set ${[...toFill, ...toAdd].join(', ')} to ${ids.source} in the pod securityContext`, edits()),
        });
      },
      POD_SECURITY_SCOPE,
    );
  },
};

/** Which securityContext gives the container an effective runAsNonRoot: true, if one does. */
function nonRootSetter(workload: Workload, container: Container): string | undefined {
  const nonRoot = effectiveSecurityOf(workload, container, 'runAsNonRoot');
  if (!nonRoot || boolOf(nonRoot.node) !== true) return undefined;
  return nonRoot.scope === 'pod' ? 'the pod securityContext' : 'its securityContext';
}

interface ImageIds {
  runAsUser: number;
  runAsGroup: number;
  /** Where the ids come from, for the fix's title. */
  source: string;
}

/**
 * The ids to write for these containers: those the workspace's Dockerfiles of their images assign to USER, when
 * every image has one and they agree. Otherwise none: any number would be a guess, and a UID that does not own
 * the files the image needs breaks it. fsGroup follows the group.
 */
function imageIds(context: K8sContext, containers: readonly Container[]): ImageIds | undefined {
  const uids = new Set<number>();
  const gids = new Set<number>();
  let path = '';
  for (const container of containers) {
    const image = stringAt(container.node, 'image');
    const dockerfile = image ? dockerfileForImage(image, context.index, context.settings) : undefined;
    if (dockerfile?.uid === undefined) return undefined;
    uids.add(dockerfile.uid);
    gids.add(dockerfile.gid ?? dockerfile.uid);
    path = dockerfile.path;
  }
  if (uids.size === 1 && gids.size === 1 && path) {
    const [uid] = uids;
    const [gid] = gids;
    return { runAsUser: uid, runAsGroup: gid, source: `${uid}${gid !== uid ? `/${gid}` : ''} (the USER of ${path.split('/').slice(-2).join('/')})` };
  }
  return undefined;
}

function offered(ids: ImageIds | undefined, fixWith: (ids: ImageIds) => RawFix[]): RawFix[] {
  return ids ? fixWith(ids) : [];
}

/** Joins insertions at the same offset into one edit, so that their order does not depend on the client. */
function coalesce(edits: OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const edit of edits) {
    const same = out.find((e) => e.start === edit.start && e.end === e.start && edit.end === edit.start);
    if (same) same.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}
