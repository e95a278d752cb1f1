// The worker-thread side of `harden lint --jobs N`. The CLI bundle (dist/cli.js) is the worker's script:
// main.ts calls `runLintWorker` instead of the CLI when it starts as a lint worker.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LintSession } from './lintSession';
import { LINT_WORKER_TAG, type FromWorker, type LintWorkerData, type NumberedFile, type ToWorker } from './workerProtocol';

export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Partial<LintWorkerData> | null)?.tag === LINT_WORKER_TAG;
}

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker: not in a worker thread');
  const session = new LintSession((workerData as LintWorkerData).setup);
  const post = (message: FromWorker) => port.postMessage(message);
  // The files this worker indexed: their parsed documents are cached here, so it lints them too.
  const mine: NumberedFile[] = [];

  // No try/catch: an exception ends the worker with an 'error' event, which fails the run (exit 2).
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'index':
        session.index(message.files.map((numbered) => numbered.file));
        mine.push(...message.files);
        post({ type: 'indexed' });
        break;
      case 'export':
        post({ type: 'entries', entries: session.exportIndex(), crdCandidates: session.exportCrdCandidates() });
        break;
      case 'lint':
        session.loadIndex(message.entries);
        session.loadCustomResources(message.customResources);
        // In file order, so that the main thread, which reports in file order, can stream.
        mine.sort((a, b) => a.id - b.id);
        for (const { id, file } of mine) post({ type: 'result', id, outcome: session.lint(file) });
        break;
      case 'done':
        port.close(); // nothing keeps the thread alive any more: it ends once its output is flushed
        break;
    }
  });
}
