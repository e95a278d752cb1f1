// Which Pod Security Standard a pod template meets, worked out by the rules that implement the admission checks
// (`meta.podSecurity`): k8s/namespace-pod-security must not offer to enforce a level the namespace's pods fail.
import type { EngineSettings, HostFileSystem } from '../types';
import { k8sRules } from '../rules/k8s';
import { K8sContext, type K8sRule, type ParsedObject } from './context';
import { POD_SECURITY_CONTROLS, type PodSecurityLevel } from './pod-security';
import { WorkspaceIndex } from './workspace-index';

// Cross-document ones (run-as-user reads the workspace's Dockerfiles) are left out: a summary depends on its document only.
const LEVEL_RULES: readonly K8sRule[] = k8sRules.filter((rule) => rule.meta.podSecurity && !rule.crossDocument);
const NO_FILES: HostFileSystem = { exists: () => false, readFile: () => undefined };

/**
 * The highest level the object's pods meet; undefined when it has no pod template. A rule that implements checks
 * of both levels fails baseline unless its finding is about something absent (no baseline check is).
 */
export function podSecurityLevel(parsed: ParsedObject, settings: EngineSettings): PodSecurityLevel | undefined {
  const context = new K8sContext(parsed, settings, NO_FILES, new WorkspaceIndex(), '');
  if (!context.workload) return undefined;
  let level: PodSecurityLevel = 'restricted';
  for (const rule of LEVEL_RULES) {
    const levels = new Set(rule.meta.podSecurity!.map((check) => POD_SECURITY_CONTROLS[check].level));
    let failed: PodSecurityLevel | undefined;
    try {
      rule.check(context, (finding) => {
        if (levels.has('baseline') && finding.missing !== true) failed = 'baseline';
        else failed ??= 'restricted';
      });
    } catch {
      return undefined; // the rule reports its error when it runs as itself; here the level is unknown
    }
    // Failing baseline, the pods meet only privileged.
    if (failed === 'baseline') return 'privileged';
    if (failed) level = 'baseline';
  }
  return level;
}
