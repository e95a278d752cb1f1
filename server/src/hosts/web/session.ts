// The language server of VS Code for the web: the desktop server's linting, diagnostics, quick fixes, settings
// and schema features (the same hosts/lsp modules), over a web worker instead of a Node process. The worker has
// no file system: the workspace files that other files' rules read (Dockerfiles beside manifests, ServiceAccounts,
// `.harden.yaml`, CRDs, Helm chart files, the ignore, Compose and `.env` files of Dockerfiles) are read by the client with `vscode.workspace.fs` when the server asks
// (lsp/webProtocol.ts), and again when its file watcher reports a change; `harden.workspaceDiagnostics` covers
// those files. Not here (see docs/web.md): kustomize overlays.
import {
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_TEXT_DOCUMENTS } from '../lsp/yamlDocuments';
import { detectLanguage, isConfigFile, isDockerBuildInput, LineIndex, minimalEdit } from '../../engine';
import { SchemaData, schemaFileName } from '../../services/schema/data';
import { CODE_ACTION_KINDS, editSupportOf, provideCodeActions, type EditSupport } from '../lsp/codeActions';
import { SettingsStore } from '../lsp/configuration';
import { noticeDiagnostic, setDiagnosticOptions, toDiagnostic } from '../lsp/diagnostics';
import { documentLocalFindings, EDITOR_LINTER, lintDocument, readsDockerBuildInputs } from '../lsp/documentLinting';
import { registerFileWatchers, WATCHED_GLOBS } from '../lsp/fileWatching';
import { createGuard, describeError } from '../lsp/guard';
import { uriToPath } from '../lsp/paths';
import { LintScheduler } from '../lsp/scheduler';
import { RED_HAT_YAML_NOTIFICATION, SchemaFeatures } from '../lsp/schemaFeatures';
import { DEFAULT_SERVER_SETTINGS, toEngineOverrides, type ServerSettings } from '../lsp/settings';
import {
  WEB_FIND_FILES,
  WEB_READ_EXTENSION_FILE,
  WEB_READ_FILES,
  type WebFindFilesParams,
  type WebFindFilesResult,
  type WebReadExtensionFileResult,
  type WebReadFilesResult,
} from '../lsp/webProtocol';
import { folderContaining } from '../lsp/workspaceFolders';
import { FIX_ALL_IN_WORKSPACE } from '../lsp/workspaceProtocol';
import { FileLinters } from '../node/fileLinters';
import { withOpenDocuments } from '../node/stampedFileSystem';
import { indexWorkspaceFile, isIndexedFile } from '../node/workspaceFiles';
import { WebFileSystem } from './webFileSystem';

const INTERNAL_ERROR_NOTICE = 'Harden could not lint this file because of an internal error; see the "Harden" output for details.';
/** Files beside a manifest are small; anything bigger is not one of them (as on the desktop). */
const MAX_SIDE_FILE_BYTES = 1024 * 1024;
/** The workspace files read through the client: at most this many, and this many bytes in all. */
const MAX_WORKSPACE_FILES = 5000;
const MAX_WORKSPACE_BYTES = 32 * 1024 * 1024;
const READ_BATCH = 100;
/** Linting waits at most this long for the workspace's `.harden.yaml` files. */
const CONFIG_READ_TIMEOUT_MS = 5000;
/**
 * What the desktop server watches, plus Helm chart helpers (`_helpers.tpl`); without `{a,b}` alternatives, so
 * that the client can search them all at once as one `{…}` glob (VS Code's globs do not nest braces).
 */
const WORKSPACE_GLOBS = [...WATCHED_GLOBS, '**/*.tpl'].flatMap(expandBraces);

function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  return match[1].split(',').flatMap((alternative) => expandBraces(glob.slice(0, match.index) + alternative + glob.slice(match.index + match[0].length)));
}
const SKIPPED_FOLDERS = ['**/node_modules/**', '**/.git/**'];

