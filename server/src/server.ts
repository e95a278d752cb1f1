// Entry point of the Harden language server (dist/server.js). The transport comes from the command
// line, as VS Code and other clients pass it: --stdio, --node-ipc or --socket=<port>.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './lsp/guard';
import { startServer } from './lsp/session';

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: a bug must show up in the output channel, not kill the editor's linting.
process.on('uncaughtException', (error) => connection.console.error(`[harden] uncaught: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[harden] unhandled rejection: ${describeError(reason)}`));

startServer(connection);
