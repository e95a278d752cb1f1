// What counts as Red Hat YAML validating Kubernetes (no `vscode` import: shared with tests).
export const RED_HAT_YAML_EXTENSION_ID = 'redhat.vscode-yaml';
/** initializationOptions key and notification; the server's names are in server/src/hosts/lsp/schemaFeatures.ts. */
export const RED_HAT_YAML_OPTION = 'redHatYamlKubernetes';
export const RED_HAT_YAML_NOTIFICATION = 'harden/redHatYaml';

/** A `yaml.schemas` key that points at a Kubernetes schema: Red Hat's `kubernetes` shorthand or a URL of one. */
export function isKubernetesSchemaKey(key: string): boolean {
  return key.trim().toLowerCase() === 'kubernetes' || /kubernetes-json-schema|kubernetesjsonschema|\/k8s[-/]|kubernetes\.json/i.test(key);
}
