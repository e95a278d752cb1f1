// Builds the LanguageClient that runs dist/server.js in a Node child process over IPC.
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { explicitSettingsMiddleware } from './explicitSettings';
import { CLIENT_ID, CLIENT_NAME } from './identifiers';

/** Attach a debugger to a server started in debug mode (extension development host) on this port. */
const DEBUG_PORT = 6009;

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    traceOutputChannel: outputChannel,
    // `.harden.yaml` sits between the defaults and the user's settings: send only what the user set.
    middleware: { workspace: { configuration: explicitSettingsMiddleware } },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
