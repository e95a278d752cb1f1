// Wires the language server: document sync, debounced diagnostics, code actions, live settings
// (editor settings over `.harden.yaml`) and the workspace index (background scan, watched files).
// Each concern lives in its own module; this file only connects them to the LSP connection.
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type CancellationToken,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_TEXT_DOCUMENTS } from './yamlDocuments';
import { isConfigFile, isDockerBuildInput } from '../../engine';
import { FileLinters } from '../node/fileLinters';
import { NodeFileSystem, withOpenDocuments } from '../node/nodeFileSystem';
import { CODE_ACTION_KINDS, editSupportOf, provideCodeActions, type EditSupport } from './codeActions';
import { SettingsStore } from './configuration';
import { ruleDocsHref } from '../node/ruleDocs';
import { loadSchema } from '../node/schemaFile';
import { readSmallFile } from '../node/workspaceScanner';
import { readCrdFiles, type CrdParseCache } from '../node/crdFiles';
import { isMissingPropertyMessage } from '../../services/schema/validate';
import { noticeDiagnostic, sameDiagnostics, setDiagnosticOptions, setRuleDocsLink, toDiagnostic } from './diagnostics';
import { documentLocalFindings, EDITOR_LINTER, lintDocument, previewDocument, readsDockerBuildInputs } from './documentLinting';
import { registerFileWatchers } from './fileWatching';
import { FilesExclude, FILES_EXCLUDE_SECTION } from './filesExclude';
import { createGuard, describeError } from './guard';
import { pathToUri, uriToPath } from './paths';
import { LintScheduler } from './scheduler';
import { DEFAULT_SERVER_SETTINGS, toEngineOverrides, type ServerSettings } from './settings';
import { WorkspaceIndexer } from './workspaceIndexing';
import { KustomizeLinting } from './kustomizeLinting';
import { folderContaining, workspaceRootsOf } from './workspaceFolders';
// Schema validation/hover/completion and context-aware completions (server/src/services/schema, server/src/services/completion).
import { RED_HAT_YAML_NOTIFICATION, SchemaFeatures } from './schemaFeatures';
import { fixAllInWorkspace, WorkspaceDiagnostics } from './workspaceLinting';
import { CANCEL_WORKSPACE_DIAGNOSTICS, FIX_ALL_IN_WORKSPACE, WORKSPACE_PROGRESS, type WorkspaceProgressParams } from './workspaceProtocol';

/**
 * Background work at startup waits this long, so that the documents opened at startup (or soon after) get
 * their diagnostics first: both block the thread for a while (the scan per file, up to ~300 ms for a 30,000-line
 * one; loading the schemas ~150 ms). A document opened before the warm-up loads the schemas itself, after
 * publishing harden's own diagnostics.
 */
const INITIAL_SCAN_DELAY_MS = 1000;
const SCHEMA_WARM_UP_DELAY_MS = 800;

export interface ServerOptions {
  /**
   * Overrides INITIAL_SCAN_DELAY_MS (the schema warm-up follows, 200 ms earlier): a client that opens no document
   * at startup, or tests that wait for the index, need not wait a second.
   */
  startupDelayMs?: number;
  /** What the host does about memory at the server's milestones (the Node host: hosts/node/idleCollector.ts). */
  memory?: MemoryHooks;
}