export function startWebServer(connection: Connection): void {
  const documents = new TextDocuments(SERVER_TEXT_DOCUMENTS);
  const guard = createGuard(connection.console);
  const openPaths = new Map<string, string>();
  const openDocument = (path: string) => {
    const uri = openPaths.get(path);
    const document = uri === undefined ? undefined : documents.get(uri);
    return document && { text: document.getText(), version: document.version };
  };
  const files = new WebFileSystem();
  /** Path -> URI of the workspace files the client read. */
  const uriOf = new Map<string, string>();
  let roots: string[] = [];
  const linters = new FileLinters({
    fs: withOpenDocuments(files, openDocument),
    overrides: toEngineOverrides(DEFAULT_SERVER_SETTINGS),
    rootOf: (path) => folderContaining(roots, path),
    linter: EDITOR_LINTER,
  });
  const scheduler = new LintScheduler((uri, isCurrent) => guard(`linting ${uri}`, undefined, () => publish(uri, isCurrent)));
  let settings: SettingsStore | undefined;
  let editSupport: EditSupport = { documentChanges: false, createFiles: false };
  let registerFileWatching = false;
  let initializationOptions: unknown;
  const currentSettings = (): ServerSettings => settings?.current ?? DEFAULT_SERVER_SETTINGS;
  /**
   * Settles once the workspace's `.harden.yaml` files were read (or that failed, or took too long): lint runs wait
   * for it, as for the settings, so that the first diagnostics already honour them. Other files come later and
   * re-lint the open documents, like the desktop's background scan.
   */
  let markConfigsRead!: () => void;
  /** The workspace files were read (or that failed): until then a document shows its document-local findings only. */
  let workspaceRead = false;
  const configsRead = new Promise<void>((resolve) => (markConfigsRead = resolve));
  const ready = async () => {
    await settings?.ready;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([configsRead, new Promise((resolve) => (timer = setTimeout(resolve, CONFIG_READ_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
  };
  const linterFor = (document: TextDocument) => linters.linterFor(uriToPath(document.uri));

  // --- the shipped Kubernetes schemas, read through the client before the first validation that needs one
  const schemaTexts = new Map<string, string | null>();
  const schema = new SchemaFeatures({
    settings: currentSettings,
    linterFor,
    log: (message) => connection.console.log(message),
    loadSchema: (minor) => {
      const text = schemaTexts.get(minor);
      if (!text) throw new Error(`the Kubernetes schema ${schemaFileName(minor)} could not be read from the extension`);
      return SchemaData.parse(text);
    },
    readSchemaFile: (path) => files.readFile(path),
  });
  async function ensureSchema(document: TextDocument): Promise<void> {
    if (!schema.appliesTo(document)) return;
    const minor = schema.minorFor(document);
    if (schemaTexts.has(minor)) return;
    const answer = await connection.sendRequest<WebReadExtensionFileResult>(WEB_READ_EXTENSION_FILE, { path: `schemas/${schemaFileName(minor)}` });
    schemaTexts.set(minor, answer?.text ?? null);
  }

  function diagnosticsFor(document: TextDocument): { diagnostics: Diagnostic[]; indexChanged: boolean } {
    try {
      const lint = lintDocument(linterFor(document), document, currentSettings());
      if (lint.kind === 'skipped') return { diagnostics: [noticeDiagnostic(lint.reason)], indexChanged: false };
      if (lint.kind === 'unsupported') return { diagnostics: [], indexChanged: false };
      return { diagnostics: lint.findings.map(toDiagnostic), indexChanged: lint.indexChanged };
    } catch (error) {
      connection.console.error(`[harden] linting ${document.uri} failed: ${describeError(error)}`);
      return { diagnostics: [noticeDiagnostic(INTERNAL_ERROR_NOTICE)], indexChanged: false };
    }
  }

  async function publish(uri: string, isCurrent: () => boolean): Promise<void> {
    await ready();
    const document = documents.get(uri);
    if (!document || !isCurrent()) return;
    // What other files' rules read is not known before the workspace is read (a PDB in another file would be reported
    // missing meanwhile): the rest follows the read, which re-lints the open documents.
    const local = workspaceRead ? undefined : documentLocalFindings(linterFor(document), document, currentSettings(), () => false);
    if (local) {
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: local.map(toDiagnostic) });
      return;
    }
    const { diagnostics, indexChanged } = diagnosticsFor(document);
    const schemasChanged = schema.fileChanged(uriToPath(uri), document);
    if (indexChanged || schemasChanged) relintOpenDocuments(uri);
    const stillCurrent = () => isCurrent() && documents.get(uri)?.version === document.version;
    if (!stillCurrent()) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    await guard('reading the Kubernetes schema', undefined, () => ensureSchema(document));
    const early = async () => {};
    const schemaDiagnostics = await guard(`validating ${uri} against the Kubernetes schema`, [], () => schema.diagnostics(document, stillCurrent, early));
    if (schemaDiagnostics === undefined) return; // as the desktop server: the next publish validates the rest, with these trees
    linterFor(document)?.releaseParses(uriToPath(uri));
    if (schemaDiagnostics.length === 0 || !stillCurrent()) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [...diagnostics, ...schemaDiagnostics] });
  }

  function relintOpenDocuments(except?: string): void {
    for (const document of documents.all()) if (document.uri !== except) scheduler.schedule(document.uri);
  }

  /** An open Compose file changed or closed: re-lints the open Dockerfiles and Compose files that read it (but `except`). */
  function relintDockerDocuments(except?: string): void {
    for (const document of documents.all()) if (document.uri !== except && readsDockerBuildInputs(document)) scheduler.schedule(document.uri);
  }

  /** A workspace file's text as the client read it (undefined: gone, unreadable or too large). */
  function fileRead(uri: string, text: string | undefined): { indexChanged: boolean; configChanged: boolean } {
    const path = uriToPath(uri);
    const changed = files.set(path, text);
    if (text === undefined) uriOf.delete(path);
    else uriOf.set(path, uri);
    if (isConfigFile(path)) return { indexChanged: false, configChanged: changed };
    if (openPaths.has(path)) return { indexChanged: false, configChanged: false }; // the open document wins
    const schemasChanged = schema.fileChanged(path, text);
    const linter = text === undefined || !isIndexedFile(path) ? undefined : linters.linterFor(path);
    if (text === undefined || !linter) return { indexChanged: linters.pool.forget(path, true) || schemasChanged || changed, configChanged: false };
    const indexChanged = indexWorkspaceFile(linter, { path, text });
    linters.pool.forget(path); // only the index's summaries are kept for a file that is not open
    return { indexChanged: indexChanged || schemasChanged || changed, configChanged: false };
  }

  /** Reads files through the client, in batches; true when what other files' rules see changed. */
  async function readFiles(uris: readonly string[]): Promise<boolean> {
    let changed = false;
    let configChanged = false;
    let bytes = 0;
    for (let start = 0; start < uris.length && bytes < MAX_WORKSPACE_BYTES; start += READ_BATCH) {
      const batch = uris.slice(start, start + READ_BATCH);
      const answer = await connection.sendRequest<WebReadFilesResult>(WEB_READ_FILES, { uris: batch, maxFileBytes: MAX_SIDE_FILE_BYTES });
      batch.forEach((uri, i) => {
        const text = answer?.texts?.[i] ?? undefined;
        bytes += text?.length ?? 0;
        const outcome = fileRead(uri, text);
        changed ||= outcome.indexChanged;
        configChanged ||= outcome.configChanged;
      });
    }
    if (configChanged) linters.configs.invalidate();
    return changed || configChanged;
  }

  async function loadWorkspace(): Promise<void> {
    const started = Date.now();
    const params: WebFindFilesParams = { include: WORKSPACE_GLOBS, exclude: SKIPPED_FOLDERS, maxFiles: MAX_WORKSPACE_FILES };
    const found = await connection.sendRequest<WebFindFilesResult>(WEB_FIND_FILES, params);
    const uris = found?.uris ?? [];
    // `.harden.yaml` first: the open documents wait for them (on the desktop they are read when linting), and the
    // other files are indexed under their settings (ignore globs).
    await readFiles(uris.filter((uri) => isConfigFile(uriToPath(uri))));
    markConfigsRead();
    await readFiles(uris.filter((uri) => !isConfigFile(uriToPath(uri))));
    connection.console.info(`[harden] web: read ${files.size} workspace files through the client (${Date.now() - started} ms)`);
    if (currentSettings().workspaceDiagnostics) void workspaceDiagnostics();
  }

  // --- harden.workspaceDiagnostics: the findings of the workspace files the client read that are not open
  // (as on the desktop: harden's own, not the schema's), re-published when files change, cleared when it goes off.
  const workspacePublished = new Set<string>();
  let workspaceRuns = 0;
  async function publishWorkspaceFile(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    if (diagnostics.length === 0 && !workspacePublished.has(uri)) return;
    if (diagnostics.length === 0) workspacePublished.delete(uri);
    else workspacePublished.add(uri);
    await connection.sendDiagnostics({ uri, diagnostics });
  }
  function workspaceFileDiagnostics(path: string): Diagnostic[] {
    const text = files.readFile(path);
    if (text === undefined || isConfigFile(path) || detectLanguage(path) === undefined) return [];
    const linter = linters.linterFor(path);
    if (!linter) return [];
    const { findings } = linter.lint({ path, text });
    linters.pool.forget(path); // keep no parsed documents of files that are not open
    return findings.map(toDiagnostic);
  }
  async function runWorkspaceDiagnostics(): Promise<void> {
    const run = ++workspaceRuns;
    const on = currentSettings().workspaceDiagnostics;
    const pending: Array<[string, Diagnostic[]]> = [];
    for (const [path, uri] of uriOf) {
      if (!on || openPaths.has(path)) continue;
      pending.push([uri, workspaceFileDiagnostics(path)]);
      if (pending.length % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 0)); // let edits through
      if (run !== workspaceRuns) return; // a newer run took over
    }
    const seen = new Set(pending.map(([uri]) => uri));
    for (const [uri, diagnostics] of pending) await publishWorkspaceFile(uri, diagnostics);
    for (const uri of [...workspacePublished]) if (!seen.has(uri) && ![...openPaths.values()].includes(uri)) await publishWorkspaceFile(uri, []);
    if (on) connection.console.info(`[harden] web: workspace diagnostics of ${pending.length} files that are not open`);
  }
  const workspaceDiagnostics = () => guard('checking the workspace', undefined, runWorkspaceDiagnostics);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    settings = new SettingsStore(connection, canPull, (next) => linters.setOverrides(toEngineOverrides(next)));
    editSupport = editSupportOf(capabilities);
    initializationOptions = params.initializationOptions;
    schema.setInitializationOptions(params.initializationOptions);
    setDiagnosticOptions(params.initializationOptions);
    registerFileWatching = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(uriToPath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'harden-web' },
    };
  });

  connection.onInitialized(() =>
    guard('initialization', undefined, async () => {
      if (registerFileWatching) await registerFileWatchers(connection);
      await settings?.refresh(settingsIn(initializationOptions));
      await guard('reading the workspace files', undefined, loadWorkspace);
      markConfigsRead(); // also when reading failed
      workspaceRead = true;
      relintOpenDocuments(); // what other files' rules read is known now (or will not be)
    }),
  );

  connection.onDidChangeConfiguration((params) =>
    guard('applying changed settings', undefined, async () => {
      const before = JSON.stringify(currentSettings());
      await settings?.refresh(settingsIn(params.settings));
      if (JSON.stringify(currentSettings()) === before) return;
      relintOpenDocuments();
      // Any change (rules, version, the option itself) changes every file's findings; off clears them.
      void workspaceDiagnostics();
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    guard('applying file changes', undefined, async () => {
      const deleted = params.changes.filter((change) => change.type === FileChangeType.Deleted).map((change) => change.uri);
      let changed = false;
      for (const uri of deleted) changed = fileRead(uri, undefined).indexChanged || changed;
      if (deleted.some((uri) => isConfigFile(uriToPath(uri)))) linters.configs.invalidate();
      const updated = params.changes.filter((change) => change.type !== FileChangeType.Deleted).map((change) => change.uri);
      if (updated.length > 0) changed = (await readFiles(updated)) || changed;
      if (changed || deleted.length > 0) relintOpenDocuments();
      if (currentSettings().workspaceDiagnostics || workspacePublished.size > 0) void workspaceDiagnostics();
    }),
  );

  documents.onDidOpen(({ document }) => {
    openPaths.set(uriToPath(document.uri), document.uri);
    workspacePublished.delete(document.uri); // the open document's own diagnostics replace them
  });

  documents.onDidChangeContent(({ document }) => {
    if (isConfigFile(uriToPath(document.uri))) {
      linters.configs.invalidate();
      relintOpenDocuments(document.uri);
    } else if (isDockerBuildInput(uriToPath(document.uri))) relintDockerDocuments(document.uri);
    scheduler.schedule(document.uri);
  });

  documents.onDidClose(({ document }) =>
    guard(`closing ${document.uri}`, undefined, async () => {
      const path = uriToPath(document.uri);
      scheduler.cancel(document.uri);
      openPaths.delete(path);
      linters.pool.forget(path);
      schema.forget(document.uri);
      // What the index holds for it comes from the last text the client read (or goes).
      const read = files.readFile(path);
      if (fileRead(document.uri, read).indexChanged || isConfigFile(path)) relintOpenDocuments();
      else if (isDockerBuildInput(path)) relintDockerDocuments(); // its unsaved buffer gives way to the text read
      workspacePublished.delete(document.uri);
      // With workspace diagnostics on, a closed file keeps its findings (from the text the client read).
      const fromWorkspace = currentSettings().workspaceDiagnostics && uriOf.has(path) ? workspaceFileDiagnostics(path) : [];
      await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      await publishWorkspaceFile(document.uri, fromWorkspace);
    }),
  );

  connection.onCodeAction((params) =>
    guard('computing code actions', [], async () => {
      await ready();
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const indexBefore = linters.index.version;
      const actions = provideCodeActions({ params, document, linter: linterFor(document), settings: currentSettings(), support: editSupport, uriOfPath });
      if (linters.index.version !== indexBefore) relintOpenDocuments();
      return actions;
    }),
  );

  // --- Fix All in Workspace (safe fixes): the open documents and the workspace files the client read.
  connection.onRequest(FIX_ALL_IN_WORKSPACE, (_params: unknown, token: CancellationToken) =>
    guard('fixing the workspace', { changes: {}, fixes: 0, files: 0, cancelled: true }, async () => {
      await ready();
      const result = { changes: {} as Record<string, TextEdit[]>, fixes: 0, files: 0, cancelled: false };
      const targets = new Map(uriOf);
      for (const [path, uri] of openPaths) targets.set(path, uri);
      for (const [path, uri] of targets) {
        if (token.isCancellationRequested) return { ...result, cancelled: true };
        const text = openDocument(path)?.text ?? files.readFile(path);
        const linter = text === undefined || isConfigFile(path) || detectLanguage(path) === undefined ? undefined : linters.linterFor(path);
        if (text === undefined || !linter) continue;
        const fixed = linter.fixAll({ path, text });
        if (!openPaths.has(path)) linters.pool.forget(path); // fix passes lint intermediate texts
        const edit = fixed.applied > 0 ? minimalEdit(text, fixed.text) : undefined;
        if (!edit) continue;
        result.changes[uri] = [new LineIndex(text).toTextEdit(edit)];
        result.fixes += fixed.applied;
        result.files++;
      }
      return result;
    }),
  );

  connection.onHover((params) =>
    guard('computing hover', null, async () => {
      await ready();
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      await ensureSchema(document);
      return schema.hover(document, params.position);
    }),
  );

  connection.onCompletion((params) =>
    guard('computing completions', [], async () => {
      await ready();
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      await ensureSchema(document);
      return schema.completion(document, params.position);
    }),
  );

  connection.onNotification(RED_HAT_YAML_NOTIFICATION, (params: { active?: boolean }) => {
    const active = params?.active === true;
    if (active === schema.redHatYaml) return;
    schema.redHatYaml = active;
    relintOpenDocuments();
  });

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}

/**
 * The URI of a file a fix creates beside the document (`.dockerignore`): the document's URI with the path
 * relative to it, so that it keeps the document's scheme and authority (`vscode-vfs://github/…`).
 */
export function uriOfPath(path: string, document: TextDocument): string {
  const from = uriToPath(document.uri).split('/').slice(0, -1);
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  let base = document.uri.slice(0, document.uri.lastIndexOf('/'));
  for (let up = common; up < from.length; up++) base = base.slice(0, base.lastIndexOf('/'));
  return [base, ...to.slice(common).map(encodeURIComponent)].join('/');
}

function settingsIn(pushed: unknown): unknown {
  return typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).harden : undefined;
}
