import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { spanOfNode, suggestion, type ComposeRule } from '../../compose/context';
import { isInterpolated, ownsField, servicePair, type ComposeService } from '../../compose/model';
import { secretByName, secretInValue } from '../../secrets';
import type { ComposeContext } from '../../compose/context';

/** `${NAME:?}`: Compose reads the value from the shell or `.env` and refuses to start when it is unset. */
function fromEnvironment(name: string): string {
  return `\${${name}:?}`;
}

function isLiteralSecret(name: string, value: string): boolean {
  return value.trim() !== '' && !isInterpolated(value) && (secretByName(name, value) || secretInValue(value) !== undefined);
}

export const secretInEnv: ComposeRule = {
  meta: {
    id: 'compose/secret-in-env',
    language: 'compose',
    defaultSeverity: 'warning',
    description: 'A Compose service `environment` variable whose name looks secret (password, token, API key, …) has a literal value.',
    rationale:
      'A literal secret in compose.yaml is committed with the repository and visible to everyone who can run ' +
      '`docker inspect`. The same check as k8s/secret-in-env: read it from the environment or `.env` (kept out of ' +
      'the repository), or use Compose `secrets:`.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      suggestion: 'Reading the value from the environment (`${NAME:?}`) makes the service refuse to start until the variable is set.',
    },
  },
  check(context, report) {
    for (const service of context.model.services) {
      const environment = servicePair(context.model, service, 'environment')?.value;
      const editable = ownsField(service, 'environment');
      if (isMap(environment)) {
        for (const pair of environment.items) {
          const value = pair.value;
          if (!isScalar(pair.key) || !isScalar(value) || value.value === null) continue;
          const name = String(pair.key.value);
          if (!isLiteralSecret(name, String(value.value))) continue;
          reportSecret(context, service, name, value, editable ? fromEnvironment(name) : undefined, report);
        }
      } else if (isSeq(environment)) {
        for (const item of environment.items) {
          if (!isScalar(item) || typeof item.value !== 'string') continue;
          const eq = item.value.indexOf('=');
          if (eq <= 0) continue; // `NAME` alone passes the shell's value through
          const name = item.value.slice(0, eq);
          if (!isLiteralSecret(name, item.value.slice(eq + 1))) continue;
          reportSecret(context, service, name, item, editable ? `${name}=${fromEnvironment(name)}` : undefined, report);
        }
      }
    }
  },
};

function reportSecret(
  context: ComposeContext,
  service: ComposeService,
  name: string,
  node: Scalar,
  replacement: string | undefined,
  report: Parameters<ComposeRule['check']>[1],
): void {
  report({
    ...spanOfNode(node),
    message: `Service ${service.name} sets ${name} to a literal value: secrets belong in the environment, .env or Compose secrets, not in the file.`,
    fixes: replacement ? suggestion(`Read ${name} from the shell or .env (${fromEnvironment(name)})`, context.editor.replaceScalar(node, replacement)) : [],
  });
}
