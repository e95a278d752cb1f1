// `.Capabilities.APIVersions`: the built-in API group versions a real cluster of the target Kubernetes version
// serves, and `group/version/Kind` for each of their kinds, as `helm install` sees them (it asks the cluster).
// `helm template` without a cluster answers from client-go's scheme instead (Helm's DefaultVersionSet): every
// group version client-go knows, alpha and long-removed betas included, plus apiextensions.k8s.io v1 and v1beta1,
// no kinds, and no apiregistration.k8s.io. Harden lints for a target version, so it answers as a cluster of that
// version would: a chart that gates its APIService on apiregistration.k8s.io/v1 (prometheus-adapter), or prefers
// autoscaling/v2beta2 while it exists, renders the branch that cluster gets, not a removed API version that
// k8s/deprecated-api-version would report. Not modelled: alpha and off-by-default beta APIs (a cluster serves
// none by default), versions added after the target (listed whatever the target), custom resources (unknown).
import { API_DEPRECATIONS } from '../k8s/api-versions';
import { atLeast } from '../k8s/versions';

const GROUP_KINDS: Record<string, string[]> = {
  v1: [
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  'admissionregistration.k8s.io/v1': [
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'ValidatingWebhookConfiguration',
  ],
  'admissionregistration.k8s.io/v1beta1': [
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'ValidatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'apps/v1beta1': ['ControllerRevision', 'Deployment', 'StatefulSet'],
  'apps/v1beta2': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
  'authentication.k8s.io/v1beta1': ['SelfSubjectReview', 'TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'authorization.k8s.io/v1beta1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'batch/v1': ['CronJob', 'Job'],
  'batch/v1beta1': ['CronJob'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'extensions/v1beta1': ['DaemonSet', 'Deployment', 'Ingress', 'NetworkPolicy', 'PodSecurityPolicy', 'ReplicaSet'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'flowcontrol.apiserver.k8s.io/v1beta2': ['FlowSchema', 'PriorityLevelConfiguration'],
  'flowcontrol.apiserver.k8s.io/v1beta3': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'policy/v1beta1': ['Eviction', 'PodDisruptionBudget', 'PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
};

/**
 * The first release that no longer serves a group version (the deprecation guide,
 * https://kubernetes.io/docs/reference/using-api/deprecation-guide/); a kind removed earlier is in API_DEPRECATIONS.
 */
const REMOVED_IN: Record<string, string> = {
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'admissionregistration.k8s.io/v1beta1': '1.22',
  'apiextensions.k8s.io/v1beta1': '1.22',
  'apiregistration.k8s.io/v1beta1': '1.22',
  'authentication.k8s.io/v1beta1': '1.22',
  'authorization.k8s.io/v1beta1': '1.22',
  'certificates.k8s.io/v1beta1': '1.22',
  'coordination.k8s.io/v1beta1': '1.22',
  'extensions/v1beta1': '1.22',
  'networking.k8s.io/v1beta1': '1.22',
  'rbac.authorization.k8s.io/v1beta1': '1.22',
  'scheduling.k8s.io/v1beta1': '1.22',
  'autoscaling/v2beta1': '1.25',
  'batch/v1beta1': '1.25',
  'discovery.k8s.io/v1beta1': '1.25',
  'events.k8s.io/v1beta1': '1.25',
  'node.k8s.io/v1beta1': '1.25',
  'policy/v1beta1': '1.25',
  'autoscaling/v2beta2': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta1': '1.26',
  'storage.k8s.io/v1beta1': '1.27',
  'flowcontrol.apiserver.k8s.io/v1beta2': '1.29',
  'flowcontrol.apiserver.k8s.io/v1beta3': '1.32',
};

const KIND_REMOVED_IN = new Map(API_DEPRECATIONS.map((d) => [`${d.apiVersion}/${d.kind}`, d.removedIn]));

const cached = new Map<string, string[]>();

/**
 * Group versions and `group/version/Kind` entries, as `.Capabilities.APIVersions.Has` checks them, that a cluster of
 * `kubeVersion` (`v1.32.0`, `1.32`) serves; an unreadable version counts as the newest.
 */
export function defaultApiVersions(kubeVersion = ''): string[] {
  let versions = cached.get(kubeVersion);
  if (!versions) {
    const served = (removedIn: string | undefined) => removedIn === undefined || !atLeast(kubeVersion || undefined, removedIn);
    versions = Object.entries(GROUP_KINDS)
      .filter(([gv]) => served(REMOVED_IN[gv]))
      .flatMap(([gv, kinds]) => [gv, ...kinds.filter((kind) => served(KIND_REMOVED_IN.get(`${gv}/${kind}`))).map((kind) => `${gv}/${kind}`)])
      .sort();
    cached.set(kubeVersion, versions);
  }
  return versions;
}
