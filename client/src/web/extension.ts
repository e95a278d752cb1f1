// VS Code for the web entry point (package.json `browser`, dist/web/client.js): starts the Harden language
// server in a web worker (dist/web/server.js) and answers its requests for workspace files with
// `vscode.workspace.fs` (the worker has none). Diagnostics, quick fixes, settings, schema validation and the
// commands are the desktop's; what is left out is listed in docs/web.md.
import { commands, RelativePattern, Uri, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type DocumentSelector,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import {
  WEB_FIND_FILES,
  WEB_READ_EXTENSION_FILE,
  WEB_READ_FILES,
  type WebFindFilesParams,
  type WebFindFilesResult,
  type WebReadExtensionFileParams,
  type WebReadExtensionFileResult,
  type WebReadFilesParams,
  type WebReadFilesResult,
} from '../../../server/src/hosts/lsp/webProtocol';
import { registerCommands } from '../commands';
import { DOCKERFILE_NAME_PATTERNS } from '../documentSelector';
import { explicitSettingsMiddleware } from '../explicitSettings';
import { RED_HAT_YAML_OPTION, redHatYamlValidatesKubernetes, watchRedHatYaml } from '../redHatYaml';
import { RULE_LINKS_INITIALIZATION_OPTIONS, ruleLinksMiddleware } from '../ruleLinks';
import { CLIENT_ID, CLIENT_NAME, MENU_COMMAND, RESTART_COMMAND } from '../identifiers';
import { registerKubernetesSnippets } from '../snippets';

/** Every scheme: a web workspace is `vscode-vfs:` (GitHub), `vscode-test-web:`, a virtual file system, … */
const DOCUMENT_SELECTOR: DocumentSelector = [
  ...['yaml', 'dockerfile', 'dockercompose'].map((language) => ({ language })),
  ...DOCKERFILE_NAME_PATTERNS.map((pattern) => ({ pattern })),
];

/** The web worker (the extension's TypeScript libs have no DOM). */
interface ServerWorker {
  terminate(): void;
}
type WorkerConstructor = new (url: string) => ServerWorker;

/** The worker running the server now: a restart ends it and starts a new one. */
let worker: ServerWorker | undefined;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME, { log: true });
  const languageClient = createWebLanguageClient(context, outputChannel);
  client = languageClient;
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand(RESTART_COMMAND, async () => {
      if (languageClient.isRunning()) await languageClient.stop();
      worker?.terminate();
      await languageClient.start();
    }),
    // The desktop's menu lists the workspace check too; on the web the command palette is the menu.
    commands.registerCommand(MENU_COMMAND, () => commands.executeCommand('workbench.action.quickOpen', '>Harden: ')),
    watchRedHatYaml(languageClient),
  );
  registerCommands(context, languageClient, outputChannel, () => false);
  context.subscriptions.push(registerKubernetesSnippets(context));
  try {
    await languageClient.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outputChannel.error(`The Harden language server failed to start: ${message}`);
    void window.showErrorMessage(`Harden: the language server failed to start (${message}). See the "Harden" output.`);
  }
}

export async function deactivate(): Promise<void> {
  const running = client?.isRunning() ? client : undefined;
  client = undefined;
  await running?.stop();
  worker?.terminate();
  worker = undefined;
}

function createWebLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const serverMain = Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // Transports, not the worker: the LanguageClient tells a worker by `instanceof Worker`, which VS Code's own
  // `Worker` of the web extension host (it wraps the native one) is not.
  const startWorker = async (): Promise<MessageTransports> => {
    const started = await createServerWorker(serverMain);
    worker = started;
    return { reader: new BrowserMessageReader(started), writer: new BrowserMessageWriter(started) };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    traceOutputChannel: outputChannel,
    middleware: { workspace: { configuration: explicitSettingsMiddleware }, ...ruleLinksMiddleware(context) },
    // Red Hat YAML (it has a web build too) validating Kubernetes schemas: the server leaves schema checks to it.
    initializationOptions: { [RED_HAT_YAML_OPTION]: redHatYamlValidatesKubernetes(), ...RULE_LINKS_INITIALIZATION_OPTIONS },
  };
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, clientOptions);
  languageClient.onRequest(WEB_FIND_FILES, (params: WebFindFilesParams) => findFiles(params));
  languageClient.onRequest(WEB_READ_FILES, (params: WebReadFilesParams) => readFiles(params));
  languageClient.onRequest(WEB_READ_EXTENSION_FILE, (params: WebReadExtensionFileParams) => readExtensionFile(context, params));
  return languageClient;
}

/** The browser APIs the client needs (the extension's TypeScript libs have no DOM). */
interface BrowserGlobals {
  Worker: WorkerConstructor;
  Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
  URL: { createObjectURL(blob: unknown): string };
}

/**
 * The server's web worker. An extension served over HTTP(S) (vscode.dev, github.dev) starts it from its URL; one
 * on a remote (code-server, Codespaces in the browser: `vscode-remote:`), where VS Code does not create workers
 * from extension URIs, from the bundle's text read through `workspace.fs`.
 */
async function createServerWorker(serverMain: Uri): Promise<ServerWorker> {
  const browser = globalThis as unknown as BrowserGlobals;
  if (/^https?$/.test(serverMain.scheme)) return new browser.Worker(serverMain.toString(true));
  const code = await workspace.fs.readFile(serverMain);
  return new browser.Worker(browser.URL.createObjectURL(new browser.Blob([code], { type: 'text/javascript' })));
}

/** The workspace files matching the server's globs (`files.exclude` applies: findFiles honours it), in one search. */
async function findFiles(params: WebFindFilesParams): Promise<WebFindFilesResult> {
  const either = (globs: string[]) => (globs.length === 1 ? globs[0] : `{${globs.join(',')}}`);
  const simple = params.include.every((glob) => !/[{}]/.test(glob));
  const includes = simple ? [either(params.include)] : params.include;
  const exclude = params.exclude.length > 0 ? either(params.exclude) : null;
  const uris = new Set<string>();
  for (const folder of workspace.workspaceFolders ?? []) {
    for (const include of includes) {
      if (uris.size >= params.maxFiles) break;
      for (const uri of await workspace.findFiles(new RelativePattern(folder, include), exclude, params.maxFiles - uris.size)) uris.add(uri.toString());
    }
  }
  return { uris: [...uris] };
}

const decoder = new TextDecoder();

async function readFiles(params: WebReadFilesParams): Promise<WebReadFilesResult> {
  const texts = await Promise.all(
    params.uris.map(async (uri) => {
      try {
        const file = Uri.parse(uri);
        const stat = await workspace.fs.stat(file);
        if (stat.size > params.maxFileBytes) return null;
        return decoder.decode(await workspace.fs.readFile(file));
      } catch {
        return null; // gone or unreadable
      }
    }),
  );
  return { texts };
}

/** A file shipped in the extension (the Kubernetes schemas), which the worker cannot read itself. */
async function readExtensionFile(context: ExtensionContext, params: WebReadExtensionFileParams): Promise<WebReadExtensionFileResult> {
  if (!/^schemas\/[a-z0-9.-]+\.json$/.test(params.path)) return { text: null };
  try {
    return { text: decoder.decode(await workspace.fs.readFile(Uri.joinPath(context.extensionUri, ...params.path.split('/')))) };
  } catch {
    return { text: null };
  }
}
