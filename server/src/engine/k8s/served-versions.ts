// Which apiVersions serve each kind of Kubernetes' built-in API groups: the closed set `kubectl apply` maps a
// manifest's apiVersion/kind to ("no matches for kind … in version …" otherwise). From the vendored schemas Harden
// ships (vendor/kubernetes-json-schema, one per minor of SERVED_MINORS: every `x-kubernetes-group-version-kind` but
// apimachinery's meta types and lists; test/rules/k8s/deprecated-api-version.test.ts checks the table against them),
// and, for versions removed before those minors, the deprecation table (api-versions.ts).
import { API_DEPRECATIONS, type ApiDeprecation } from './api-versions';
import { atLeast, compareVersions, parseVersion, type KubeVersion } from './versions';

/** The Kubernetes minors SERVED_VERSIONS covers, oldest first (those of the shipped schemas). */
export const SERVED_MINORS = ['1.30', '1.31', '1.32'] as const;

/**
 * API group (`''`: the core group) -> kind -> the versions that serve it, space-separated; `v1alpha1@1.30,1.31`: in
 * those minors only, a bare version in every minor of SERVED_MINORS. Alpha and beta versions count as served (a
 * feature gate or `--runtime-config` may turn them on).
 */
export const SERVED_VERSIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': {
    Binding: 'v1',
    ComponentStatus: 'v1',
    ConfigMap: 'v1',
    Endpoints: 'v1',
    Event: 'v1',
    LimitRange: 'v1',
    Namespace: 'v1',
    Node: 'v1',
    PersistentVolume: 'v1',
    PersistentVolumeClaim: 'v1',
    Pod: 'v1',
    PodTemplate: 'v1',
    ReplicationController: 'v1',
    ResourceQuota: 'v1',
    Secret: 'v1',
    Service: 'v1',
    ServiceAccount: 'v1',
  },
  'admissionregistration.k8s.io': {
    MutatingAdmissionPolicy: 'v1alpha1@1.32',
    MutatingAdmissionPolicyBinding: 'v1alpha1@1.32',
    MutatingWebhookConfiguration: 'v1',
    ValidatingAdmissionPolicy: 'v1 v1alpha1@1.30,1.31 v1beta1',
    ValidatingAdmissionPolicyBinding: 'v1 v1alpha1@1.30,1.31 v1beta1',
    ValidatingWebhookConfiguration: 'v1',
  },
  'apiextensions.k8s.io': {
    CustomResourceDefinition: 'v1',
  },
  'apiregistration.k8s.io': {
    APIService: 'v1',
  },
  apps: {
    ControllerRevision: 'v1',
    DaemonSet: 'v1',
    Deployment: 'v1',
    ReplicaSet: 'v1',
    StatefulSet: 'v1',
  },
  'authentication.k8s.io': {
    SelfSubjectReview: 'v1 v1alpha1@1.30,1.31 v1beta1',
    TokenRequest: 'v1',
    TokenReview: 'v1',
  },
  'authorization.k8s.io': {
    LocalSubjectAccessReview: 'v1',
    SelfSubjectAccessReview: 'v1',
    SelfSubjectRulesReview: 'v1',
    SubjectAccessReview: 'v1',
  },
  autoscaling: {
    HorizontalPodAutoscaler: 'v1 v2',
    Scale: 'v1',
  },
  batch: {
    CronJob: 'v1',
    Job: 'v1',
  },
  'certificates.k8s.io': {
    CertificateSigningRequest: 'v1',
    ClusterTrustBundle: 'v1alpha1',
  },
  'coordination.k8s.io': {
    Lease: 'v1',
    LeaseCandidate: 'v1alpha1@1.31 v1alpha2@1.32',
  },
  'discovery.k8s.io': {
    EndpointSlice: 'v1',
  },
  'events.k8s.io': {
    Event: 'v1',
  },
  'flowcontrol.apiserver.k8s.io': {
    FlowSchema: 'v1 v1beta3@1.30,1.31',
    PriorityLevelConfiguration: 'v1 v1beta3@1.30,1.31',
  },
  'internal.apiserver.k8s.io': {
    StorageVersion: 'v1alpha1',
  },
  'networking.k8s.io': {
    IPAddress: 'v1alpha1@1.30 v1beta1@1.31,1.32',
    Ingress: 'v1',
    IngressClass: 'v1',
    NetworkPolicy: 'v1',
    ServiceCIDR: 'v1alpha1@1.30 v1beta1@1.31,1.32',
  },
  'node.k8s.io': {
    RuntimeClass: 'v1',
  },
  policy: {
    Eviction: 'v1',
    PodDisruptionBudget: 'v1',
  },
  'rbac.authorization.k8s.io': {
    ClusterRole: 'v1',
    ClusterRoleBinding: 'v1',
    Role: 'v1',
    RoleBinding: 'v1',
  },
  'resource.k8s.io': {
    DeviceClass: 'v1alpha3@1.31,1.32 v1beta1@1.32',
    PodSchedulingContext: 'v1alpha2@1.30 v1alpha3@1.31',
    ResourceClaim: 'v1alpha2@1.30 v1alpha3@1.31,1.32 v1beta1@1.32',
    ResourceClaimParameters: 'v1alpha2@1.30',
    ResourceClaimTemplate: 'v1alpha2@1.30 v1alpha3@1.31,1.32 v1beta1@1.32',
    ResourceClass: 'v1alpha2@1.30',
    ResourceClassParameters: 'v1alpha2@1.30',
    ResourceSlice: 'v1alpha2@1.30 v1alpha3@1.31,1.32 v1beta1@1.32',
  },
  'scheduling.k8s.io': {
    PriorityClass: 'v1',
  },
  'storage.k8s.io': {
    CSIDriver: 'v1',
    CSINode: 'v1',
    CSIStorageCapacity: 'v1',
    StorageClass: 'v1',
    VolumeAttachment: 'v1',
    VolumeAttributesClass: 'v1alpha1 v1beta1@1.31,1.32',
  },
  'storagemigration.k8s.io': {
    StorageVersionMigration: 'v1alpha1',
  },
};

