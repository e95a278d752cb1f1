// Values the OpenAPI schema allows but the API server refuses, checked as pkg/apis/core/validation and
// pkg/apis/apps/validation do, with their messages: port numbers and port names (IsValidPortNum, IsValidPortName from
// k8s.io/apimachinery/pkg/util/validation), the fixed sets of values of the API's `+enum` string types (the shipped
// schema, made from the OpenAPI v2 document, has none of them), and spread constraints' numbers. Keyed by the schema
// definition of the object that holds the field.

/** What is wrong with the value (the diagnostic's message), or undefined when the API server accepts it. */
type FieldCheck = (value: unknown) => string | undefined;

/** The API's wording for a value it refuses (field.Invalid), without the field path the editor shows anyway. */
const invalid = (value: unknown, why: string) => `Invalid value ${JSON.stringify(value)}: ${why}.`;

function portNumber(value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined; // a wrong type is the schema's to report
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : invalid(value, 'must be between 1 and 65535, inclusive');
}

/** IANA_SVC_NAME (RFC 6335): what a container port's name, and a named port a Service or probe points at, must be. */
function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function portName(value: unknown): string | undefined {
  const why = typeof value === 'string' ? portNameProblem(value) : undefined;
  return why && invalid(value, why);
}

/** An IntOrString port: a number in range, or a port name (a quoted "8080" is a name, and not a valid one). */
function portNumberOrName(value: unknown): string | undefined {
  return typeof value === 'number' ? portNumber(value) : portName(value);
}

/** 0 is "unset" (hostPort; a Service's targetPort, which then defaults to its port). */
const orZero =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === 0 ? undefined : check(value);

/** One of the API's values, exactly (the API server is case-sensitive: `always` is refused), as yaml-language-server says it. */
const oneOf =
  (...values: string[]): FieldCheck =>
  (value) =>
    typeof value !== 'string' || values.includes(value)
      ? undefined
      : `Value is not accepted. Valid values: ${values.map((v) => JSON.stringify(v)).join(', ')}.`;

function greaterThanZero(value: unknown): string | undefined {
  return typeof value === 'number' && value <= 0 ? invalid(value, 'must be greater than zero') : undefined;
}

/** A file mode (ValidateFileMode): kubectl reads a plain `0644` as octal (YAML 1.1), so `644` is 0o1204 and refused. */
function fileMode(value: unknown): string | undefined {
  return typeof value === 'number' && (value < 0 || value > 0o777) ? invalid(value, 'must be a number between 0 and 0777 (octal), both inclusive') : undefined;
}

const PROTOCOL = oneOf('TCP', 'UDP', 'SCTP');
const UPDATE_STRATEGY = oneOf('RollingUpdate', 'OnDelete');
const PROFILE_TYPE = oneOf('Unconfined', 'RuntimeDefault', 'Localhost');
const CONTAINER = { imagePullPolicy: oneOf('Always', 'IfNotPresent', 'Never'), terminationMessagePolicy: oneOf('File', 'FallbackToLogsOnError') };
const TRAFFIC_POLICY = oneOf('Cluster', 'Local');

export const FIELD_CHECKS: Readonly<Record<string, Readonly<Record<string, FieldCheck>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { name: portName, containerPort: portNumber, hostPort: orZero(portNumber), protocol: PROTOCOL },
  'io.k8s.api.core.v1.ServicePort': { port: portNumber, targetPort: orZero(portNumberOrName), protocol: PROTOCOL },
  'io.k8s.api.core.v1.HTTPGetAction': { port: portNumberOrName, scheme: oneOf('HTTP', 'HTTPS') },
  'io.k8s.api.core.v1.TCPSocketAction': { port: portNumberOrName },
  'io.k8s.api.core.v1.GRPCAction': { port: portNumber },
  'io.k8s.api.core.v1.Container': CONTAINER,
  'io.k8s.api.core.v1.EphemeralContainer': CONTAINER,
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: oneOf('Always', 'OnFailure', 'Never'),
    dnsPolicy: oneOf('ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'),
    preemptionPolicy: oneOf('PreemptLowerPriority', 'Never'),
  },
  'io.k8s.api.core.v1.SecurityContext': { procMount: oneOf('Default', 'Unmasked') },
  'io.k8s.api.core.v1.PodSecurityContext': { fsGroupChangePolicy: oneOf('OnRootMismatch', 'Always') },
  'io.k8s.api.core.v1.SeccompProfile': { type: PROFILE_TYPE },
  'io.k8s.api.core.v1.AppArmorProfile': { type: PROFILE_TYPE },
  'io.k8s.api.core.v1.Toleration': { operator: oneOf('Exists', 'Equal'), effect: oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute') },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    maxSkew: greaterThanZero,
    minDomains: greaterThanZero,
    whenUnsatisfiable: oneOf('DoNotSchedule', 'ScheduleAnyway'),
    nodeAffinityPolicy: oneOf('Honor', 'Ignore'),
    nodeTaintsPolicy: oneOf('Honor', 'Ignore'),
  },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt') },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist') },
  'io.k8s.api.core.v1.HostPathVolumeSource': {
    type: oneOf('', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'),
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { volumeMode: oneOf('Block', 'Filesystem') },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: oneOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    sessionAffinity: oneOf('ClientIP', 'None'),
    externalTrafficPolicy: TRAFFIC_POLICY,
    internalTrafficPolicy: TRAFFIC_POLICY,
    ipFamilyPolicy: oneOf('SingleStack', 'PreferDualStack', 'RequireDualStack'),
  },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: oneOf('Recreate', 'RollingUpdate') },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: oneOf('OrderedReady', 'Parallel') },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: UPDATE_STRATEGY },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: oneOf('Allow', 'Forbid', 'Replace') },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: oneOf('NonIndexed', 'Indexed') },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: oneOf('IfHealthyBudget', 'AlwaysAllow') },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: oneOf('Exact', 'Prefix', 'ImplementationSpecific') },
  'io.k8s.api.core.v1.SecretVolumeSource': { defaultMode: fileMode },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': { defaultMode: fileMode },
  'io.k8s.api.core.v1.ProjectedVolumeSource': { defaultMode: fileMode },
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': { defaultMode: fileMode },
  'io.k8s.api.core.v1.KeyToPath': { mode: fileMode },
  'io.k8s.api.core.v1.DownwardAPIVolumeFile': { mode: fileMode },
};
