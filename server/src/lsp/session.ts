// Wires the language server: document sync, debounced diagnostics, code actions and live settings.
// Each concern lives in its own module; this file only connects them to the LSP connection.
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter } from '../engine';
import { CODE_ACTION_KINDS, editSupportOf, provideCodeActions, type EditSupport } from './codeActions';
import { SettingsStore } from './configuration';
import { noticeDiagnostic, toDiagnostic } from './diagnostics';
import { lintDocument } from './documentLinting';
import { createGuard, describeError } from './guard';
import { createHostFileSystem } from './hostFileSystem';
import { uriToPath } from './paths';
import { LintScheduler } from './scheduler';
import { DEFAULT_SERVER_SETTINGS, toEngineSettings, type ServerSettings } from './settings';

const INTERNAL_ERROR_NOTICE = 'Harden could not lint this file because of an internal error; see the "Harden" output for details.';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const guard = createGuard(connection.console);
  // Path -> URI of open documents, so that the engine reads unsaved buffers of files beside the linted one.
  const openPaths = new Map<string, string>();
  const openDocumentText = (path: string) => {
    const uri = openPaths.get(path);
    return uri === undefined ? undefined : documents.get(uri)?.getText();
  };
  const linter = new Linter(toEngineSettings(DEFAULT_SERVER_SETTINGS), createHostFileSystem(openDocumentText));
  const scheduler = new LintScheduler((uri, isCurrent) => guard(`linting ${uri}`, undefined, () => publish(uri, isCurrent)));
  let settings: SettingsStore | undefined;
  let editSupport: EditSupport = { documentChanges: false, createFiles: false };
  let registerForConfigurationChanges = false;
  let initializationOptions: unknown;
  let appliedEngineSettings = JSON.stringify(toEngineSettings(DEFAULT_SERVER_SETTINGS));

  const currentSettings = (): ServerSettings => settings?.current ?? DEFAULT_SERVER_SETTINGS;

  function diagnosticsFor(document: TextDocument): Diagnostic[] {
    try {
      const lint = lintDocument(linter, document, currentSettings());
      if (lint.kind === 'skipped') return [noticeDiagnostic(lint.reason)];
      if (lint.kind === 'unsupported') return [];
      return lint.findings.map((finding) => toDiagnostic(finding, document.version));
    } catch (error) {
      connection.console.error(`[harden] linting ${document.uri} failed: ${describeError(error)}`);
      return [noticeDiagnostic(INTERNAL_ERROR_NOTICE)];
    }
  }

  async function publish(uri: string, isCurrent: () => boolean): Promise<void> {
    await settings?.ready;
    const document = documents.get(uri);
    if (!document || !isCurrent()) return;
    const diagnostics = diagnosticsFor(document);
    // Linting is synchronous today; this keeps a slower (async) engine from publishing for a replaced version.
    if (!isCurrent() || documents.get(uri)?.version !== document.version) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function applyToEngine(next: ServerSettings): void {
    const engineSettings = toEngineSettings(next);
    const serialized = JSON.stringify(engineSettings);
    // Updating the engine drops its caches: only do it when something it uses changed.
    if (serialized === appliedEngineSettings) return;
    appliedEngineSettings = serialized;
    linter.updateSettings(engineSettings);
  }

  async function reloadSettings(pushed?: unknown): Promise<void> {
    if (!settings) return;
    const firstLoad = !settings.isLoaded;
    const before = JSON.stringify(settings.current);
    const after = JSON.stringify(await settings.refresh(pushed));
    // Runs scheduled before the first load waited for it, so they already use these settings.
    if (firstLoad || before === after) return;
    for (const document of documents.all()) scheduler.schedule(document.uri, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true, applyToEngine);
    editSupport = editSupportOf(capabilities);
    initializationOptions = params.initializationOptions;
    registerForConfigurationChanges = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      },
      serverInfo: { name: 'harden' },
    };
  });

  connection.onInitialized(() =>
    guard('initialization', undefined, async () => {
      if (registerForConfigurationChanges) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'harden' });
      }
      await reloadSettings(settingsIn(initializationOptions));
    }),
  );

  connection.onDidChangeConfiguration((params) =>
    guard('applying changed settings', undefined, () => reloadSettings(settingsIn(params.settings))),
  );

  documents.onDidOpen(({ document }) => openPaths.set(uriToPath(document.uri), document.uri));

  documents.onDidChangeContent(({ document }) => scheduler.schedule(document.uri));

  documents.onDidClose(({ document }) =>
    guard(`closing ${document.uri}`, undefined, async () => {
      const path = uriToPath(document.uri);
      scheduler.cancel(document.uri);
      openPaths.delete(path);
      linter.forget(path);
      await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }),
  );

  connection.onCodeAction((params) =>
    guard('computing code actions', [], async () => {
      await settings?.ready;
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      return provideCodeActions({ params, document, linter, settings: currentSettings(), support: editSupport });
    }),
  );

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}

/**
 * The `harden` section of settings a client pushed (didChangeConfiguration, or initializationOptions
 * shaped `{harden: {...}}`), used only for clients that cannot be asked through workspace/configuration.
 */
function settingsIn(pushed: unknown): unknown {
  return typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).harden : undefined;
}
