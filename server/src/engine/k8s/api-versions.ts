// Deprecated and removed Kubernetes API versions, per kind, from the official deprecation guide
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). `deprecatedIn` is the first release
// in which the replacement is served and the old version is deprecated; `removedIn` the first release that
// no longer serves it.

export interface ApiDeprecation {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn: string;
  /** The stable version to move to (undefined: the API is gone without replacement, e.g. PodSecurityPolicy). */
  replacement?: string;
  /**
   * The replacement accepts the same fields, so rewriting `apiVersion` is the whole migration. When false the
   * schema changed (e.g. Ingress backends, HPA v2beta1 metrics) and no fix is offered.
   */
  dropIn: boolean;
  /** What else to know; shown in the message. */
  note?: string;
}

const APPS_NOTE = 'apps/v1 requires spec.selector';

function entries(apiVersion: string, kinds: string[], rest: Omit<ApiDeprecation, 'apiVersion' | 'kind'>): ApiDeprecation[] {
  return kinds.map((kind) => ({ apiVersion, kind, ...rest }));
}

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  // Removed in 1.16
  ...entries('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], {
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'apps/v1',
    dropIn: true,
    note: APPS_NOTE,
  }),
  ...entries('apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], {
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'apps/v1',
    dropIn: true,
    note: APPS_NOTE,
  }),
  ...entries('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], {
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'apps/v1',
    dropIn: true,
    note: APPS_NOTE,
  }),
  { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'extensions/v1beta1',
    kind: 'PodSecurityPolicy',
    deprecatedIn: '1.11',
    removedIn: '1.16',
    dropIn: false,
    note: 'PodSecurityPolicy was removed in 1.25 altogether; use Pod Security Admission',
  },
  // Removed in 1.22
  {
    apiVersion: 'extensions/v1beta1',
    kind: 'Ingress',
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    dropIn: false,
    note: 'backends become service.name/service.port and pathType is required',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kind: 'Ingress',
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    dropIn: false,
    note: 'backends become service.name/service.port and pathType is required',
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', dropIn: true },
  ...entries('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], {
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    dropIn: true,
  }),
  ...entries('rbac.authorization.k8s.io/v1alpha1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], {
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    dropIn: true,
  }),
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kind: 'CustomResourceDefinition',
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    dropIn: false,
    note: 'v1 requires a structural schema per version',
  },
  ...entries('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], {
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    dropIn: false,
    note: 'v1 requires sideEffects and admissionReviewVersions',
  }),
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kind: 'APIService',
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kind: 'CertificateSigningRequest',
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    dropIn: false,
    note: 'v1 requires signerName',
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kind: 'Lease', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kind: 'PriorityClass',
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
    dropIn: true,
  },
  ...entries('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], {
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
    dropIn: true,
  }),
  // Removed in 1.25
  { apiVersion: 'batch/v1beta1', kind: 'CronJob', deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', dropIn: true },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kind: 'EndpointSlice',
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    dropIn: false,
    note: 'topology becomes zone/hints per endpoint',
  },
  { apiVersion: 'events.k8s.io/v1beta1', kind: 'Event', deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1', dropIn: false },
  {
    apiVersion: 'autoscaling/v2beta1',
    kind: 'HorizontalPodAutoscaler',
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    dropIn: false,
    note: 'metric targets move to target.type/averageUtilization',
  },
  {
    apiVersion: 'policy/v1beta1',
    kind: 'PodDisruptionBudget',
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'policy/v1',
    dropIn: true,
    note: 'in policy/v1 an empty selector selects every pod of the namespace',
  },
  {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    deprecatedIn: '1.21',
    removedIn: '1.25',
    dropIn: false,
    note: 'use Pod Security Admission (pod-security.kubernetes.io labels on the Namespace)',
  },
  { apiVersion: 'node.k8s.io/v1beta1', kind: 'RuntimeClass', deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1', dropIn: true },
  // Removed in 1.26
  { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', dropIn: true },
  ...entries('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], {
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    dropIn: false,
  }),
  // Removed in 1.27
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSIStorageCapacity', deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', dropIn: true },
  // Removed in 1.29
  ...entries('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], {
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    dropIn: false,
    note: 'assuredConcurrencyShares became nominalConcurrencyShares',
  }),
  // Removed in 1.32
  ...entries('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], {
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    dropIn: true,
  }),
];

const BY_KEY = new Map(API_DEPRECATIONS.map((d) => [`${d.apiVersion}|${d.kind}`, d]));

export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return BY_KEY.get(`${apiVersion.trim()}|${kind.trim()}`);
}