/** Why an apiVersion/kind is not served (`unservedApiVersion`). */
export interface Unserved {
  /** The apiVersions that serve the kind at the configured version (or at `asOf`), any group. */
  servedAs: string[];
  /** The minor of the data `servedAs` comes from, when the configured version is older than SERVED_MINORS. */
  asOf?: string;
  /** The kind is gone: no version serves it since this release (PodSecurityPolicy, 1.25). */
  removedIn?: string;
  /** The latest removal's note (what to use instead), when the kind is gone. */
  note?: string;
}

const OLDEST = parseVersion(SERVED_MINORS[0])!;
const NEWEST = parseVersion(SERVED_MINORS[SERVED_MINORS.length - 1])!;
const GROUPS = new Set([...Object.keys(SERVED_VERSIONS), ...API_DEPRECATIONS.map((d) => groupOf(d.apiVersion))]);
/** GA versions (`v1`, `v2`): the deprecation policy never removes one within a major version of Kubernetes. */
const GA_VERSION = /^v\d+$/;

/**
 * The apiVersion names a built-in API group, and no version of it serves `kind` at `kubernetesVersion`: undefined
 * when it does, when the group is not built-in (a custom resource: its CRD decides), when the kind is unknown to every
 * built-in group (a typo, a kubeconfig's `v1 Config`: not an object of the API), and for a deprecated version
 * (`deprecationOf`: k8s/deprecated-api-version says more about it). Outside SERVED_MINORS only what holds in every
 * release is said: a kind that is gone stays gone, and a GA version that the newest minor lacks never existed (no GA
 * version is ever removed); newer releases may add versions.
 */
export function unservedApiVersion(apiVersion: string, kind: string, kubernetesVersion: string | undefined): Unserved | undefined {
  const slashes = apiVersion.split('/').length - 1;
  if (slashes > 1 || !kind || kind === 'List') return undefined;
  const group = groupOf(apiVersion);
  const version = slashes === 0 ? apiVersion : apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (!GROUPS.has(group) || !version) return undefined;
  const deprecations = API_DEPRECATIONS.filter((d) => d.kind === kind);
  if (deprecations.some((d) => d.apiVersion === apiVersion)) return undefined;
  const everServed = Object.keys(SERVED_VERSIONS).some((g) => SERVED_VERSIONS[g][kind] !== undefined);
  if (!everServed && deprecations.length === 0) return undefined;
  const target: KubeVersion = parseVersion(kubernetesVersion) ?? NEWEST;
  const gone = everServed ? undefined : latestRemoval(deprecations);
  if (gone && atLeast(kubernetesVersion, gone.removedIn)) return { servedAs: [], removedIn: gone.removedIn, note: gone.note };
  // Still served at the target by a version that was removed later (only the deprecation table knows those).
  const stillDeprecated = deprecations.filter((d) => !atLeast(formatted(target), d.removedIn)).map((d) => d.apiVersion);
  if (gone) return { servedAs: stillDeprecated };
  if (compareVersions(target, NEWEST) > 0) return undefined;
  if (compareVersions(target, OLDEST) < 0) {
    if (!GA_VERSION.test(version) || servedIn(kind, undefined).includes(apiVersion)) return undefined;
    return { servedAs: unique([...servedIn(kind, SERVED_MINORS[0]), ...stillDeprecated]), asOf: SERVED_MINORS[0] };
  }
  const servedAs = unique([...servedIn(kind, formatted(target)), ...stillDeprecated]);
  return servedAs.includes(apiVersion) ? undefined : { servedAs };
}

/** The apiVersions that serve `kind` in `minor` (undefined: in any minor of SERVED_MINORS). */
function servedIn(kind: string, minor: string | undefined): string[] {
  const out: string[] = [];
  for (const [group, kinds] of Object.entries(SERVED_VERSIONS)) {
    for (const entry of kinds[kind]?.split(' ') ?? []) {
      const [version, minors] = entry.split('@');
      if (minor === undefined || minors === undefined || minors.split(',').includes(minor)) out.push(group ? `${group}/${version}` : version);
    }
  }
  return out;
}

function latestRemoval(deprecations: readonly ApiDeprecation[]): ApiDeprecation | undefined {
  return [...deprecations].sort((a, b) => compareVersions(parseVersion(b.removedIn)!, parseVersion(a.removedIn)!))[0];
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function formatted(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
