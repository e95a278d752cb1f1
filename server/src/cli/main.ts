// Entry point of the `harden` bin (bundled into dist/cli.js). Sets process.exitCode instead of calling
// process.exit so that piped stdout is fully flushed first.
import { runCli } from './run';

// `harden lint … | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
