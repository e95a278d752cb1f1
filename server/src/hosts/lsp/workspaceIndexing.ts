// Keeps the shared workspace index current: a background scan of the workspace folders at start (and
// again when exclusions or `.harden.yaml` change), files created/changed/deleted on disk, and documents
// closed in the editor (their unsaved objects give way to what is on disk). Open documents always win:
// their objects come from lint runs of the buffer, never from the disk.
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { type Linter, isConfigFile, isDockerBuildInput } from '../../engine';
import type { FileLinters } from '../node/fileLinters';
import { isInsideRoots, isSkippedDirectoryName, realPathOf } from '../node/walkFiles';
import { indexWorkspaceFile, isIndexedFile } from '../node/workspaceFiles';
import { readSmallFile, scanWorkspace } from '../node/workspaceScanner';
import { uriToPath } from './paths';
import { folderContaining } from './workspaceFolders';

export interface WorkspaceIndexerHost {
  linters: FileLinters;
  roots(): readonly string[];
  maxFileBytes(): number;
  isOpen(path: string): boolean;
  /** `files.exclude`. */
  isExcludedBySettings(path: string): boolean;
  /** Says which symlinks the scan did not follow (once, not again on every rescan). */
  warn(message: string): void;
  /** Resolves when no document is being linted: the background scan gives way to edits. */
  whenIdle?(marginMs: number): Promise<void>;
  /** A workspace file's text as read from disk (undefined: it left the workspace), for the CRD schemas. True when they changed. */
  fileText?(path: string, text: string | undefined): boolean;
}

/** How many symlinks leading outside the workspace the log line names; the rest are counted. */
const OUTSIDE_LINKS_SHOWN = 5;

export interface WatchedChanges {
  indexChanged: boolean;
  configChanged: boolean;
  /** A file the Dockerfile and Compose rules read (not indexed: they read it from disk when linting). */
  dockerBuildInputChanged: boolean;
}

export class WorkspaceIndexer {
  private scans = 0;
  /**
   * Files recorded from disk and not forgotten since. The index lists only files with objects it keeps; a file
   * that gave something else (the CRD schemas) must leave too when a rescan no longer sees it (now ignored).
   */
  private readonly recorded = new Set<string>();
  /** The last warning about symlinks leading outside the workspace. */
  private outsideWarned: string | undefined;

  constructor(private readonly host: WorkspaceIndexerHost) {}

  /**
   * Indexes every workspace file not open in the editor; files indexed before that are no longer part of
   * the workspace's indexed set (excluded, ignored, deleted unseen) are dropped. Resolves to true when the
   * scan ran to the end (a newer scan cancels an older one).
   */
  async scan(): Promise<boolean> {
    const scan = ++this.scans;
    const { linters } = this.host;
    // What the scan records becomes visible to rules when it ends, all at once (see `deferringChanges`).
    const result = await scanWorkspace({
      roots: this.host.roots(),
      isExcluded: (file, isDirectory) => this.isExcluded(file, isDirectory),
      maxFileBytes: this.host.maxFileBytes(),
      visit: (file, text) => {
        const linter = this.host.isOpen(file) ? undefined : linters.linterFor(file);
        if (linter) linters.index.deferringChanges(() => this.record(linter, file, text));
      },
      isCancelled: () => scan !== this.scans,
      whenIdle: (marginMs) => this.host.whenIdle?.(marginMs) ?? Promise.resolve(),
    }).finally(() => linters.index.applyDeferredChanges());
    if (!result.completed) return false;
    const outside = result.outside.length > 0 ? outsideLinksMessage(result.outside) : undefined;
    if (outside !== undefined && outside !== this.outsideWarned) this.host.warn(outside); // rescans do not repeat it
    this.outsideWarned = outside;
    for (const indexed of this.known()) {
      if (!result.visited.has(indexed) && !this.host.isOpen(indexed)) this.forget(indexed);
    }
    return true;
  }

