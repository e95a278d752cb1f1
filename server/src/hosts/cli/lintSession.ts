// Everything one thread needs to lint files of a run: the file system, the Linters of the files' settings
// and their shared WorkspaceIndex. The main thread (which also routes the files) and every worker thread
// each have one, built from the same plain-data setup, so they route every file to the same settings.
//
// A run has two phases. Phase 1 (`index`) parses files and records their objects in the index; that is
// most of the work, and it leaves the parsed documents cached for phase 2. The index, as plain data
// (`exportIndex`), is merged in file order (`mergeIndex`) and loaded into every thread (`loadIndex`), so
// cross-file rules see exactly what a single thread sees. Phase 2 (`lint`) lints, or fixes, one file.
import { schemaTurnedOff, type EngineSettings, type FixFilter, type IndexEntry } from '../../engine';
import { FileLinters, type FileRoute } from '../node/fileLinters';
import { indexWorkspaceFile } from '../node/workspaceFiles';
import type { TargetFile } from './discover';
import { lintFile, type FileOutcome } from './lintFile';
import { RunFileSystem } from './runFileSystem';
import { SchemaFindings } from './schemaFindings';
import { crdSchemas, mayDefineCrd, mayDefineCrdOf, type CustomResourceFile } from '../../services/schema/custom';
import { isMissingPropertyMessage } from '../../services/schema/validate';
import { readCrdFiles } from '../node/crdFiles';

/** Structured-clonable, so that it can be sent to worker threads. */
export interface SessionSetup {
  /** The command line's settings (`--rule`, `--kubernetes-version`). */
  overrides: Partial<EngineSettings>;
  /** `--config`, resolved. */
  configPath?: string;
  fix: boolean;
  /** Validate Kubernetes YAML against the bundled schema, as the editor does (`harden lint` without `--no-schema`). */
  schema?: boolean;
  /** `--max-file-size`: larger files (linted or read beside them) are skipped. */
  maxFileBytes?: number;
  /** Which fixes `--fix` applies. */
  fixFilter?: FixFilter;
}

export type { IndexEntry, CustomResourceFile };

export class LintSession {
  readonly fs: RunFileSystem;
  private readonly linters: FileLinters;
  /** The run's index as loaded, by file: what a fixed file's entry goes back to. */
  private entries = new Map<string, IndexEntry>();
  private readonly schema: SchemaFindings | undefined;
  /** The CRDs among the files this thread indexed (only with schema validation). */
  private readonly crdCandidates = new Set<string>();

  constructor(readonly setup: SessionSetup) {
    this.fs = new RunFileSystem(setup.maxFileBytes);
    this.linters = new FileLinters({ fs: this.fs, overrides: setup.overrides, configPath: setup.configPath });
    this.schema = setup.schema ? new SchemaFindings() : undefined;
  }

  route(file: string): FileRoute {
    return this.linters.route(file);
  }

  /** Phase 1: records the files' objects in this thread's index (read once: the file system caches the text). */
  index(files: readonly TargetFile[]): void {
    for (const file of files) {
      if (file.stdinText !== undefined) this.fs.provide(file.path, file.stdinText);
      const linter = this.route(file.path).linter;
      const text = this.fs.readFile(file.path);
      if (!linter || text === undefined || text.includes('\0')) continue; // unreadable or binary: phase 2 reports it
      try {
        indexWorkspaceFile(linter, { path: file.path, text });
        if (this.schema && mayDefineCrd(text)) this.crdCandidates.add(file.path);
      } catch {
        // Phase 2 reports the same failure for this file.
      }
    }
  }

  /** This thread's index as plain data, one entry per file. */
  exportIndex(): IndexEntry[] {
    return this.linters.index.entries();
  }

  /** Records the CRD files of the run that are not indexed (those a kustomize build covers). */
  addCustomResourceFiles(paths: Iterable<string>): void {
    if (!this.schema) return;
    for (const path of paths) {
      const text = this.fs.readFile(path);
      if (text !== undefined && mayDefineCrd(text)) this.crdCandidates.add(path);
    }
  }

  /** The files this thread indexed that may define CRDs: parsed once the run's custom resources are known. */
  exportCrdCandidates(): string[] {
    return [...this.crdCandidates];
  }

