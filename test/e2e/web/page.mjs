// The browser side of web.e2e.mjs, bundled by esbuild for the page: a real LSP client (vscode-jsonrpc's browser
// transport over the worker's messages) to the web server bundle (dist/web/server.js) in a web worker. It plays
// the VS Code web client's part: answers the server's workspace requests (lsp/webProtocol.ts) from an in-memory
// workspace and serves the extension's schema files over HTTP, as the client does with vscode.workspace.fs.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
} from 'vscode-languageserver-protocol/browser';

const published = new Map();
const logs = [];
const requests = [];
let connection;
let workspaceFiles;
let hardenSettings = {};
let lastPublish = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server log:\n${logs.join('\n')}`);
    await sleep(20);
  }
}

globalThis.harden = {
  async start(workspaceFolder, files) {
    workspaceFiles = files;
    const worker = new globalThis.Worker('/dist/web/server.js');
    worker.addEventListener('error', (event) => logs.push(`worker error: ${event.message}`));
    connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
    connection.onRequest('harden/web/findFiles', (params) => {
      requests.push({ method: 'findFiles', params });
      return { uris: Object.keys(files) };
    });
    connection.onRequest('harden/web/readFiles', (params) => {
      requests.push({ method: 'readFiles', params });
      return { texts: params.uris.map((uri) => files[uri] ?? null) };
    });
    connection.onRequest('harden/web/readExtensionFile', async (params) => {
      requests.push({ method: 'readExtensionFile', params });
      const response = await fetch(`/${params.path}`);
      return { text: response.ok ? await response.text() : null };
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'harden' ? hardenSettings : {})));
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onNotification(LogMessageNotification.type, (message) => logs.push(message.message));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, { ...params, at: Date.now() });
      lastPublish = Date.now();
    });
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: workspaceFolder,
      workspaceFolders: [{ uri: workspaceFolder, name: 'workspace' }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await until(() => logs.some((line) => line.includes('workspace files through the client')), 'the workspace files');
    return { serverInfo: result.serverInfo, capabilities: result.capabilities };
  },

  async open(uri, languageId, text) {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  },

  async change(uri, version, text) {
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  },

  /** The diagnostics of `uri` at `version` once the server went quiet (harden's, then the schema's). */
  async diagnostics(uri, version) {
    await until(() => published.get(uri)?.version === version, `diagnostics of ${uri} v${version}`);
    await until(() => Date.now() - lastPublish > 500, 'the server to go quiet');
    return published.get(uri).diagnostics;
  },

  /** A workspace file changed on "disk" (null: deleted); the file watcher tells the server. Returns the time. */
  async fileChanged(uri, text) {
    const at = Date.now();
    if (text === null) delete workspaceFiles[uri];
    else workspaceFiles[uri] = text;
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: text === null ? 3 : 2 }] });
    return at;
  },

  /** New `harden.*` settings: the server pulls them when told they changed. Returns the time. */
  async setSettings(settings) {
    const at = Date.now();
    hardenSettings = settings;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    return at;
  },

  /** The diagnostics of `uri` published after `since` (a re-lint of the same version), once the server went quiet. */
  async diagnosticsSince(uri, since) {
    await until(() => (published.get(uri)?.at ?? 0) > since, `diagnostics of ${uri} after a file change`);
    await until(() => Date.now() - lastPublish > 500, 'the server to go quiet');
    return published.get(uri).diagnostics;
  },

  async request(method, params) {
    return connection.sendRequest(method, params);
  },

  async codeActions(uri, diagnostic) {
    return connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  },

  requests: () => requests,
  logs: () => logs,
};
