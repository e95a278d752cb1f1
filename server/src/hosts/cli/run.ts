// The CLI as a function of argv → exit code. Everything it takes from the process (streams, stdin, cwd,
// environment) is passed in: main.ts passes the process's, tests run the CLI in their own process with theirs.
// Async because `harden lint` may wait for worker threads.
import { parseCommand } from './args';
import { CliError } from './errors';
import { runLintCommand } from './lintCommand';
import { runRulesCommand } from './rulesCommand';
import { USAGE } from './usage';
import { VERSION } from './version';
import type { Stdout } from './output';

export interface CliIo {
  cwd: string;
  /** Environment variables the CLI reads: NO_COLOR, FORCE_COLOR. */
  env: Readonly<Record<string, string | undefined>>;
  stdout: Stdout;
  stderr(text: string): void;
  /** All of stdin, for `harden lint -`. */
  readStdin(): string;
  /** The CLI bundle, which worker threads run; without it `harden lint` stays in this thread. */
  workerScript?: string;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(USAGE);
        return 0;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'rules':
        return runRulesCommand(command.options, io);
      case 'lint':
        return await runLintCommand(command.options, { ...io, warn: (message) => io.stderr(`harden: ${message}\n`) });
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
