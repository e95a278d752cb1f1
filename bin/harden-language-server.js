#!/usr/bin/env node
// The Harden language server for any LSP client (Neovim, Helix, Emacs, JetBrains): stdio unless the
// client passes --node-ipc or --socket=<port>.
if (!process.argv.slice(2).some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket'))) process.argv.push('--stdio');
require('../dist/server.js');
