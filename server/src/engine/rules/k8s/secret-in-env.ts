import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { K8sContext, K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import type { OffsetEdit } from '../../types';
import { isNullish, isTemplatedNode, pairOf, pairSpan, stringAt, valueOf } from '../../yaml/nodes';
import { renderFlow, renderPair } from '../../yaml/render';
import { columnOf } from '../../yaml/style';
import { fix, forEachContainer } from '../../k8s/rule-toolkit';
import { secretByName, secretInValue } from '../../secrets';

/** Characters a Secret data key may use. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export const secretInEnv: K8sRule = {
  meta: {
    id: 'k8s/secret-in-env',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'An environment variable has a literal secret: a secret-looking name (password, token, API key, …) or a value in a credential format.',
    rationale:
      'A literal value is stored in Git, shown by `kubectl get -o yaml` and readable by anyone who may read the ' +
      'workload. Seed 003 keeps static environment variables for simple, non-sensitive values and says that ' +
      'credentials, API keys and tokens belong in Secrets, not in the infrastructure-as-code; seed 004 injects ' +
      'them with `valueFrom.secretKeyRef`, where RBAC and encryption at rest protect them.',
    seeds: ['003', '004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Reads the value from a Secret the user must create first.',
    },
    aliases: {
      kubeLinter: ['env-var-secret'],
      polaris: ['sensitiveContainerEnvVar'],
      kubescape: ['C-0012', 'C-0259'],
    },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const env = valueOf(container.node, 'env');
      if (!isSeq(env)) return;
      for (const item of env.items) {
        if (!isMap(item)) continue;
        const name = stringAt(item, 'name');
        const pair = pairOf(item, 'value');
        if (!name || !pair || !isNullish(valueOf(item, 'valueFrom'))) continue;
        const value = pair.value as Node | null;
        // A boolean is a switch, never a secret (`ENABLE_TOKEN_AUTH: "true"` included).
        if (!isScalar(value) || isNullish(value) || isTemplatedNode(value) || typeof value.value === 'boolean') continue;
        const text = String(value.value);
        const format = secretInValue(text);
        if (!format && !secretByName(name, text)) continue;
        const secretName = `${context.object.name ?? container.name ?? 'app'}-secret`;
        const [start, end] = pairSpan(pair);
        report({
          start,
          end,
          message: format
            ? `The ${containerLabel(container)} sets ${name} to ${format}: anyone who can read the manifest can use it.`
            : `The ${containerLabel(container)} sets ${name} to a literal value: anyone who can read the manifest can read the secret.`,
          fixes: fix(
            `Read ${name} from Secret ${secretName} (remove the literal value)`,
            SECRET_KEY.test(name) ? toSecretRef(context, item, pair, secretName, name) : undefined,
          ),
        });
      }
    });
  },
};

/** Replaces `value: …` by `valueFrom.secretKeyRef` in place, keeping a trailing comment on its first line. */
function toSecretRef(context: K8sContext, item: YAMLMap, pair: Pair<Scalar, unknown>, secretName: string, key: string): OffsetEdit[] | undefined {
  const ref = { secretKeyRef: { name: secretName, key } };
  const [start, end] = pairSpan(pair);
  if (item.flow) return [{ start, end, newText: `valueFrom: ${renderFlow(ref)}` }];
  const text = context.text;
  const value = pair.value as Scalar;
  if (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') return undefined;
  let valueEnd = end;
  while (valueEnd > start && /\s/.test(text[valueEnd - 1])) valueEnd--;
  // Whatever follows the value on its line (a comment) moves to the `valueFrom:` line.
  const newline = text.indexOf('\n', valueEnd);
  const lineEnd = newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  const rest = text.slice(valueEnd, lineEnd);
  if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
  const rendered = renderPair('valueFrom', ref, columnOf(text, start), context.editor.style);
  const firstBreak = rendered.indexOf(context.editor.style.eol);
  const newText = rendered.slice(0, firstBreak) + rest.trimEnd() + rendered.slice(firstBreak);
  return [{ start, end: lineEnd, newText }];
}
