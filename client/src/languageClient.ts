// Builds the LanguageClient that runs dist/server.js in a Node child process over stdio. Not Node IPC: over IPC
// every message is serialised by process.send (JSON.stringify), and a publish of a large manifest's 9,800
// diagnostics then cost ~15 ms more per keystroke (30-33 ms of server CPU instead of 14, docs/performance.md);
// over stdio the server's own writer reuses the JSON of unchanged diagnostics (hosts/lsp/jsonEncoder.ts).
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { explicitSettingsMiddleware } from './explicitSettings';
import { CLIENT_ID, CLIENT_NAME } from './identifiers';
import { RED_HAT_YAML_OPTION, redHatYamlValidatesKubernetes } from './redHatYaml';
import { RULE_LINKS_INITIALIZATION_OPTIONS, ruleLinksMiddleware } from './ruleLinks';

/** Attach a debugger to a server started in debug mode (extension development host) on this port. */
const DEBUG_PORT = 6009;
/**
 * A smaller young generation than Node's default (16 MB semi-spaces): on a 1,000-document file the server's peak
 * RSS drops from ~210 to ~175 MB for the same CPU (docs/performance.md). Other editors: docs/editors.md.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];
/**
 * One malloc arena (glibc; other C libraries ignore the variable). V8's compiler and GC threads otherwise get
 * arenas of their own, whose freed pages glibc keeps: the server's peak RSS on a 1,000-document file drops from
 * ~147 to ~140 MB for the same CPU (docs/performance.md). Merged into the server's environment by the client
 * library. Other editors: docs/editors.md.
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '1' };
/** How the client talks to the server; the bench starts it the same way (bench/servers/harden.json: `--stdio`). */
export const SERVER_TRANSPORT = TransportKind.stdio;

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: SERVER_TRANSPORT, options: { execArgv: SERVER_NODE_FLAGS, env: SERVER_ENV } },
    debug: { module, transport: SERVER_TRANSPORT, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', `--inspect=${DEBUG_PORT}`], env: SERVER_ENV } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    traceOutputChannel: outputChannel,
    // `.harden.yaml` sits between the defaults and the user's settings: send only what the user set.
    middleware: { workspace: { configuration: explicitSettingsMiddleware }, ...ruleLinksMiddleware(context) },
    // Red Hat YAML validating Kubernetes schemas: the server leaves schema checks to it (harden.schema.override).
    initializationOptions: { [RED_HAT_YAML_OPTION]: redHatYamlValidatesKubernetes(), ...RULE_LINKS_INITIALIZATION_OPTIONS },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