  /**
   * The run's CRD set (main thread, after the index pass): the CRDs of the run's files (every thread's part)
   * and those of the `crds:` paths of the configs the files use. Plain data, for every thread's `loadCustomResources`.
   */
  customResourceSet(candidates: ReadonlyArray<readonly string[]>, entries: readonly IndexEntry[], warn?: (message: string) => void): CustomResourceFile[] {
    if (!this.schema) return [];
    const byPath = new Map<string, CustomResourceFile>();
    // Only CRDs of the groups the run's objects use are parsed: the others validate nothing.
    const groups = customResourceGroups(entries);
    for (const path of new Set(candidates.flat())) {
      const text = groups.size > 0 ? this.fs.readFile(path) : undefined;
      if (text === undefined || !mayDefineCrdOf(text, groups)) continue;
      try {
        byPath.set(path, { path, schemas: [...crdSchemas(text)] });
      } catch {
        // Not a CRD this can read (an alias bomb): its own lint reports the file.
      }
    }
    const named = [...new Set(this.linters.configs.loadedConfigs().flatMap((config) => config.crds))].sort();
    for (const file of readCrdFiles(named, warn)) if (!byPath.has(file.path)) byPath.set(file.path, file);
    return [...byPath.values()];
  }

  /** Validates custom resources against these CRDs. */
  loadCustomResources(files: readonly CustomResourceFile[]): void {
    this.schema?.setCustomResources(files);
  }

  /**
   * Replaces this thread's index by the run's complete one. Entries go in in file order, as a single
   * thread indexing the files one by one would add them: rules see objects in that order.
   */
  loadIndex(entries: readonly IndexEntry[]): void {
    // This thread's own entries hold the very summaries its cached documents have: the index compares
    // those by reference when the file is linted, and copies (from other threads) by their JSON.
    const own = new Map(this.exportIndex().map((entry) => [entry.path, entry]));
    this.linters.index.clear();
    this.entries = new Map(entries.map((entry) => [entry.path, own.get(entry.path) ?? entry]));
    for (const entry of this.entries.values()) this.linters.index.setEntry(entry.path, entry);
  }

  /** In place of `loadIndex` when this thread indexed every file of the run: its index is the run's, in order. */
  keepIndex(): void {
    this.entries = new Map(this.exportIndex().map((entry) => [entry.path, entry]));
  }

  /**
   * Phase 2: lints (or fixes) one file. With --fix, the file's index entry then goes back to what it was:
   * each file is fixed against the run's files as they were, never against the files fixed before it,
   * which would make the result depend on the order and on how files are shared among threads.
   */
  lint(file: TargetFile): FileOutcome {
    const { linter } = this.route(file.path);
    if (!linter) throw new Error(`${file.display}: its configuration changed during the run`);
    // A patch fragment nothing uses (Linter.isUnusedPatchFragment) lacks required fields by nature.
    // `harden-schema: off` in the file's .harden.yaml turns schema validation off there.
    const schemaFindings =
      this.schema && !schemaTurnedOff(linter.getSettings())
        ? (path: string, text: string) => {
            const found = this.schema?.of(linter, path, text) ?? [];
            return linter.isUnusedPatchFragment(path) ? found.filter((finding) => !isMissingPropertyMessage(finding.message)) : found;
          }
        : undefined;
    const outcome = lintFile(file, {
      linter,
      fs: this.fs,
      fix: this.setup.fix,
      fixFilter: this.setup.fixFilter,
      maxFileBytes: this.setup.maxFileBytes,
      assumeFiles: (files, run) => this.fs.assumeFiles(files, run),
      schemaFindings,
    });
    if (this.setup.fix) this.linters.index.setEntry(file.path, this.entries.get(file.path));
    return outcome;
  }
}

/** The API groups of the indexed objects that may be custom resources (`argoproj.io`, not `apps`). */
function customResourceGroups(entries: readonly IndexEntry[]): Set<string> {
  const groups = new Set<string>();
  for (const entry of entries) {
    if (!('objects' in entry)) continue;
    for (const object of entry.objects) {
      const slash = object.apiVersion.indexOf('/');
      if (slash > 0 && object.apiVersion.lastIndexOf('.', slash) > 0) groups.add(object.apiVersion.slice(0, slash));
    }
  }
  return groups;
}

/** The threads' index entries as one list in the order of the run's files. */
export function mergeIndex(parts: ReadonlyArray<readonly IndexEntry[]>, files: readonly TargetFile[]): IndexEntry[] {
  const byPath = new Map<string, IndexEntry>();
  for (const part of parts) for (const entry of part) byPath.set(entry.path, entry);
  const merged: IndexEntry[] = [];
  for (const file of files) {
    const entry = byPath.get(file.path);
    if (entry) merged.push(entry);
  }
  return merged;
}