  /** `workspace/didChangeWatchedFiles`. */
  filesChanged(changes: readonly FileEvent[]): WatchedChanges {
    const outcome: WatchedChanges = { indexChanged: false, configChanged: false, dockerBuildInputChanged: false };
    for (const change of changes) {
      const file = uriToPath(change.uri);
      // An open Compose file is read from its buffer, whatever the disk holds.
      if (isDockerBuildInput(file) && !this.host.isOpen(file)) outcome.dockerBuildInputChanged = true;
      if (isConfigFile(file)) outcome.configChanged = true;
      else if (this.host.isOpen(file)) continue;
      else if (change.type === FileChangeType.Deleted) outcome.indexChanged = this.removeTree(file) || outcome.indexChanged;
      else outcome.indexChanged = this.indexFromDisk(file) || outcome.indexChanged;
    }
    return outcome;
  }

  /** A document was closed: what the index holds for it comes from the disk again (or goes). */
  documentClosed(file: string): boolean {
    return this.indexFromDisk(file);
  }

  /** (Re-)indexes a file from disk; a file that is gone, too large or excluded leaves the index. */
  indexFromDisk(file: string): boolean {
    const { linters } = this.host;
    if (this.host.isOpen(file)) return false;
    const indexable = isIndexedFile(file) && this.isInsideWorkspace(file) && !this.isExcluded(file, false);
    const text = indexable ? readSmallFile(file, this.host.maxFileBytes()) : undefined;
    const linter = text === undefined ? undefined : linters.linterFor(file);
    if (text === undefined || !linter) return this.forget(file);
    return this.record(linter, file, text);
  }

  /** Indexes a file that is not open; its parsed documents are not kept (only the index's small summaries are). */
  private record(linter: Linter, file: string, text: string): boolean {
    this.recorded.add(file);
    const changed = indexWorkspaceFile(linter, { path: file, text }, { transient: true });
    this.host.linters.pool.forget(file);
    const schemasChanged = this.host.fileText?.(file, text) ?? false;
    return changed || schemasChanged;
  }

  /** A file leaves the index (and the CRD schemas). */
  private forget(file: string): boolean {
    this.recorded.delete(file);
    const schemasChanged = this.host.fileText?.(file, undefined) ?? false;
    return this.host.linters.pool.forget(file, true) || schemasChanged;
  }

  /** A deleted file, or a deleted folder (clients report the folder alone): everything under it leaves the index. */
  private removeTree(deleted: string): boolean {
    let changed = this.forget(deleted);
    const prefix = deleted.endsWith(path.sep) ? deleted : `${deleted}${path.sep}`;
    for (const indexed of this.known()) {
      if (indexed.startsWith(prefix) && !this.host.isOpen(indexed)) changed = this.forget(indexed) || changed;
    }
    return changed;
  }

  /** Every file the index or the recorded set holds (a copy: forgetting changes both). */
  private known(): string[] {
    return [...new Set([...this.host.linters.index.paths(), ...this.recorded])];
  }

  /** In a workspace folder, also once symlinks are resolved (a watched link may lead anywhere). */
  private isInsideWorkspace(file: string): boolean {
    const roots = this.host.roots();
    if (folderContaining(roots, file) === undefined) return false;
    const real = realPathOf(file);
    return (
      real !== undefined &&
      isInsideRoots(
        real,
        roots.map((root) => realPathOf(root) ?? root),
      )
    );
  }

  /** `files.exclude`, skipped folders (node_modules, .git, hidden ones) and `.harden.yaml` ignore globs. */
  isExcluded(file: string, isDirectory: boolean): boolean {
    if (this.host.isExcludedBySettings(file)) return true;
    if (isDirectory) return false;
    const root = folderContaining(this.host.roots(), file);
    const folders = root ? path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean) : [];
    if (folders.some(isSkippedDirectoryName)) return true; // as the scan does: node_modules, .git, hidden folders
    return this.host.linters.linterFor(file) === undefined; // `.harden.yaml` ignore
  }
}

function outsideLinksMessage(outside: readonly string[]): string {
  const shown = outside.slice(0, OUTSIDE_LINKS_SHOWN).join(', ');
  const more = outside.length > OUTSIDE_LINKS_SHOWN ? ` and ${outside.length - OUTSIDE_LINKS_SHOWN} more` : '';
  return `[harden] not indexing ${outside.length} symlink(s) that lead outside the workspace folders: ${shown}${more}`;
}
