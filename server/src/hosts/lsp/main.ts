// Entry point of the Harden language server (dist/server.js). The transport comes from the command
// line, as VS Code and other clients pass it: --stdio, --node-ipc or --socket=<port>.
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { idleCollector } from '../node/idleCollector';
import { applyRuntimeV8Flags } from '../node/v8Flags';
import { describeError } from './guard';
import { PartsMessageWriter } from './messageWriter';
import { startServer } from './session';

applyRuntimeV8Flags();

const connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);

/**
 * Over stdio the messages are written by our writer (reuses the JSON of unchanged diagnostics). Giving
 * the library our own writer means doing the two things it does for `--stdio` itself: stdin is the input
 * (it exits when stdin ends), and console output must not corrupt the protocol on stdout.
 */
function createStdioConnection(): Connection {
  const writer = new PartsMessageWriter(process.stdout);
  // The library accepts a stream and a writer together (and then watches the stream's end); its types do not.
  const input = process.stdin as unknown as MessageReader;
  const created = createConnection(ProposedFeatures.all, input, writer);
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = (...args: unknown[]) => created.console.log(text(args));
  console.debug = (...args: unknown[]) => created.console.log(text(args));
  console.warn = (...args: unknown[]) => created.console.warn(text(args));
  console.error = console.trace = (...args: unknown[]) => created.console.error(text(args));
  return created;
}

// Last line of defence: a bug must show up in the output channel, not kill the editor's linting.
process.on('uncaughtException', (error) => connection.console.error(`[harden] uncaught: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[harden] unhandled rejection: ${describeError(reason)}`));

// HARDEN_STARTUP_DELAY_MS: how long background work waits after `initialized` (default 1 s, see session.ts).
const startupDelay = Number(process.env.HARDEN_STARTUP_DELAY_MS);
startServer(connection, {
  startupDelayMs: Number.isFinite(startupDelay) && startupDelay >= 0 ? startupDelay : undefined,
  // Full collections between edits and after the startup scan: V8 alone lets the heap grow for hundreds of keystrokes.
  memory: idleCollector(),
});
