// Red Hat's YAML extension (redhat.vscode-yaml) validates Kubernetes manifests itself when its
// `yaml.schemas` associates files with the Kubernetes schema. Harden's schema diagnostics would then say
// everything twice, so the client tells the server, which turns its schema validation, hover and schema
// completion off unless `harden.schema.override` is set. Harden's own rules and completions stay on.
import { extensions, workspace, type Disposable } from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

import { isKubernetesSchemaKey, RED_HAT_YAML_EXTENSION_ID, RED_HAT_YAML_NOTIFICATION } from './redHatYamlSchemas';

export { RED_HAT_YAML_OPTION } from './redHatYamlSchemas';

/** Red Hat YAML is installed, enabled and active (or activating on the same YAML file), with a Kubernetes association. */
export function redHatYamlValidatesKubernetes(): boolean {
  const extension = extensions.getExtension(RED_HAT_YAML_EXTENSION_ID);
  // getExtension returns enabled extensions only. Both extensions activate on YAML files, in no fixed
  // order, so an enabled one counts even before its activation finished.
  if (!extension) return false;
  const yaml = workspace.getConfiguration('yaml');
  if (yaml.get<boolean>('validate') === false) return false;
  const schemas = yaml.get<Record<string, unknown>>('schemas') ?? {};
  return Object.keys(schemas).some(isKubernetesSchemaKey);
}

/** Tells the server when the answer changes (extension enabled/disabled, `yaml.*` settings edited). */
export function watchRedHatYaml(client: LanguageClient): Disposable {
  let last = redHatYamlValidatesKubernetes();
  const update = () => {
    const now = redHatYamlValidatesKubernetes();
    if (now === last || !client.isRunning()) return;
    last = now;
    void client.sendNotification(RED_HAT_YAML_NOTIFICATION, { active: now });
  };
  const subscriptions = [
    extensions.onDidChange(update),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml')) update();
    }),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
