// Messages between the main thread and the lint worker threads (structured-cloned: plain data only).
// The main thread indexes and lints a share of the files itself, with the same LintSession.
//
//   main → worker  index {files}   phase 1: index these files (dynamically handed out, a chunk at a time)
//   worker → main  indexed         ready for more
//   main → worker  export          no files left: send your index entries
//   worker → main  entries {…}     its index entries and the CRDs of its files
//   main → worker  lint {entries}  the whole run's index, in file order, and CRD set: lint every file you indexed
//   worker → main  result {id, …}  one per file, posted as soon as it is done
//   main → worker  done            every result is in: end (letting stderr, e.g. rule errors, flush)
import type { TargetFile } from './discover';
import type { FileOutcome } from './lintFile';
import type { CustomResourceFile, IndexEntry, SessionSetup } from './lintSession';

/** A file of the run and its position in the run's file order. */
export interface NumberedFile {
  id: number;
  file: TargetFile;
}

export type ToWorker =
  | { type: 'index'; files: NumberedFile[] }
  | { type: 'export' }
  | { type: 'lint'; entries: IndexEntry[]; customResources: CustomResourceFile[] }
  | { type: 'done' };

export type FromWorker =
  { type: 'indexed' } | { type: 'entries'; entries: IndexEntry[]; crdCandidates: string[] } | { type: 'result'; id: number; outcome: FileOutcome };

/** `workerData` of a lint worker; the tag tells the CLI bundle, started as a worker, what to be. */
export interface LintWorkerData {
  tag: typeof LINT_WORKER_TAG;
  setup: SessionSetup;
}

export const LINT_WORKER_TAG = 'harden-lint-worker';
