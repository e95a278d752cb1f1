import { isMap, isScalar, type Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { isNullish, isTemplatedNode, keySpan, valueOf } from '../../yaml/nodes';
import { looksSecret, secretByName, secretInValue } from '../../secrets';
import { decodeBase64Latin1 } from '../../base64';

export const secretInConfigmap: K8sRule = {
  meta: {
    id: 'k8s/secret-in-configmap',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description:
      'A ConfigMap key looks like a secret (password, token, API key, …) or its value holds a credential (PEM private key, URL with a password, a known token format).',
    rationale:
      'ConfigMaps are meant for non-sensitive configuration: they are not encrypted at rest, are readable by ' +
      'anyone with broad read access and end up in Git and logs. Seed 004 says plainly "Do not store secrets in ' +
      'ConfigMaps, as they are not designed for sensitive data"; use a Secret (RBAC-restricted, encryptable in ' +
      'etcd) or an external secret manager instead.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: {
      polaris: ['sensitiveConfigmapContent'],
      kubescape: ['C-0012'],
      trivy: ['KSV0109'],
    },
  },
  check(context, report) {
    const object = context.object;
    if (object.kind !== 'ConfigMap') return;
    for (const field of ['data', 'binaryData'] as const) {
      const data = valueOf(object.root, field);
      if (!isMap(data)) continue;
      for (const pair of data.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const value = pair.value as Node | null;
        if (isNullish(value) || !isScalar(value) || isTemplatedNode(value)) continue;
        const text = field === 'binaryData' ? decodeBase64(String(value.value)) : String(value.value);
        if (text.trim() === '') continue;
        const [start, end] = keySpan(pair as Parameters<typeof keySpan>[0]);
        const format = secretInValue(text);
        if (format) {
          report({ start, end, message: `The ConfigMap key "${key}" holds ${format}: keep it in a Secret.` });
        } else if (field === 'binaryData' ? looksSecret(key) : secretByName(key, text)) {
          report({ start, end, message: `The ConfigMap key "${key}" looks like a secret: keep it in a Secret, not a ConfigMap.` });
        }
      }
    }
  },
};

function decodeBase64(value: string): string {
  try {
    return decodeBase64Latin1(value.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}
