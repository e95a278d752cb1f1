// Entry point of the Harden language server for VS Code for the web (dist/web/server.js): runs in a web worker
// that the web client (client/src/web/extension.ts) starts, and talks LSP over the worker's messages.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { describeError } from '../lsp/guard';
import { startWebServer } from './session';

// The worker's global scope (lib "webworker" is not in this project's TypeScript libs).
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
interface ErrorEvents {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { error?: unknown; reason?: unknown }) => void): void;
}
const worker = globalThis as unknown as WorkerScope;
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
const events = globalThis as unknown as ErrorEvents;

// Last line of defence: a bug must show up in the output channel, not stop the editor's linting.
events.addEventListener('error', (event) => connection.console.error(`[harden] uncaught: ${describeError(event.error)}`));
events.addEventListener('unhandledrejection', (event) => connection.console.error(`[harden] unhandled rejection: ${describeError(event.reason)}`));

startWebServer(connection);
