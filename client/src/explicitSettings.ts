// Answers the server's workspace/configuration requests for the `harden` section with only the settings
// the user actually set (user, workspace or folder level). VS Code would otherwise fill in every default,
// and the server could not tell "the default" from "set on purpose": an explicit value must win over
// `.harden.yaml`, a default must not. Other sections (e.g. `files.exclude`) pass through unchanged.
import { Uri, workspace, type WorkspaceConfiguration } from 'vscode';
import type { ConfigurationParams, Middleware } from 'vscode-languageclient/node';

const SECTION = 'harden';
const KEYS = ['enable', 'rules', 'kubernetesVersion', 'maxFileSizeKB', 'schema.enable', 'schema.override', 'workspaceDiagnostics'] as const;

type ConfigurationMiddleware = NonNullable<NonNullable<Middleware['workspace']>['configuration']>;

export const explicitSettingsMiddleware: ConfigurationMiddleware = async (params: ConfigurationParams, token, next) => {
  const answered = await next(params, token);
  if (!Array.isArray(answered)) return answered;
  return params.items.map((item, i) =>
    item.section === SECTION ? explicitSettings(workspace.getConfiguration(SECTION, item.scopeUri ? Uri.parse(item.scopeUri) : undefined)) : answered[i],
  );
};

/** `{ key: value }` for each setting set somewhere; `undefined` (left out) for those at their default. */
function explicitSettings(configuration: WorkspaceConfiguration): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of KEYS) {
    const inspected = configuration.inspect(key);
    const isSet = [
      inspected?.globalValue,
      inspected?.workspaceValue,
      inspected?.workspaceFolderValue,
      inspected?.globalLanguageValue,
      inspected?.workspaceLanguageValue,
      inspected?.workspaceFolderLanguageValue,
    ].some((value) => value !== undefined);
    // The value comes from get(): in Restricted Mode it leaves out the workspace's values of restricted settings.
    if (isSet) settings[key] = configuration.get(key);
  }
  return settings;
}
