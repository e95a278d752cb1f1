// Preloaded (`node --require`) into the CLI and the language server by test/security/*.test.ts.
// Every way to reach the network, start a process or thread, or run code that is not part of Harden
// itself is replaced by a function that records the attempt (one JSON line in $HARDEN_SANDBOX_LOG) and
// throws. The tests then assert that nothing was recorded. Stdio pipes are not sockets that connect, so
// an LSP session over --stdio is unaffected.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const LOG = process.env.HARDEN_SANDBOX_LOG;
// Code may only be loaded from Harden's own directory (dist/, bin/, node_modules/).
const ALLOWED_ROOT = process.env.HARDEN_SANDBOX_ALLOWED_ROOT;
if (!LOG || !ALLOWED_ROOT) throw new Error('sandbox-preload: set HARDEN_SANDBOX_LOG and HARDEN_SANDBOX_ALLOWED_ROOT');
// A child started by mistake must not inherit the preload and log as if it were the process under test.
delete process.env.NODE_OPTIONS;

function record(event, detail) {
  const stack = new Error().stack.split('\n').slice(3, 8).map((l) => l.trim());
  fs.appendFileSync(LOG, `${JSON.stringify({ event, detail, pid: process.pid, stack })}\n`);
}

function describe(args) {
  return args.map((a) => {
    if (typeof a === 'string') return a.slice(0, 200);
    if (typeof a === 'function') return '[function]';
    try {
      return JSON.stringify(a)?.slice(0, 200);
    } catch {
      return String(a);
    }
  });
}

function block(owner, name, api) {
  const original = owner[name];
  if (typeof original !== 'function') return;
  owner[name] = function blocked(...args) {
    record('blocked', { api, args: describe(args) });
    throw new Error(`harden sandbox: ${api} is not allowed`);
  };
}

const net = require('node:net');
block(net.Socket.prototype, 'connect', 'net.Socket#connect');
block(net.Server.prototype, 'listen', 'net.Server#listen');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(require('node:tls'), 'connect', 'tls.connect');
block(require('node:dgram'), 'createSocket', 'dgram.createSocket');

const dns = require('node:dns');
for (const name of Object.keys(dns)) if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) block(dns, name, `dns.${name}`);
for (const name of Object.keys(dns.promises)) if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) block(dns.promises, name, `dns.promises.${name}`);

for (const id of ['http', 'https']) {
  const mod = require(`node:${id}`);
  block(mod, 'request', `${id}.request`);
  block(mod, 'get', `${id}.get`);
}
block(require('node:http2'), 'connect', 'http2.connect');
if (typeof globalThis.fetch === 'function') block(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') block(globalThis, 'WebSocket', 'WebSocket');

const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(childProcess, name, `child_process.${name}`);
block(process, 'dlopen', 'process.dlopen');

const workerThreads = require('node:worker_threads');
workerThreads.Worker = function Worker(...args) {
  record('blocked', { api: 'worker_threads.Worker', args: describe(args) });
  throw new Error('harden sandbox: worker_threads.Worker is not allowed');
};

const vm = require('node:vm');
for (const name of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) block(vm, name, `vm.${name}`);
const OriginalScript = vm.Script;
vm.Script = function Script(code, ..._rest) {
  record('blocked', { api: 'vm.Script', args: describe([code]) });
  throw new Error('harden sandbox: vm.Script is not allowed');
};
vm.Script.prototype = OriginalScript.prototype;

// Modules: anything compiled from outside Harden's own directory is code from the workspace.
const root = path.resolve(ALLOWED_ROOT) + path.sep;
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (!path.resolve(filename).startsWith(root)) record('foreign-module', { filename });
  return compile.call(this, content, filename);
};

// Proof that the preload ran in this process (the tests check it, so that they cannot pass vacuously).
record('loaded', { argv: process.argv.slice(1) });
