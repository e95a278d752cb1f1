// Entry point of the `harden` bin (bundled into dist/cli.js). Sets process.exitCode instead of calling
// process.exit so that piped stdout is fully flushed first. The same bundle is the script of the lint
// worker threads (`harden lint --jobs N`): started as one, it serves the main thread instead.
import { readFileSync } from 'node:fs';
import { applyRuntimeV8Flags } from '../node/v8Flags';
import { isLintWorker, runLintWorker } from './lintWorker';
import { runCli } from './run';

applyRuntimeV8Flags();

if (isLintWorker()) {
  runLintWorker();
} else {
  // `harden lint … | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }

  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
    // Worker threads run the bundle (this file once built); from the TypeScript sources (tsx) they
    // could not load, so a run from the sources lints in one thread.
    workerScript: __filename.endsWith('.js') ? __filename : undefined,
  }).then((code) => {
    process.exitCode = code;
  });
}
