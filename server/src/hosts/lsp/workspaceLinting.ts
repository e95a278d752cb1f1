// Whole-workspace work: the opt-in workspace diagnostics (every supported file's findings in the Problems
// panel, open or not) and "Fix All in Workspace (safe fixes)". Both walk the same files the workspace scan
// indexes (files.exclude, skipped folders and `.harden.yaml` ignore globs apply), within a size budget, and
// yield to the event loop between files so that edits stay responsive; both can be cancelled.
import { setImmediate as nextTick } from 'node:timers/promises';
import type { Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { detectLanguage, LineIndex, minimalEdit } from '../../engine';
import { isConfigFile } from '../../engine';
import type { FileLinters } from '../node/fileLinters';
import { walkFiles } from '../node/walkFiles';
import { readSmallFile } from '../node/workspaceScanner';
import { toDiagnostic } from './diagnostics';
import { pathToUri } from './paths';

/** Workspace diagnostics stop after this many bytes of files (a monorepo's vendored YAML is not the user's). */
export const WORKSPACE_BYTES_BUDGET = 64 * 1024 * 1024;
const SLICE_MS = 10;

export interface WorkspaceFilesHost {
  linters: FileLinters;
  roots(): readonly string[];
  maxFileBytes(): number;
  isExcluded(path: string, isDirectory: boolean): boolean;
  /** The editor's text of an open document (it wins over the disk). */
  openText(path: string): string | undefined;
}

export interface WorkspaceProgress {
  done: number;
  total: number;
}

export interface WorkspaceRun {
  isCancelled(): boolean;
  progress?(progress: WorkspaceProgress): void;
}

/** Supported files of the workspace, sorted per folder. */
export function workspaceFiles(host: WorkspaceFilesHost): string[] {
  const files: string[] = [];
  for (const root of host.roots()) {
    for (const file of walkFiles(root, { skipDirectory: (dir) => host.isExcluded(dir, true) })) {
      if (detectLanguage(file) !== undefined && !isConfigFile(file) && !host.isExcluded(file, false)) files.push(file);
    }
  }
  return files;
}

/** Visits each workspace file with its text (the open buffer, else the disk), giving the event loop back between files. */
async function forEachFile(
  host: WorkspaceFilesHost,
  run: WorkspaceRun,
  visit: (path: string, text: string) => void,
  budget = Infinity,
): Promise<{ completed: boolean; overBudget: boolean }> {
  const files = workspaceFiles(host);
  let bytes = 0;
  let sliceStart = Date.now();
  for (const [i, file] of files.entries()) {
    if (Date.now() - sliceStart >= SLICE_MS) {
      run.progress?.({ done: i, total: files.length });
      await nextTick();
      sliceStart = Date.now();
    }
    if (run.isCancelled()) return { completed: false, overBudget: false };
    const text = host.openText(file) ?? readSmallFile(file, host.maxFileBytes());
    if (text === undefined) continue;
    bytes += text.length;
    if (bytes > budget) return { completed: false, overBudget: true };
    visit(file, text);
  }
  run.progress?.({ done: files.length, total: files.length });
  return { completed: true, overBudget: false };
}

export interface WorkspaceFixes {
  /** Full-file edits by document URI. */
  changes: Record<string, TextEdit[]>;
  fixes: number;
  files: number;
  cancelled: boolean;
}

/** The preferred (safe) fixes of every workspace file, as one edit per file. Nothing is written here. */
export async function fixAllInWorkspace(host: WorkspaceFilesHost, run: WorkspaceRun): Promise<WorkspaceFixes> {
  const result: WorkspaceFixes = { changes: {}, fixes: 0, files: 0, cancelled: false };
  const { completed } = await forEachFile(host, run, (path, text) => {
    const linter = host.linters.linterFor(path);
    if (!linter) return;
    const fixed = linter.fixAll({ path, text });
    // Fix passes lint intermediate texts: drop their caches (the index follows the buffers and the disk again).
    if (host.openText(path) === undefined) host.linters.pool.forget(path);
    const edit = fixed.applied > 0 ? minimalEdit(text, fixed.text) : undefined;
    if (!edit) return;
    const lines = new LineIndex(text);
    result.changes[pathToUri(path)] = [lines.toTextEdit(edit)];
    result.fixes += fixed.applied;
    result.files++;
  });
  result.cancelled = !completed;
  return result;
}

/**
 * Publishes the findings of workspace files that are not open (open ones are the editor's business), and
 * clears them again when the option goes off. Re-runs replace what an earlier run published.
 */
export class WorkspaceDiagnostics {
  /** URIs this published diagnostics for, and may have to clear. */
  private readonly published = new Set<string>();
  private runs = 0;

  constructor(
    private readonly host: WorkspaceFilesHost,
    private readonly send: (uri: string, diagnostics: Diagnostic[]) => Promise<void>,
    private readonly isOpen: (path: string) => boolean,
  ) {}

  /** Lints the whole workspace; resolves to what it did. A newer run or `cancel()` stops it. */
  async run(
    progress?: (p: WorkspaceProgress) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<{ files: number; completed: boolean; overBudget: boolean }> {
    const run = ++this.runs;
    const seen = new Set<string>();
    const pending: Array<[string, Diagnostic[]]> = [];
    const outcome = await forEachFile(
      this.host,
      { isCancelled: () => run !== this.runs || isCancelled(), progress },
      (path) => {
        if (this.isOpen(path)) return;
        const uri = pathToUri(path);
        seen.add(uri);
        pending.push([uri, this.lint(path) ?? []]);
      },
      WORKSPACE_BYTES_BUDGET,
    );
    // A newer run or clear() took over: what this one found is stale (publishing it would undo a clear).
    if (run !== this.runs) return { files: seen.size, completed: false, overBudget: false };
    for (const [uri, diagnostics] of pending) await this.publish(uri, diagnostics);
    if (outcome.completed) for (const uri of [...this.published]) if (!seen.has(uri)) await this.publish(uri, []);
    return { files: seen.size, ...outcome };
  }

  cancel(): void {
    this.runs++;
  }

  /** A file changed on disk or was closed: its findings from the disk (none when it is gone or ignored). */
  async refresh(path: string): Promise<void> {
    if (this.isOpen(path)) return;
    await this.publish(pathToUri(path), this.lint(path) ?? []);
  }

  /** The option went off: every published finding goes. */
  async clear(): Promise<void> {
    this.cancel();
    for (const uri of [...this.published]) await this.publish(uri, []);
  }

  private lint(path: string): Diagnostic[] | undefined {
    if (detectLanguage(path) === undefined || isConfigFile(path) || this.host.isExcluded(path, false)) return undefined;
    const linter = this.host.linters.linterFor(path);
    const text = linter && readSmallFile(path, this.host.maxFileBytes());
    if (!linter || text === undefined) return undefined;
    const findings = linter.lint({ path, text }).findings;
    this.host.linters.pool.forget(path); // keep no parsed documents of closed files
    return findings.map(toDiagnostic);
  }

  private async publish(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.add(uri);
    await this.send(uri, diagnostics);
  }
}