export interface MemoryHooks {
  /** A publish is done: the editor may be quiet next. */
  published(): void;
  /** The startup scan is done and the open documents are about to be linted against its index: its garbage may go first. */
  scanned(): void;
}
const INTERNAL_ERROR_NOTICE = 'Harden could not lint this file because of an internal error; see the "Harden" output for details.';
/** Files beside a manifest (Dockerfiles, ServiceAccounts, `.harden.yaml`) are small; anything bigger is not one of them. */
const MAX_SIDE_FILE_BYTES = 1024 * 1024;
/** Typing in an open `.harden.yaml` re-scans the workspace at most this often. */
const CONFIG_RESCAN_DELAY_MS = 300;
const PULL_TIMEOUT_MS = 5000;
/** A local `$schema` file larger than this is not read. */
const MAX_LOCAL_SCHEMA_BYTES = 8 * 1024 * 1024;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const scanDelayMs = options.startupDelayMs ?? INITIAL_SCAN_DELAY_MS;
  const warmUpDelayMs = Math.max(0, scanDelayMs - (INITIAL_SCAN_DELAY_MS - SCHEMA_WARM_UP_DELAY_MS));
  setRuleDocsLink(ruleDocsHref);
  const documents = new TextDocuments(SERVER_TEXT_DOCUMENTS);
  const guard = createGuard(connection.console);
  // Path -> URI of open documents: the engine reads unsaved buffers of files beside the linted one, and
  // open documents win over the disk in the index.
  const openPaths = new Map<string, string>();
  const openDocument = (path: string) => {
    const uri = openPaths.get(path);
    const document = uri === undefined ? undefined : documents.get(uri);
    return document && { text: document.getText(), version: document.version };
  };
  let roots: string[] = [];
  let filesExclude = new FilesExclude();
  const fs = withOpenDocuments(new NodeFileSystem({ maxFileBytes: MAX_SIDE_FILE_BYTES }), openDocument);
  const linters = new FileLinters({
    fs,
    overrides: toEngineOverrides(DEFAULT_SERVER_SETTINGS),
    rootOf: (path) => folderContaining(roots, path),
    linter: EDITOR_LINTER,
  });
  const indexer = new WorkspaceIndexer({
    linters,
    roots: () => roots,
    maxFileBytes: () => currentSettings().maxFileSizeKB * 1024,
    isOpen: (path) => openPaths.has(path),
    isExcludedBySettings: (path) => filesExclude.excludes(path),
    warn: (message) => connection.console.warn(message),
    fileText: (path, text) => schema.fileChanged(path, text),
    whenIdle: (marginMs) => scheduler.whenIdle(marginMs),
  });
  // --- the whole workspace: opt-in diagnostics of files that are not open, and fix-all (workspaceLinting.ts)
  const workspaceFilesHost = {
    linters,
    roots: () => roots,
    maxFileBytes: () => currentSettings().maxFileSizeKB * 1024,
    isExcluded: (path: string, isDirectory: boolean) => indexer.isExcluded(path, isDirectory),
    openText: (path: string) => {
      const uri = openPaths.get(path);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
  };
  const workspaceDiagnostics = new WorkspaceDiagnostics(
    workspaceFilesHost,
    (uri, diagnostics) => connection.sendDiagnostics({ uri, diagnostics }),
    (path) => openPaths.has(path),
  );
  const kustomize = new KustomizeLinting(
    fs,
    () => roots,
    (kustomization) => linters.linterFor(kustomization)?.getSettings(),
  );
  const kustomizeFindings = (path: string) => kustomize.findingsFor(path);
  const scheduler = new LintScheduler(async (uri, isCurrent) => {
    await guard(`linting ${uri}`, undefined, () => publish(uri, isCurrent));
    options.memory?.published();
  });
  let settings: SettingsStore | undefined;
  let canPull = false;
  let editSupport: EditSupport = { documentChanges: false, createFiles: false };
  let registerForConfigurationChanges = false;
  let registerFileWatching = false;
  let initializationOptions: unknown;
  let rescanTimer: NodeJS.Timeout | undefined;
  /** The first scan waits for the documents opened at startup; until it starts, a settings change needs no scan of its own. */
  let startupScanStarted = false;
  /**
   * The first scan has filled the index. Until then, what a rule reads of other files is not known: a document
   * shows its document-local findings only (a PodDisruptionBudget in another file would otherwise be reported
   * missing for the second the scan takes, at every start of the editor).
   */
  let indexReady = false;
  /** A document waits for the startup scan: it starts as soon as initialization allows, not after its delay. */
  let scanWanted = false;

  const currentSettings = (): ServerSettings => settings?.current ?? DEFAULT_SERVER_SETTINGS;
  const linterFor = (document: TextDocument) => linters.linterFor(uriToPath(document.uri));
  // --- schema features (harden-schema diagnostics, hover, completion)
  const schema = new SchemaFeatures({
    settings: currentSettings,
    linterFor,
    log: (message) => connection.console.log(message),
    loadSchema,
    readSchemaFile: (path) => readSmallFile(path, MAX_LOCAL_SCHEMA_BYTES),
  });

  function diagnosticsFor(document: TextDocument): { diagnostics: Diagnostic[]; indexChanged: boolean } {
    try {
      const lint = lintDocument(linterFor(document), document, currentSettings(), kustomizeFindings);
      if (lint.kind === 'skipped') return { diagnostics: [noticeDiagnostic(lint.reason)], indexChanged: false };
      if (lint.kind === 'unsupported') return { diagnostics: [], indexChanged: false };
      return { diagnostics: lint.findings.map(toDiagnostic), indexChanged: lint.indexChanged };
    } catch (error) {
      connection.console.error(`[harden] linting ${document.uri} failed: ${describeError(error)}`);
      return { diagnostics: [noticeDiagnostic(INTERNAL_ERROR_NOTICE)], indexChanged: false };
    }
  }

  async function publish(uri: string, isCurrent: () => boolean): Promise<void> {
    await settings?.ready;
    const document = documents.get(uri);
    if (!document || !isCurrent()) return;
    if (!lastPublished.has(uri) && (await publishPreview(uri, document)) && !isCurrent()) return;
    if (!indexReady && (await publishLocalFindings(uri, document))) {
      // The full publish follows the scan (which re-lints every open document): start it now.
      startStartupScan();
      return;
    }
    const { diagnostics, indexChanged } = diagnosticsFor(document);
    // A CustomResourceDefinition in the buffer gives its schema to the other documents.
    const schemasChanged = schema.fileChanged(uriToPath(uri), document);
    // What this document declares changed what other files' cross-file rules see.
    if (indexChanged || schemasChanged) relintOpenDocuments(uri);
    // The other open files of the overlays built from this one show those overlays' findings.
    else relintKustomizeDependants(uri);
    // Linting is synchronous today; this keeps a slower (async) engine from publishing for a replaced version.
    if (!isCurrent() || documents.get(uri)?.version !== document.version) return;
    // --- schema diagnostics: appended to harden's, per `---` document and cached (server/src/hosts/lsp/schemaFeatures.ts)
    const stillCurrent = () => isCurrent() && documents.get(uri)?.version === document.version;
    const early = () => sendIfChanged(uri, document.version, diagnostics);
    const schemaDiagnostics = await guard(`validating ${uri} against the Kubernetes schema`, [], () => schema.diagnostics(document, stillCurrent, early));
    // An edit came before validation ended: its publish validates the rest, with these trees (released, they were
    // parsed again slice after slice while the user typed: 60-120 ms per keystroke for the first second).
    if (schemaDiagnostics === undefined) return;
    // Harden's findings are out and schema validation has read the trees it shares with the engine.
    linterFor(document)?.releaseParses(uriToPath(uri));
    if (!stillCurrent()) return;
    await sendIfChanged(uri, document.version, [...diagnostics, ...withoutRequiredFields(document, schemaDiagnostics)]);
  }

  /**
   * A large file's first lint takes a second or more: its top's document-local findings go out first (the full
   * publish only adds to them). True when they did; the caller yields to pending messages before going on.
   */
  async function publishPreview(uri: string, document: TextDocument): Promise<boolean> {
    const findings = await guard(`previewing ${uri}`, undefined, () =>
      previewDocument(linterFor(document), document, currentSettings(), (path) => kustomize.isReadByOverlays(path)),
    );
    if (!findings) return false;
    await sendIfChanged(uri, document.version, findings.map(toDiagnostic));
    await new Promise((resolve) => setImmediate(resolve));
    return true;
  }

  /** Before the first scan: the document-local findings only, which hold whatever the workspace has. True when sent. */
  async function publishLocalFindings(uri: string, document: TextDocument): Promise<boolean> {
    const findings = await guard(`linting ${uri}`, undefined, () =>
      documentLocalFindings(linterFor(document), document, currentSettings(), (path) => kustomize.isReadByOverlays(path)),
    );
    if (!findings) return false;
    await sendIfChanged(uri, document.version, findings.map(toDiagnostic));
    return true;
  }

  // Re-lints triggered by other files (the index, the workspace scan) mostly change nothing: do not resend
  // (a large file's diagnostics are megabytes of JSON) unless something did.
  // Only a re-lint of the same version is compared (an edit always publishes), so typing pays nothing extra.
  const lastPublished = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  async function sendIfChanged(uri: string, version: number, diagnostics: Diagnostic[]): Promise<void> {
    const last = lastPublished.get(uri);
    if (last?.version === version && sameDiagnostics(last.diagnostics, diagnostics)) return;
    lastPublished.set(uri, { version, diagnostics });
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** A kustomize patch is partial (used by an overlay, or a fragment nothing uses): the schema's "Missing property" says nothing about it. */
  function withoutRequiredFields(document: TextDocument, schemaDiagnostics: Diagnostic[]): Diagnostic[] {
    const path = uriToPath(document.uri);
    if (!kustomize.isPatchOnly(path) && !linterFor(document)?.isUnusedPatchFragment(path)) return schemaDiagnostics;
    return schemaDiagnostics.filter((d) => !isMissingPropertyMessage(typeof d.message === 'string' ? d.message : d.message.value));
  }

  function relintKustomizeDependants(uri: string): void {
    const dependants = guardedDependants(uriToPath(uri));
    for (const dependant of dependants) {
      const open = openPaths.get(dependant);
      if (open && open !== uri) scheduler.schedule(open);
    }
  }

  function guardedDependants(path: string): string[] {
    try {
      return kustomize.dependants(path);
    } catch (error) {
      connection.console.error(`[harden] kustomize: ${describeError(error)}`);
      return [];
    }
  }

  /** Re-lints every open document (but `except`); cheap, since the engine caches document-local results. */
  function relintOpenDocuments(except?: string): void {
    for (const document of documents.all()) if (document.uri !== except) scheduler.schedule(document.uri);
  }

  /** A `.dockerignore`, Compose file or `.env` changed: re-lints the open Dockerfiles and Compose files (but `except`). */
  function relintDockerDocuments(except?: string): void {
    for (const document of documents.all()) if (document.uri !== except && readsDockerBuildInputs(document)) scheduler.schedule(document.uri);
  }

  function scanWorkspace(): void {
    startupScanStarted = true;
    void guard('scanning the workspace', undefined, async () => {
      const started = Date.now();
      if (!(await indexer.scan())) return; // a newer scan took over
      indexReady = true;
      kustomize.rescan();
      guardedReloadConfigCrds();
      connection.console.info(`[harden] workspace index ready: ${linters.index.paths().length} files with Kubernetes objects (${Date.now() - started} ms)`);
      options.memory?.scanned();
      relintOpenDocuments();
      if (currentSettings().workspaceDiagnostics) runWorkspaceDiagnostics();
    });
  }

  /** The startup scan, now rather than after its delay: a document waits for it to show its cross-file findings. */
  function startStartupScan(): void {
    if (startupScanStarted) return;
    scanWanted = true;
    // Until initialization has read the settings and `files.exclude`, no timer is set: it starts the scan then.
    if (rescanTimer === undefined) return;
    clearTimeout(rescanTimer);
    scanWorkspace();
  }

  /**
   * A setting that changes what the scan reads changed. Before the startup scan has begun, that scan will read
   * it: scanning now would block the documents being opened (clients push their settings right after
   * `initialized`, while the pull of `files.exclude` is still answering).
   */
  function rescanAfterStartup(): void {
    if (startupScanStarted) scanWorkspace();
  }

  /**
   * Re-reads the CRDs named by `crds:` in the configs of the workspace (those the scan and the open documents
   * loaded, and the workspace folders' own). Runs after every scan, so after every config change.
   */
  function reloadConfigCrds(): boolean {
    for (const root of roots) linters.configFor(`${root.replace(/[\\/]+$/, '')}/.harden-crds-probe.yaml`);
    const named = namedCrds();
    crdsRead = JSON.stringify(named);
    const files = readCrdFiles(named, (message) => connection.console.warn(`[harden] ${message}`), crdCache);
    if (!schema.setConfigCrds(files)) return false;
    connection.console.info(`[harden] crds: ${files.length} file(s) with CustomResourceDefinitions read`);
    return true;
  }

  /** With `opened`: only when the config of that document names `crds:` not read yet. True when schemas changed. */
  function guardedReloadConfigCrds(opened?: string): boolean {
    try {
      if (opened !== undefined) {
        linters.configFor(opened);
        if (JSON.stringify(namedCrds()) === crdsRead) return false;
      }
      return reloadConfigCrds();
    } catch (error) {
      connection.console.error(`[harden] crds: ${describeError(error)}`);
      return false;
    }
  }

  /** The `crds:` paths of every config loaded so far. */
  function namedCrds(): string[] {
    return [...new Set(linters.configs.loadedConfigs().flatMap((config) => config.crds))].sort();
  }
  /** The `crds:` paths last read (JSON), to see when an opened document brings a config with new ones. */
  let crdsRead = '[]';
  const crdCache: CrdParseCache = new Map();

  function sendWorkspaceProgress(params: WorkspaceProgressParams): void {
    void connection.sendNotification(WORKSPACE_PROGRESS, params);
  }

  /** Lints every workspace file in the background (harden.workspaceDiagnostics), with progress for the status bar. */
  function runWorkspaceDiagnostics(): void {
    void guard('checking the workspace', undefined, async () => {
      const started = Date.now();
      sendWorkspaceProgress({ state: 'running', done: 0, total: 0 });
      const outcome = await workspaceDiagnostics.run((p) => sendWorkspaceProgress({ state: 'running', ...p }));
      sendWorkspaceProgress({ state: outcome.completed ? 'done' : outcome.overBudget ? 'overBudget' : 'cancelled', done: outcome.files, total: outcome.files });
      connection.console.info(
        `[harden] workspace diagnostics: ${outcome.files} files (${Date.now() - started} ms)${outcome.overBudget ? ', stopped at the size budget' : outcome.completed ? '' : ', cancelled'}`,
      );
    });
  }

  /** A `.harden.yaml` was created, changed or deleted (on disk or in the editor): settings and ignores may differ. */
  function configChanged(): void {
    linters.configs.invalidate();
    relintOpenDocuments();
    clearTimeout(rescanTimer);
    rescanTimer = setTimeout(scanWorkspace, CONFIG_RESCAN_DELAY_MS);
  }

  async function reloadSettings(pushed?: unknown): Promise<void> {
    if (!settings) return;
    const firstLoad = !settings.isLoaded;
    const before = settings.current;
    const after = await settings.refresh(pushed);
    // Runs scheduled before the first load waited for it, so they already use these settings.
    if (firstLoad || JSON.stringify(before) === JSON.stringify(after)) return;
    relintOpenDocuments();
    if (before.maxFileSizeKB !== after.maxFileSizeKB)
      rescanAfterStartup(); // which runs the workspace diagnostics after it
    // Any other change (rules, version, the option itself) changes every file's findings.
    else if (after.workspaceDiagnostics) runWorkspaceDiagnostics();
    if (before.workspaceDiagnostics && !after.workspaceDiagnostics) {
      await workspaceDiagnostics.clear();
      connection.console.info('[harden] workspace diagnostics: off, findings of files that are not open cleared');
    }
  }

  /** Pulls `files.exclude` of every workspace folder; true when it changed. */
  async function reloadFilesExclude(): Promise<boolean> {
    if (!canPull || roots.length === 0) return false;
    const items = roots.map((root) => ({ section: FILES_EXCLUDE_SECTION, scopeUri: pathToUri(root) }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<unknown[]>((resolve) => (timer = setTimeout(() => resolve([]), PULL_TIMEOUT_MS)));
    const values = (await Promise.race([connection.workspace.getConfiguration(items), timeout]).finally(() => clearTimeout(timer))) as unknown[];
    const next = new FilesExclude(roots.map((root, i) => [root, values?.[i]] as const));
    if (next.key === filesExclude.key) return false;
    filesExclude = next;
    return true;
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    canPull = capabilities.workspace?.configuration === true;
    settings = new SettingsStore(connection, canPull, (next) => linters.setOverrides(toEngineOverrides(next)));
    editSupport = editSupportOf(capabilities);
    initializationOptions = params.initializationOptions;
    schema.setInitializationOptions(params.initializationOptions);
    setDiagnosticOptions(params.initializationOptions);
    registerForConfigurationChanges = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    registerFileWatching = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    roots = workspaceRootsOf(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'harden' },
    };
  });

  connection.onInitialized(() =>
    guard('initialization', undefined, async () => {
      if (registerForConfigurationChanges) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'harden' });
      }
      if (registerFileWatching) await registerFileWatchers(connection);
      await reloadSettings(settingsIn(initializationOptions));
      await guard('reading files.exclude', false, reloadFilesExclude);
      // Editors open their documents right after `initialized`: let those be linted first, then scan.
      rescanTimer = setTimeout(scanWorkspace, scanWanted ? 0 : scanDelayMs);
      // --- schema: load it in the background once those first documents had their diagnostics.
      setTimeout(() => void guard('loading the Kubernetes schema', undefined, () => schema.warmUp()), warmUpDelayMs);
    }),
  );

  connection.onDidChangeConfiguration((params) =>
    guard('applying changed settings', undefined, async () => {
      await reloadSettings(settingsIn(params.settings));
      if (await reloadFilesExclude()) rescanAfterStartup();
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    guard('applying file changes', undefined, () => {
      const { indexChanged, configChanged: configFileChanged, dockerBuildInputChanged } = indexer.filesChanged(params.changes);
      const kustomizationsChanged = params.changes
        .map((change) => kustomize.fileSeen(uriToPath(change.uri), change.type !== FileChangeType.Deleted))
        .includes(true);
      if (configFileChanged) configChanged();
      else if (indexChanged || kustomizationsChanged) relintOpenDocuments();
      else if (dockerBuildInputChanged) relintDockerDocuments();
      if (currentSettings().workspaceDiagnostics && !configFileChanged) {
        for (const change of params.changes) void guard('checking a changed file', undefined, () => workspaceDiagnostics.refresh(uriToPath(change.uri)));
      }
    }),
  );

  documents.onDidOpen(({ document }) => {
    openPaths.set(uriToPath(document.uri), document.uri);
    // A document outside the scanned folders (or opened before the scan) may use a config whose `crds:` are not read yet.
    if (guardedReloadConfigCrds(uriToPath(document.uri))) relintOpenDocuments(document.uri);
    if (kustomize.fileSeen(uriToPath(document.uri), true)) relintOpenDocuments(document.uri);
  });

  documents.onDidChangeContent(({ document }) => {
    if (isConfigFile(uriToPath(document.uri))) configChanged();
    // An open Compose file's buffer decides the build context of the Dockerfiles it builds.
    else if (isDockerBuildInput(uriToPath(document.uri))) relintDockerDocuments(document.uri);
    scheduler.schedule(document.uri);
  });

  documents.onDidClose(({ document }) =>
    guard(`closing ${document.uri}`, undefined, async () => {
      const path = uriToPath(document.uri);
      scheduler.cancel(document.uri);
      openPaths.delete(path);
      linters.pool.forget(path);
      schema.forget(document.uri);
      if (isConfigFile(path)) configChanged();
      else if (indexer.documentClosed(path)) relintOpenDocuments();
      // Its unsaved buffer gives way to the disk.
      else if (isDockerBuildInput(path)) relintDockerDocuments();
      lastPublished.delete(document.uri);
      await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      // With workspace diagnostics on, a closed file keeps its findings (from the disk).
      if (currentSettings().workspaceDiagnostics) await workspaceDiagnostics.refresh(path);
    }),
  );

  connection.onCodeAction((params) =>
    guard('computing code actions', [], async () => {
      await settings?.ready;
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const indexBefore = linters.index.version;
      const actions = provideCodeActions({
        params,
        document,
        linter: linterFor(document),
        settings: currentSettings(),
        support: editSupport,
        kustomize: kustomizeFindings,
        versionOf: (uri) => documents.get(uri)?.version,
      });
      // Linting for code actions records the buffer's objects in the index too (VS Code asks for code actions
      // right after an edit, before the debounced publish), so that publish would find nothing changed and
      // never re-lint the other files. Re-lint them all here, this one included: fix-all's passes may have
      // left its fixed text's objects in the index, and publishing the buffer puts them back.
      if (linters.index.version !== indexBefore) relintOpenDocuments();
      return actions;
    }),
  );

  // --- whole-workspace requests from the client's commands
  connection.onRequest(FIX_ALL_IN_WORKSPACE, (_params: unknown, token: CancellationToken) =>
    guard('fixing the workspace', { changes: {}, fixes: 0, files: 0, cancelled: true }, async () => {
      await settings?.ready;
      return fixAllInWorkspace(workspaceFilesHost, { isCancelled: () => token.isCancellationRequested });
    }),
  );
  connection.onNotification(CANCEL_WORKSPACE_DIAGNOSTICS, () => workspaceDiagnostics.cancel());

  // --- schema hover and completions (server/src/hosts/lsp/schemaFeatures.ts, server/src/services/completion)
  connection.onHover((params) =>
    guard('computing hover', null, async () => {
      await settings?.ready;
      const document = documents.get(params.textDocument.uri);
      return document ? schema.hover(document, params.position) : null;
    }),
  );

  connection.onCompletion((params) =>
    guard('computing completions', [], async () => {
      await settings?.ready;
      const document = documents.get(params.textDocument.uri);
      return document ? schema.completion(document, params.position) : [];
    }),
  );

  connection.onNotification(RED_HAT_YAML_NOTIFICATION, (params: { active?: boolean }) => {
    const active = params?.active === true;
    if (active === schema.redHatYaml) return;
    schema.redHatYaml = active;
    relintOpenDocuments();
  });

  connection.onShutdown(() => {
    clearTimeout(rescanTimer);
    scheduler.dispose();
  });

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
