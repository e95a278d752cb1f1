// `harden lint --jobs N` on the main thread's side: N threads lint, the main thread and N-1 workers running
// the CLI bundle (the main thread would otherwise sit idle, and a worker costs a start-up and a JIT
// warm-up). Files to index are handed out a chunk at a time, so that a slow file does not hold one thread
// back while others idle; the index entries are merged in file order and every thread gets the whole index;
// then each thread lints the files it indexed (their parsed documents are cached there) and every result is
// passed on the moment it is done. The main thread yields between chunks so that worker messages, and the
// report, keep flowing. Any worker that throws or exits before the run is done fails the run: the promise
// rejects (never hangs) and the other workers are stopped.
// Protocol: workerProtocol.ts; what a worker does: lintWorker.ts.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { TargetFile } from './discover';
import type { FileOutcome } from './lintFile';
import { mergeIndex, type IndexEntry, type LintSession } from './lintSession';
import { LINT_WORKER_TAG, type FromWorker, type LintWorkerData, type NumberedFile, type ToWorker } from './workerProtocol';

export interface PoolOptions {
  /** The script a worker runs: the CLI bundle, which turns into a lint worker (see main.ts). */
  script: string;
  /** Worker threads besides the main thread (at least 1). */
  workers: number;
  /** The main thread's session; its setup goes to the workers. */
  session: LintSession;
  /** In the run's order; a result's id is the file's index here. */
  files: readonly TargetFile[];
  onResult(id: number, outcome: FileOutcome): void;
  /** Problems reading the `crds:` of the configs. */
  warn?(message: string): void;
}

/** A worker crashed, threw, or exited early. */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/** Chunks small enough to balance the load, large enough that messages cost nothing. */
export function chunkSize(files: number, threads: number): number {
  return Math.max(8, Math.min(64, Math.ceil(files / (threads * 8))));
}

/** The main thread works this long between looks at the event loop (worker messages, output). */
const SLICE_MS = 10;

export async function lintWithWorkers(options: PoolOptions): Promise<void> {
  const pool = new Pool(options);
  try {
    await pool.run();
  } catch (error) {
    await pool.stop();
    throw error;
  }
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly size: number;
  private nextFile = 0;
  /** Index entries, one list per thread (the main thread's included). */
  private readonly parts: IndexEntry[][] = [];
  /** The files that may define CRDs, one list per thread. */
  private readonly crdParts: string[][] = [];
  private results = 0;
  private failure: Error | undefined;
  /** Wakes `until` when something it waits for (or a failure) happened. */
  private wake: () => void = () => undefined;
  private readonly exportAsked = new Set<Worker>();

  constructor(private readonly options: PoolOptions) {
    this.size = chunkSize(options.files.length, options.workers + 1);
  }

  async run(): Promise<void> {
    const { session, files } = this.options;
    const data: LintWorkerData = { tag: LINT_WORKER_TAG, setup: session.setup };
    for (let n = 0; n < this.options.workers; n++) this.workers.push(this.start(data));
    // Two chunks in flight per worker: it never waits for the main thread, which hands out the next one
    // only between its own chunks.
    for (const worker of this.workers) for (let i = 0; i < 2; i++) this.handOut(worker);

    // Phase 1: index chunks here too, until none are left.
    const mine: NumberedFile[] = [];
    for (let chunk = this.takeChunk(); chunk.length > 0; chunk = this.takeChunk()) {
      session.index(chunk.map((numbered) => numbered.file));
      mine.push(...chunk);
      await this.breathe(0); // after every chunk: workers are waiting for theirs
    }
    this.parts.push(session.exportIndex());
    this.crdParts.push(session.exportCrdCandidates());
    await this.until(() => this.parts.length === this.workers.length + 1);

    // Phase 2: every thread gets the whole index, in file order, and lints its own files.
    const entries = mergeIndex(this.parts, files);
    const customResources = session.customResourceSet(this.crdParts, entries, (message) => this.options.warn?.(message));
    for (const worker of this.workers) this.send(worker, { type: 'lint', entries, customResources });
    session.loadIndex(entries);
    session.loadCustomResources(customResources);
    let sliceStart = Date.now();
    for (const { id, file } of mine) {
      this.deliver(id, session.lint(file));
      sliceStart = await this.breathe(sliceStart);
    }
    await this.until(() => this.results === files.length);
    // Not terminate(): an idle worker ends by itself, after its stderr (rule errors) is flushed.
    for (const worker of this.workers) this.send(worker, { type: 'done' });
  }

  /** Stops every worker (after a failure). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate())).catch(() => undefined);
  }

  private start(data: LintWorkerData): Worker {
    const worker = new Worker(this.options.script, { workerData: data });
    worker.on('message', (message: FromWorker) => {
      if (this.failure) return;
      try {
        this.onMessage(worker, message);
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error))); // e.g. the report cannot be written
      }
    });
    worker.on('error', (error) => this.fail(new WorkerFailure(`a lint worker failed: ${describe(error)}`)));
    worker.on('messageerror', (error) => this.fail(new WorkerFailure(`a lint worker sent a message that cannot be read: ${describe(error)}`)));
    worker.on('exit', (code) => {
      if (this.results < this.options.files.length) this.fail(new WorkerFailure(`a lint worker stopped before the run was done (exit code ${code})`));
    });
    return worker;
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    switch (message.type) {
      case 'indexed':
        this.handOut(worker);
        break;
      case 'entries':
        this.parts.push(message.entries);
        this.crdParts.push(message.crdCandidates);
        this.wake();
        break;
      case 'result':
        this.deliver(message.id, message.outcome);
        break;
    }
  }

  private deliver(id: number, outcome: FileOutcome): void {
    this.options.onResult(id, outcome);
    this.results++;
    this.wake();
  }

  private handOut(worker: Worker): void {
    if (this.exportAsked.has(worker)) return;
    const chunk = this.takeChunk();
    if (chunk.length > 0) return this.send(worker, { type: 'index', files: chunk });
    this.exportAsked.add(worker); // after its last chunk: messages arrive in order
    this.send(worker, { type: 'export' });
  }

  private takeChunk(): NumberedFile[] {
    const { files } = this.options;
    const chunk: NumberedFile[] = [];
    for (; this.nextFile < files.length && chunk.length < this.size; this.nextFile++) chunk.push({ id: this.nextFile, file: files[this.nextFile] });
    return chunk;
  }

  private send(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** Lets the event loop run once the slice that began at `sliceStart` is used up; throws after a failure. */
  private async breathe(sliceStart: number): Promise<number> {
    if (Date.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
    if (this.failure) throw this.failure;
    return sliceStart;
  }

  /** Resolves once `done()` holds; rejects on a failure. */
  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) throw this.failure;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
