// The controls of the Pod Security Standards as the Pod Security admission controller checks them
// (kubernetes/pod-security-admission, policy/check_*.go). Rules name the checks they implement in
// `meta.podSecurity`; docs/pod-security.md's table is generated from this list and those names.

export interface PodSecurityControl {
  /** The control as the standard names it. */
  control: string;
  level: 'baseline' | 'restricted';
  /** Admission's `MinimumVersion` and the later versions that changed the check. */
  versions: string;
  /** Where Harden differs on purpose (rendered after the rule). */
  harden?: string;
}

/** Keyed by the admission check id (`CheckID` in policy/check_*.go), in the order the standard lists them. */
export const POD_SECURITY_CONTROLS = {
  windowsHostProcess: { control: 'HostProcess', level: 'baseline', versions: '1.0' },
  hostNamespaces: { control: 'Host namespaces', level: 'baseline', versions: '1.0' },
  privileged: { control: 'Privileged containers', level: 'baseline', versions: '1.0' },
  capabilities_baseline: { control: 'Capabilities', level: 'baseline', versions: '1.0' },
  hostPathVolumes: { control: 'HostPath volumes', level: 'baseline', versions: '1.0' },
  hostPorts: { control: 'Host ports', level: 'baseline', versions: '1.0' },
  appArmorProfile: { control: 'AppArmor', level: 'baseline', versions: '1.0' },
  seLinuxOptions: { control: 'SELinux', level: 'baseline', versions: '1.0; 1.31 adds type `container_engine_t`' },
  procMount: {
    control: '/proc mount type',
    level: 'baseline',
    versions: '1.0; from 1.35 any value when `hostUsers: false`',
    harden: 'warning, not error, for such pods from 1.35',
  },
  procMount_restricted: { control: '/proc mount type', level: 'restricted', versions: '1.35 (keeps requiring `Default` in user namespaces)' },
  seccompProfile_baseline: { control: 'Seccomp', level: 'baseline', versions: '1.0; 1.19 reads the field' },
  sysctls: { control: 'Sysctls', level: 'baseline', versions: '1.0; safe set grows at 1.27, 1.29, 1.32, 1.37' },
  hostProbesAndHostLifecycle: { control: 'Probe / lifecycle host', level: 'baseline', versions: '1.34 (Harden warns before)' },
  restrictedVolumes: { control: 'Volume types', level: 'restricted', versions: '1.0' },
  allowPrivilegeEscalation: { control: 'Privilege escalation', level: 'restricted', versions: '1.8; Windows pods exempt from 1.25' },
  runAsNonRoot: {
    control: 'Running as non-root',
    level: 'restricted',
    versions: '1.0; from 1.35 relaxed when `hostUsers: false`',
    harden: 'info for such pods from 1.35',
  },
  runAsUser: {
    control: 'Running as non-root user',
    level: 'restricted',
    versions: '1.23; from 1.35 relaxed when `hostUsers: false`',
    harden: 'info for such pods from 1.35',
  },
  seccompProfile_restricted: { control: 'Seccomp', level: 'restricted', versions: '1.19; Windows pods exempt from 1.25' },
  capabilities_restricted: { control: 'Capabilities', level: 'restricted', versions: '1.22; Windows pods exempt from 1.25' },
} as const satisfies Record<string, PodSecurityControl>;

export type PodSecurityCheck = keyof typeof POD_SECURITY_CONTROLS;

/** The standard's levels, least restrictive first (the values of the `pod-security.kubernetes.io/*` labels). */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';
