import { isMap, isScalar, type Node } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { isNullish, isTemplatedNode, keySpan, valueOf } from '../../yaml/nodes';
import { looksSecret, secretByName, secretInValue } from '../../secrets';
import { decodeBase64Latin1 } from '../../base64';
import { isTemplated } from '../../yaml/templates';

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
        if (isNullish(value) || !isScalar(value)) continue;
        // A value partly from a template or a substitution is unknown as a whole; its literal lines are judged below.
        const templated = isTemplatedNode(value);
        const text = field === 'binaryData' ? decodeBase64(String(value.value)) : String(value.value);
        if (text.trim() === '' || (templated && field === 'binaryData')) continue;
        const [start, end] = keySpan(pair as Parameters<typeof keySpan>[0]);
        const format = templated ? undefined : secretInValue(text);
        if (format) {
          report({ start, end, message: `The ConfigMap key "${key}" holds ${format}: keep it in a Secret.` });
        } else if (!templated && (field === 'binaryData' ? looksSecret(key) : secretByName(key, text))) {
          report({ start, end, message: `The ConfigMap key "${key}" looks like a secret: keep it in a Secret, not a ConfigMap.` });
        } else if (field === 'data' && !CODE_FILE.test(key)) {
          // An embedded .env, .properties or YAML file: its own names are judged as the data keys are, on their lines.
          const [valueStart, valueEnd] = value.range ?? [start, start];
          const source = context.text.slice(valueStart, valueEnd);
          let from = 0;
          for (const line of text.split('\n')) {
            const assignment = assignmentIn(line);
            if (!assignment || isTemplated(assignment.value) || !secretByName(assignment.name, assignment.value)) continue;
            const at = source.indexOf(assignment.written, from);
            if (at >= 0) from = at + assignment.written.length;
            report({
              // Not found as written (escapes in a quoted scalar): on the key.
              start: at >= 0 ? valueStart + at : start,
              end: at >= 0 ? valueStart + from : end,
              message: `"${assignment.name}" in the ConfigMap key "${key}" looks like a secret: keep it in a Secret, not a ConfigMap.`,
            });
          }
        }
      }
    }
  },
};

/** Keys of source files, where `name = expression` is code (`password = os.environ["DB_PASSWORD"]`), not a setting. */
const CODE_FILE = /\.(?:py|js|mjs|cjs|ts|rb|php|lua|pl|java|groovy|kts?|scala|go|rs|cs)$/i;

/**
 * `NAME=value` (env files, .properties, INI), `name: value` (YAML) or `name:value` (.properties), with `export ` or
 * a `- ` list item before, a quoted name (JSON) or a quoted value; `written` is the assignment as written, from the name
 * to the end of the value.
 */
const ASSIGNMENT = /^\s*(?:export\s+|-\s+)?((["']?)([A-Za-z_][\w.-]*)\2[ \t]*[=:][ \t]*)(.*?)\s*$/;

/**
 * Values that are not written secrets: computed (`$(< file)`, `${VAR}`, `$1`, `` `cmd` ``, `{{ .Values.x }}`), YAML
 * syntax (a block scalar header `|`, an alias `*db`, `~`, a flow collection), code (a call, an index) or a value
 * wrapped by its framework (Jasypt's `ENC(…)`, Spring's `{cipher}…`, `{bcrypt}…`). The rest is judged by `secretByName`.
 */
const COMPUTED = /\$[({\w@*#?]|\{\{|`/;
const NOT_LITERAL = /^(?:[|>][-+0-9]*|\*[\w.-]+|~|[{[].*)$|[()[\]]/;

/** The name and value a line of an embedded config file assigns, when it is an assignment of a literal. */
function assignmentIn(line: string): { name: string; value: string; written: string } | undefined {
  const match = ASSIGNMENT.exec(line);
  if (!match) return undefined;
  const [, assigns, , name, rest] = match;
  let value: string;
  let written: string;
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    value = close > 0 ? rest.slice(1, close) : rest.slice(1);
    written = close > 0 ? rest.slice(0, close + 1) : rest;
  } else {
    // A comment after the value (YAML, env files), a comma after it (JSON).
    value = written = rest.replace(/\s+#.*$/, '').replace(/,$/, '');
    // Prose (`Password: at least 8 characters`), not a value; quote a password with spaces to have it judged.
    if (/\s/.test(value) || NOT_LITERAL.test(value)) return undefined;
  }
  if (COMPUTED.test(value)) return undefined;
  return { name, value, written: assigns + written };
}

function decodeBase64(value: string): string {
  try {
    return decodeBase64Latin1(value.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}
