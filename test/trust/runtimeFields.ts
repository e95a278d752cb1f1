// The values that decide what a workload does at run time and that only a suggestion may change: the fix-kind
// table's promise, checked on the text itself rather than on which rules reported.
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';

/** Keys whose value (anywhere in a manifest) a safe fix never changes. */
const RUNTIME_KEYS = new Set([
  'replicas',
  'minReplicas',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'runAsNonRoot',
  'readOnlyRootFilesystem',
  'privileged',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostPath',
  'hostPort',
  'add',
  'drop',
  'automountServiceAccountToken',
  'terminationGracePeriodSeconds',
  'seccompProfile',
  'appArmorProfile',
  'procMount',
  'resources',
  'readinessProbe',
  'livenessProbe',
  'startupProbe',
  'lifecycle',
  'topologySpreadConstraints',
  'selector',
]);

/**
 * `path = value` for every runtime-relevant key of every document (JSON of the value). Dockerfiles: each USER,
 * as root or not (a name respelled as the UID it resolves to, docker/user-numeric's safe fix, is the same user).
 */
export function runtimeFields(path: string, text: string): string[] {
  if (!/\.ya?ml$/i.test(path)) {
    return text
      .split(/\r?\n/)
      .filter((line) => /^\s*USER\s/i.test(line))
      .map((line) => (/^\s*USER\s+(root|0)(:\S*)?\s*$/i.test(line) ? 'USER root' : 'USER not root'));
  }
  const out: string[] = [];
  parseAllDocuments(text).forEach((doc, d) => walk(doc.contents, `${d}`, out));
  // A pod-level field the fix adds in the same document is still a change: compare the sorted lists.
  return out.sort();
}

function walk(node: unknown, at: string, out: string[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (RUNTIME_KEYS.has(key)) out.push(`${at}.${key} = ${JSON.stringify(toPlain(pair.value))}`);
      walk(pair.value, `${at}.${key}`, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, `${at}[${i}]`, out));
  }
}

function toPlain(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isMap(node) || isSeq(node)) return node.toJSON();
  return null;
}
