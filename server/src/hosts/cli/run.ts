// The CLI as a function of argv → exit code, with process details (streams, cwd) passed in for tests.
// Async because `harden lint` may wait for worker threads.
import { parseCommand } from './args';
import { CliError } from './errors';
import { runLintCommand } from './lintCommand';
import { runRulesCommand } from './rulesCommand';
import { USAGE } from './usage';
import { VERSION } from './version';

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The CLI bundle, which worker threads run; without it `harden lint` stays in this thread. */
  workerScript?: string;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(USAGE);
        return 0;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'rules':
        return runRulesCommand(command.options);
      case 'lint':
        return await runLintCommand(command.options, {
          cwd: io.cwd,
          warn: (message) => io.stderr(`harden: ${message}\n`),
          workerScript: io.workerScript,
        });
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`harden: ${error.message}\n`);
      if (argv.length === 0) io.stderr(`\n${USAGE}`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`harden: internal error: ${detail}\n`);
    return 2;
  }
}
