// Kubernetes version handling for settings such as `harden.kubernetesVersion` (`major.minor`, e.g. `1.32`).
// Generic on purpose: any rule that depends on the target cluster version compares through here.

/** A `major.minor` Kubernetes version as settings and `.harden.yaml` take it (`1.32`). */
export const KUBERNETES_MINOR_VERSION = /^1\.\d+$/;

export interface KubeVersion {
  major: number;
  minor: number;
}

/** Parses `1.32`, `v1.32`, `1.32.4` or `v1.32.0-eks-1234`; undefined when it is not a version. */
export function parseVersion(text: string | undefined): KubeVersion | undefined {
  if (!text) return undefined;
  const match = /^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?\s*$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Negative when `a` is older than `b`, 0 when equal (major.minor), positive when newer. */
export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * True when `version` is at least `minimum`. An unreadable `version` counts as the newest (callers then
 * assume current Kubernetes); an unreadable `minimum` is a programming error and yields false.
 */
export function atLeast(version: string | undefined, minimum: string): boolean {
  const min = parseVersion(minimum);
  if (!min) return false;
  const v = parseVersion(version);
  if (!v) return true;
  return compareVersions(v, min) >= 0;
}

export function formatVersion(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}
