// A minimal LSP client for tests: starts the real bundled server (dist/server.js) as a child process
// and talks JSON-RPC to it over stdio or Node IPC, keeping its own copy of every open document.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../../../server/src/engine';

export const SERVER_BUNDLE = join(__dirname, '..', '..', '..', 'dist', 'server.js');
// A bound on waiting, not a speed assertion (benchmarks measure speed): generous, so a loaded machine never fails it.
const DEFAULT_TIMEOUT_MS = 30_000;

export type Transport = 'stdio' | 'ipc';

export interface StartOptions {
  transport?: Transport;
  /** The `harden` section answered to workspace/configuration requests; change it via `client.settings`. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Workspace folders (paths) sent with initialize; the first is also the rootUri. */
  workspaceFolders?: string[];
  /** Answers for other workspace/configuration sections (e.g. `files.exclude`), by section. */
  sections?: Record<string, unknown>;
  /**
   * HARDEN_STARTUP_DELAY_MS of the server: 0 for tests that wait for the index before opening anything (they
   * would wait a second for nothing); by default the server's own delay, so documents opened at start race no scan.
   */
  startupDelayMs?: number;
  /** `initializationOptions` of the initialize request (none by default, as most editors send). */
  initializationOptions?: Record<string, unknown>;
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
  },
};

export function fileUri(name: string): string {
  return pathToFileURL(join('/tmp/harden-lsp-test', name)).toString();
}

interface Waiter {
  matches: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class TestClient {
  settings: Record<string, unknown>;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** How many workspace/configuration requests the server made. */
  configurationRequests = 0;
  readonly logs: string[] = [];
  /** Logs and publishes in the order they arrived, for the message of a wait that timed out. */
  private readonly trace: string[] = [];
  private readonly startedAt = Date.now();
  initializeResult: { capabilities: Record<string, unknown> } = { capabilities: {} };
  readonly documents = new Map<string, { text: string; version: number; languageId: string }>();
  private readonly waiters = new Set<Waiter>();
  private readonly logWaiters = new Set<{ pattern: RegExp; resolve: () => void }>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
    sections: Record<string, unknown> = {},
  ) {
    this.settings = settings;
    child.stderr?.on('data', (chunk) => (this.stderr += String(chunk)));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'harden' ? this.settings : (sections[item.section ?? ''] ?? null)));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.traced(params.message);
      for (const waiter of this.logWaiters) {
        if (!waiter.pattern.test(params.message)) continue;
        this.logWaiters.delete(waiter);
        waiter.resolve();
      }
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const sources = [...new Set(params.diagnostics.map((d) => d.source))].join(',');
      this.traced(`publish #${this.published.length} ${params.uri} v${params.version ?? '-'}: ${params.diagnostics.length} diagnostic(s) ${sources}`);
      for (const waiter of this.waiters) {
        if (!waiter.matches(params)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(params);
      }
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    const transport = options.transport ?? 'stdio';
    const child = spawn(process.execPath, [SERVER_BUNDLE, transport === 'stdio' ? '--stdio' : '--node-ipc'], {
      stdio: transport === 'stdio' ? ['pipe', 'pipe', 'pipe'] : ['ignore', 'ignore', 'pipe', 'ipc'],
      env: options.startupDelayMs === undefined ? process.env : { ...process.env, HARDEN_STARTUP_DELAY_MS: String(options.startupDelayMs) },
    });
    const connection =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const client = new TestClient(child, connection, options.settings ?? {}, options.sections);
    const folders = (options.workspaceFolders ?? []).map((folder) => ({ uri: pathToFileURL(folder).toString(), name: basename(folder) }));
    const result = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      ...(folders.length > 0 ? { workspaceFolders: folders } : {}),
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    client.initializeResult = result as { capabilities: Record<string, unknown> };
    await connection.sendNotification('initialized', {});
    return client;
  }

  private traced(event: string): void {
    this.trace.push(`${String(Date.now() - this.startedAt).padStart(6)} ms  ${event}`);
  }

  get serverOutput(): string {
    return `${this.stderr}\n${this.logs.join('\n')}`;
  }

  /** Resolves once the server logged a message matching `pattern` (already, or later). */
  waitForLog(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (this.logs.some((message) => pattern.test(message))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { pattern, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.logWaiters.delete(waiter);
        reject(new Error(`no log matching ${pattern} within ${timeoutMs} ms\n${this.serverOutput}`));
      }, timeoutMs);
      this.logWaiters.add(waiter);
    });
  }

  /** Tells the server that files changed on disk (`workspace/didChangeWatchedFiles`). */
  async filesChanged(changes: Array<{ path: string; type: 'created' | 'changed' | 'deleted' }>): Promise<void> {
    const TYPES = { created: 1, changed: 2, deleted: 3 } as const;
    this.traced(`client: files changed ${changes.map((change) => `${change.type} ${change.path}`).join(', ')}`);
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((change) => ({ uri: pathToFileURL(change.path).toString(), type: TYPES[change.type] })),
    });
  }

  /** A marker for `waitForDiagnostics({after})`: only publishes received later count. */
  mark(): number {
    this.traced(`client: mark at publish #${this.published.length}`);
    return this.published.length;
  }

  /** Resolves with the first publish for `uri` (already received after `after`, or future) that matches. */
  waitForDiagnostics(
    uri: string,
    options: { version?: number; after?: number; where?: (params: PublishDiagnosticsParams) => boolean; timeoutMs?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const matches = (p: PublishDiagnosticsParams) =>
      p.uri === uri && (options.version === undefined || p.version === options.version) && (options.where?.(p) ?? true);
    const earlier = this.published.slice(options.after ?? 0).find(matches);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { matches, resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const trace = this.trace.join('\n');
        reject(new Error(`no matching publishDiagnostics for ${uri} within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms\n${this.stderr}\n${trace}`));
      }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      this.waiters.add(waiter);
    });
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<PublishDiagnosticsParams> {
    this.documents.set(uri, { text, version: 1, languageId });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.waitForDiagnostics(uri, { version: 1 });
  }

  /** Sends one incremental change per edit (applied back to front, so every range stays valid). Returns the new version. */
  async change(uri: string, edits: TextEdit[]): Promise<number> {
    const document = this.document(uri);
    const ordered = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
    const contentChanges: TextDocumentContentChangeEvent[] = ordered.map((e) => ({ range: e.range, text: e.newText }));
    document.text = applyTextEdits(document.text, edits);
    document.version++;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges,
    });
    return document.version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;
  }

  /** Applies the text edits a workspace edit makes to `uri` (checking the version it was made for) as one didChange. */
  async applyWorkspaceEdit(uri: string, edit: WorkspaceEdit): Promise<number> {
    const document = this.document(uri);
    const edits: TextEdit[] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
      if (change.textDocument.version !== document.version) {
        throw new Error(`edit made for version ${change.textDocument.version}, document is at ${document.version}`);
      }
      edits.push(...(change.edits as TextEdit[]));
    }
    edits.push(...(edit.changes?.[uri] ?? []));
    return this.change(uri, edits);
  }

  text(uri: string): string {
    return this.document(uri).text;
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 1000);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone or hung: the kill below handles both.
    }
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      setTimeout(() => this.child.kill('SIGKILL'), 500).unref();
      await exited;
    }
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  private document(uri: string) {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
