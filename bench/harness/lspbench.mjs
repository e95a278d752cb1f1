#!/usr/bin/env node
// lspbench.mjs — latency / memory benchmark for diagnostics-producing LSP servers (stdio).
//
// Usage:
//   node lspbench.mjs --config servers/<name>.json --file <path> [options]
//   node lspbench.mjs --file <path> [options] -- <server command and args...>
//
// Per repetition (a FRESH server process each time):
//   spawn -> initialize (startup = spawn..initialize response) -> initialized
//   -> [optional notifications, e.g. yaml/registerContentRequest] -> workspace/didChangeConfiguration
//   -> wait until the server has pulled its configuration (or --settle-ms) -> didOpen(file)
//   -> time to first publishDiagnostics for that URI ("cold open": includes schema loading etc.)
//   -> N single-character edits (typing at a point in the middle of the file), each sent only after
//      the diagnostics for the previous one arrived -> time to the next publishDiagnostics per edit
//   -> K "warm opens": the same text opened under a fresh URI (caches already warm), then closed
//   -> VmHWM (peak RSS) of the server process (+ descendants) from /proc, then shutdown/exit.
// Pull diagnostics (textDocument/diagnostic) are used when the server advertises diagnosticProvider
// (or registers it dynamically), or when forced with --diag pull.
//
// All times are wall-clock ms measured in this client (performance.now()); they include the
// JSON-RPC transport both ways and any server-side debounce. Server CPU per edit is read from
// /proc/<pid>/task/*/schedstat (ns, all threads) and is independent of debounce timers.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
// Harden: 'vscode-jsonrpc/node' (the repository's vscode-jsonrpc 10 exports that subpath, not 'node.js')
import rpc from 'vscode-jsonrpc/node';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

// ---------------------------------------------------------------- args
function parseArgs(argv) {
  const o = {
    config: null, file: null, languageId: null, edits: 20, warmupEdits: 2, warmOpens: 3, reps: 3,
    diag: 'auto', editMode: 'type', timeoutMs: 600000, settleMs: 300, editGapMs: 0, jsonOut: null,
    label: null, verbose: false, cmd: null, settings: null, quietMs: 0, pauseEvery: 0, pauseMs: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case '--': o.cmd = argv.slice(i + 1); i = argv.length; break;
      case '--config': o.config = next(); break;
      case '--file': o.file = next(); break;
      case '--language-id': o.languageId = next(); break;
      case '--edits': o.edits = +next(); break;
      case '--warmup-edits': o.warmupEdits = +next(); break;
      case '--warm-opens': o.warmOpens = +next(); break;
      case '--reps': o.reps = +next(); break;
      case '--diag': o.diag = next(); break; // auto | push | pull
      case '--edit-mode': o.editMode = next(); break; // type | toggle
      case '--timeout-ms': o.timeoutMs = +next(); break;
      case '--settle-ms': o.settleMs = +next(); break;
      case '--edit-gap-ms': o.editGapMs = +next(); break;
      case '--quiet-ms': o.quietMs = +next(); break;
      case '--pause-every': o.pauseEvery = +next(); break; // Harden: a pause of --pause-ms before every Nth edit (a typist's pauses)
      case '--pause-ms': o.pauseMs = +next(); break;
      case '--settings': o.settings = next(); break; // JSON file, overrides config.settings
      case '--json-out': o.jsonOut = next(); break;
      case '--label': o.label = next(); break;
      case '-v': case '--verbose': o.verbose = true; break;
      case '-h': case '--help':
        console.log(fs.readFileSync(new URL(import.meta.url)).toString().split('\n').filter(l => l.startsWith('//')).join('\n'));
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const HERE = path.dirname(new URL(import.meta.url).pathname);
let cfg = { name: null, command: null, cwd: HERE, settings: {}, notifications: [], contentMap: {}, initializationOptions: undefined, debounceMs: null, env: {} };
if (opts.config) {
  const c = JSON.parse(fs.readFileSync(opts.config, 'utf8'));
  cfg = { ...cfg, ...c };
}
if (opts.cmd && opts.cmd.length) cfg.command = opts.cmd;
if (opts.settings) cfg.settings = JSON.parse(fs.readFileSync(opts.settings, 'utf8'));
if (!cfg.command || !opts.file) {
  console.error('need --file and either --config or "-- <server command>" (see --help)');
  process.exit(2);
}
const filePath = path.resolve(opts.file);
const text0 = fs.readFileSync(filePath, 'utf8');
const languageId = opts.languageId || cfg.languageId || guessLanguage(filePath);
const label = opts.label || cfg.name || cfg.command.join(' ');

function guessLanguage(p) {
  const b = path.basename(p).toLowerCase();
  if (b.endsWith('.yaml') || b.endsWith('.yml')) return 'yaml';
  if (b === 'dockerfile' || b.endsWith('.dockerfile') || b.startsWith('dockerfile.')) return 'dockerfile';
  return 'plaintext';
}

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  // nearest-rank for p95 (conservative), midpoint for median
  if (q === 0.5) { const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

function readStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => { const m = s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')); return m ? +m[1] : null; };
    return { vmHWM: kb('VmHWM'), vmRSS: kb('VmRSS') };
  } catch { return { vmHWM: null, vmRSS: null }; }
}
function descendants(pid) {
  const out = [];
  const walk = (p) => {
    let kids = [];
    try {
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        try { kids.push(...fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)); } catch {}
      }
    } catch {}
    for (const k of kids) { out.push(k); walk(k); }
  };
  walk(pid);
  return out;
}
function cpuNs(pid) { // sum over all threads of the process and its descendants
  let tot = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        try { tot += +fs.readFileSync(`/proc/${p}/task/${t}/schedstat`, 'utf8').split(' ')[0]; } catch {}
      }
    } catch {}
  }
  return tot;
}

function getSection(settings, section) {
  if (!section) return settings;
  if (Object.prototype.hasOwnProperty.call(settings, section)) return settings[section];
  let cur = settings;
  for (const part of section.split('.')) {
    if (cur == null || typeof cur !== 'object' || !(part in cur)) return null;
    cur = cur[part];
  }
  return cur;
}

// Choose where to type: a plain string scalar value near the middle of the file (YAML), or the end of
// an instruction line near the middle (Dockerfile / other). Returns {line, character}.
async function pickEditPoint(text, lang) {
  const lines = text.split('\n');
  const mid = lines.length >> 1;
  const order = [];
  for (let d = 0; d < lines.length; d++) { if (mid + d < lines.length) order.push(mid + d); if (d && mid - d >= 0) order.push(mid - d); }
  if (lang === 'yaml') {
    // find line numbers that are plain, string-valued `key: value` pairs via the yaml CST (not inside block scalars)
    const { parseAllDocuments, LineCounter, visit, isScalar, isPair } = await import('yaml');
    const lc = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lc });
    const ok = new Map(); // line -> end char
    for (const doc of docs) {
      visit(doc, {
        Pair(_, pair) {
          if (isScalar(pair.key) && isScalar(pair.value) && pair.value.type === 'PLAIN' && typeof pair.value.value === 'string' &&
              /^[A-Za-z]/.test(pair.value.value) && !['apiVersion', 'kind'].includes(pair.key.value)) {
            const end = pair.value.range[1];
            const pos = lc.linePos(end); // 1-based
            const startPos = lc.linePos(pair.value.range[0]);
            if (pos.line === startPos.line) ok.set(pos.line - 1, pos.col - 1);
          }
        },
      });
    }
    for (const l of order) if (ok.has(l)) return { line: l, character: ok.get(l) };
  }
  // generic / Dockerfile: end of a non-comment line that ends in a letter (so typed letters extend a word,
  // not a number or a line continuation); skip instructions whose argument must be numeric/special
  for (const l of order) {
    if (/[A-Za-z]\s*$/.test(lines[l]) && !/^\s*#/.test(lines[l]) && !/^\s*(EXPOSE|STOPSIGNAL|HEALTHCHECK|FROM|ARG|ENV|ONBUILD|SHELL)\b/i.test(lines[l]))
      return { line: l, character: lines[l].replace(/\s+$/, '').length };
  }
  return { line: mid, character: lines[mid].length };
}

function offsetAt(text, pos) {
  let off = 0, line = 0;
  while (line < pos.line) { const nl = text.indexOf('\n', off); if (nl < 0) break; off = nl + 1; line++; }
  return off + pos.character;
}

// ---------------------------------------------------------------- one repetition
let currentProc = null;
async function runOnce(rep) {
  const res = { rep, startupMs: null, coldOpenMs: null, coldOpenCpuMs: null, openDiagCount: null, openDiagSample: [],
    edits: [], warmOpens: [], vmHWMkB: null, vmHWMtreekB: null, rssAfterInitkB: null, rssEndkB: null, totalCpuMs: null,
    mode: null, sync: null, serverInfo: null, strayPublishes: 0, serverRequests: {}, contentRequests: [], log: [], editPoint: null, lastDiagCount: null, lastDiagSample: [] };
  const env = { ...process.env, ...(cfg.env || {}) };
  const t0 = performance.now();
  const proc = spawn(cfg.command[0], cfg.command.slice(1), { cwd: cfg.cwd ? path.resolve(HERE, cfg.cwd) : HERE, env, stdio: ['pipe', 'pipe', 'pipe'] });
  currentProc = proc;
  proc.stdin.on('error', () => {}); // EPIPE if the server dies; reported through 'exit'
  const pid = proc.pid;
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 20000) stderr = stderr.slice(-20000); });
  let exited = null;
  const onCrash = []; // rejecters of pending waits, called if the server dies mid-run
  proc.on('exit', (code, sig) => { exited = { code, sig }; for (const f of onCrash.splice(0)) f(new Error(`server exited (code ${code}, signal ${sig})`)); });
  proc.on('error', (e) => { for (const f of onCrash.splice(0)) f(e); });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));

  // diagnostics routing
  let openUri = null;
  const waiters = []; // {uri, minVersion, resolve}
  const closed = new Set(); // URIs we closed: their (empty) publishes are expected, not stray
  const openPublishes = []; // every publish of the opened file's first version: a server may publish a partial first look
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const t = performance.now();
    if (p.version === 1 && p.uri === openUri) openPublishes.push({ t, cpuNs: cpuNs(pid), count: p.diagnostics.length });
    const i = waiters.findIndex((w) => w.uri === p.uri && (p.version == null || w.version == null || p.version >= w.version));
    if (i >= 0) { const w = waiters.splice(i, 1)[0]; w.resolve({ t, p }); } else if (!closed.has(p.uri)) res.strayPublishes++;
  });
  const waitDiag = (uri, version) => new Promise((resolve, reject) => {
    const w = { uri, version, resolve };
    waiters.push(w);
    onCrash.push(reject);
    const to = setTimeout(() => { const i = waiters.indexOf(w); if (i >= 0) waiters.splice(i, 1); reject(new Error(`timeout waiting for diagnostics on ${uri} v${version}`)); }, opts.timeoutMs);
    const orig = w.resolve; w.resolve = (x) => { clearTimeout(to); orig(x); };
  });

  let configPulled = null;
  const configPulledP = new Promise((r) => (configPulled = r));
  let pullRegistered = false;
  const countReq = (m) => (res.serverRequests[m] = (res.serverRequests[m] || 0) + 1);
  conn.onRequest('workspace/configuration', (p) => {
    countReq('workspace/configuration');
    configPulled();
    return p.items.map((it) => getSection(cfg.settings || {}, it.section) ?? null);
  });
  conn.onRequest('client/registerCapability', (p) => {
    countReq('client/registerCapability');
    for (const r of p.registrations || []) if (r.method === 'textDocument/diagnostic') pullRegistered = true;
    return null;
  });
  conn.onRequest('client/unregisterCapability', () => { countReq('client/unregisterCapability'); return null; });
  conn.onRequest('window/workDoneProgress/create', () => { countReq('window/workDoneProgress/create'); return null; });
  conn.onRequest('workspace/workspaceFolders', () => { countReq('workspace/workspaceFolders'); return [{ uri: rootUri, name: 'bench' }]; });
  conn.onRequest('vscode/content', (uri) => { // yaml-language-server: schema content served by the client
    countReq('vscode/content');
    for (const [prefix, dir] of Object.entries(cfg.contentMap || {})) {
      if (uri.startsWith(prefix)) {
        const f = path.resolve(HERE, dir, uri.slice(prefix.length).split('#')[0]); // like HTTP: fragment not sent
        if (fs.existsSync(f)) { res.contentRequests.push({ uri, served: path.relative(HERE, f) }); return fs.readFileSync(f, 'utf8'); }
      }
    }
    res.contentRequests.push({ uri, served: null });
    throw new rpc.ResponseError(-32803, `offline benchmark: no local copy of ${uri}`);
  });
  conn.onRequest((method) => { countReq(method); return null; });
  conn.onNotification('window/logMessage', (p) => { if (res.log.length < 50) res.log.push(p.message.slice(0, 300)); if (opts.verbose) console.error('[log]', p.message); });
  conn.onNotification('window/showMessage', (p) => { if (res.log.length < 50) res.log.push('[show] ' + p.message.slice(0, 300)); if (opts.verbose) console.error('[show]', p.message); });
  conn.onNotification(() => {});
  conn.listen();

  const rootUri = pathToFileURL(path.dirname(filePath)).href;
  const initParams = {
    processId: process.pid,
    clientInfo: { name: 'lspbench', version: '1' },
    locale: 'en',
    rootUri,
    rootPath: path.dirname(filePath),
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    initializationOptions: cfg.initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, applyEdit: true },
      textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true, willSave: false, willSaveWaitUntil: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        ...(opts.diag !== 'push' ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
        formatting: { dynamicRegistration: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
      window: { workDoneProgress: false },
    },
  };
  const guard = (promise, what) => new Promise((resolve, reject) => { // crash- and timeout-aware await
    const to = setTimeout(() => reject(new Error(`timeout: ${what}`)), opts.timeoutMs);
    onCrash.push((e) => { clearTimeout(to); reject(e); });
    if (exited) { clearTimeout(to); reject(new Error(`server exited (code ${exited.code}) before ${what}`)); }
    promise.then((v) => { clearTimeout(to); resolve(v); }, (e) => { clearTimeout(to); reject(e); });
  });
  const initRes = await guard(conn.sendRequest('initialize', initParams), 'initialize');
  const tInit = performance.now();
  res.startupMs = tInit - t0;
  res.serverInfo = initRes.serverInfo || null;
  const caps = initRes.capabilities || {};
  const syncKind = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change ?? 0;
  res.sync = ['none', 'full', 'incremental'][syncKind];
  conn.sendNotification('initialized', {});
  for (const n of cfg.notifications || []) conn.sendNotification(n.method, n.params ?? null);
  if (cfg.settings && Object.keys(cfg.settings).length) {
    conn.sendNotification('workspace/didChangeConfiguration', { settings: cfg.settings });
    await Promise.race([configPulledP, sleep(2000)]);
  }
  await sleep(opts.settleMs);
  const usePull = opts.diag === 'pull' || (opts.diag === 'auto' && (!!caps.diagnosticProvider || pullRegistered));
  res.mode = usePull ? 'pull' : 'push';
  res.rssAfterInitkB = readStatus(pid).vmRSS;

  async function diagnose(uri, version) { // returns {ms, items}
    if (usePull) {
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const r = await guard(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), 'textDocument/diagnostic');
          return { t: performance.now(), items: r.kind === 'full' ? r.items : null };
        } catch (e) { if (e?.code === -32802 /* ServerCancelled */) continue; throw e; }
      }
      throw new Error('pull diagnostics kept being cancelled');
    }
    const { t, p } = await waitDiag(uri, version);
    if (opts.quietMs) await sleep(opts.quietMs);
    return { t, items: p.diagnostics };
  }

  // ---- cold open
  const uri = pathToFileURL(filePath).href;
  openUri = uri;
  let text = text0, version = 1;
  let cpu0 = cpuNs(pid);
  let ts = performance.now();
  let dP = usePull ? null : waitDiag(uri, version);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  let d = usePull ? await diagnose(uri, version) : await dP.then(({ t, p }) => ({ t, items: p.diagnostics }));
  res.coldOpenMs = d.t - ts;
  res.coldOpenCpuMs = (cpuNs(pid) - cpu0) / 1e6;
  res.openDiagCount = d.items ? d.items.length : null;
  res.openDiagSample = (d.items || []).slice(0, 5).map((x) => `${x.range.start.line + 1}: ${x.message.slice(0, 160)}`);
  const openTs = ts, openCpu0 = cpu0;
  if (opts.quietMs && !usePull) await sleep(opts.quietMs);

  // ---- edits
  const pt = await pickEditPoint(text0, languageId);
  res.editPoint = { line: pt.line + 1, character: pt.character, lineText: text0.split('\n')[pt.line].slice(0, 120) };
  let col = pt.character;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < opts.edits; i++) {
    if (opts.editGapMs) await sleep(opts.editGapMs);
    if (opts.pauseEvery && i > 0 && i % opts.pauseEvery === 0) await sleep(opts.pauseMs);
    let change, newText;
    const insert = opts.editMode === 'type' || i % 2 === 0;
    if (insert) {
      const ch = alphabet[i % 26];
      const pos = { line: pt.line, character: col };
      const off = offsetAt(text, pos);
      newText = text.slice(0, off) + ch + text.slice(off);
      change = { range: { start: pos, end: pos }, rangeLength: 0, text: ch };
      col++;
    } else {
      const pos = { line: pt.line, character: col - 1 };
      const off = offsetAt(text, pos);
      newText = text.slice(0, off) + text.slice(off + 1);
      change = { range: { start: pos, end: { line: pt.line, character: col } }, rangeLength: 1, text: '' };
      col--;
    }
    text = newText; version++;
    cpu0 = cpuNs(pid);
    dP = usePull ? null : waitDiag(uri, version);
    ts = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [syncKind === 2 ? change : { text }] });
    d = usePull ? await diagnose(uri, version) : await dP.then(({ t, p }) => ({ t, items: p.diagnostics }));
    res.edits.push({ ms: d.t - ts, cpuMs: (cpuNs(pid) - cpu0) / 1e6, diags: d.items ? d.items.length : null });
    if (i === opts.edits - 1) { res.lastDiagCount = d.items ? d.items.length : null; res.lastDiagSample = (d.items || []).slice(0, 5).map((x) => `${x.range.start.line + 1}: ${x.message.slice(0, 160)}`); }
    if (opts.quietMs && !usePull) await sleep(opts.quietMs);
  }
  // The last publish of version 1 (servers that do not send versions publish it once): the open's complete diagnostics.
  const complete = openPublishes.at(-1);
  res.coldOpenCompleteMs = complete ? complete.t - openTs : res.coldOpenMs;
  res.coldOpenCompleteCpuMs = complete ? (complete.cpuNs - openCpu0) / 1e6 : res.coldOpenCpuMs;
  res.openPublishCount = openPublishes.length;
  res.completeDiagCount = complete ? complete.count : res.openDiagCount;
  closed.add(uri);
  conn.sendNotification('textDocument/didClose', { textDocument: { uri } });

  // ---- warm opens (fresh URIs, same original text, caches warm)
  for (let k = 0; k < opts.warmOpens; k++) {
    const wuri = pathToFileURL(path.join(path.dirname(filePath), `lspbench-warm-${k}`, path.basename(filePath))).href;
    cpu0 = cpuNs(pid);
    dP = usePull ? null : waitDiag(wuri, 1);
    ts = performance.now();
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: wuri, languageId, version: 1, text: text0 } });
    d = usePull ? await diagnose(wuri, 1) : await dP.then(({ t, p }) => ({ t, items: p.diagnostics }));
    res.warmOpens.push({ ms: d.t - ts, cpuMs: (cpuNs(pid) - cpu0) / 1e6, diags: d.items ? d.items.length : null });
    closed.add(wuri);
    conn.sendNotification('textDocument/didClose', { textDocument: { uri: wuri } });
    await sleep(50);
  }

  // ---- memory, cpu, shutdown
  const st = readStatus(pid);
  res.vmHWMkB = st.vmHWM; res.rssEndkB = st.vmRSS;
  res.vmHWMtreekB = [pid, ...descendants(pid)].map((p) => readStatus(p).vmHWM || 0).reduce((a, b) => a + b, 0);
  res.totalCpuMs = cpuNs(pid) / 1e6;
  try { await Promise.race([conn.sendRequest('shutdown'), sleep(3000)]); conn.sendNotification('exit'); } catch {}
  for (let i = 0; i < 30 && !exited; i++) await sleep(100);
  if (!exited) proc.kill('SIGKILL');
  conn.dispose();
  if (opts.verbose && stderr) console.error('[stderr]', stderr.slice(-2000));
  res.stderrTail = stderr.slice(-500);
  return res;
}

// ---------------------------------------------------------------- main
const lines = text0.split('\n').length - (text0.endsWith('\n') ? 1 : 0);
const runs = [];
for (let rep = 0; rep < opts.reps; rep++) {
  try {
    const r = await runOnce(rep);
    runs.push(r);
    const em = r.edits.slice(opts.warmupEdits).map((e) => e.ms);
    console.error(`[${label}] ${path.basename(filePath)} rep ${rep + 1}/${opts.reps}: startup ${r1(r.startupMs)} ms, cold open ${r1(r.coldOpenMs)} ms (${r.openDiagCount} diags), edit median ${r1(median(em))} ms, warm open ${r1(median(r.warmOpens.map((w) => w.ms)))} ms, VmHWM ${r1(r.vmHWMkB / 1024)} MB [${r.mode}, ${r.sync}]`);
  } catch (e) {
    console.error(`[${label}] rep ${rep + 1} FAILED: ${e.message || e}`);
    try { if (currentProc && currentProc.exitCode == null) currentProc.kill('SIGKILL'); } catch {}
    runs.push({ rep, error: String(e) });
  }
}
const ok = runs.filter((r) => !r.error);
const editMs = ok.flatMap((r) => r.edits.slice(opts.warmupEdits).map((e) => e.ms));
const editCpu = ok.flatMap((r) => r.edits.slice(opts.warmupEdits).map((e) => e.cpuMs));
const summary = {
  label, command: cfg.command, file: path.relative(HERE, filePath), bytes: Buffer.byteLength(text0), lines, languageId,
  debounceMs: cfg.debounceMs ?? null, reps: opts.reps, okReps: ok.length, edits: opts.edits, warmupEdits: opts.warmupEdits, editMode: opts.editMode,
  mode: ok[0]?.mode, sync: ok[0]?.sync, serverInfo: ok[0]?.serverInfo, editPoint: ok[0]?.editPoint,
  startupMsMedian: r1(median(ok.map((r) => r.startupMs))),
  coldOpenMsMedian: r1(median(ok.map((r) => r.coldOpenMs))), coldOpenMsAll: ok.map((r) => r1(r.coldOpenMs)),
  coldOpenCpuMsMedian: r1(median(ok.map((r) => r.coldOpenCpuMs))),
  coldOpenCompleteMsMedian: r1(median(ok.map((r) => r.coldOpenCompleteMs))),
  coldOpenCompleteCpuMsMedian: r1(median(ok.map((r) => r.coldOpenCompleteCpuMs))),
  completeDiagCount: ok[0]?.completeDiagCount, openPublishCount: ok[0]?.openPublishCount,
  warmOpenMsMedian: r1(median(ok.flatMap((r) => r.warmOpens.map((w) => w.ms)))),
  editMsMedian: r1(median(editMs)), editMsP95: r1(quantile(editMs, 0.95)), editMsMin: r1(Math.min(...editMs)), editMsMax: r1(Math.max(...editMs)), editSamples: editMs.length,
  editCpuMsMedian: r1(median(editCpu)),
  vmHWMMBMedian: r1(median(ok.map((r) => r.vmHWMkB / 1024))), vmHWMMBMax: r1(Math.max(...ok.map((r) => r.vmHWMkB / 1024))),
  rssAfterInitMBMedian: r1(median(ok.map((r) => r.rssAfterInitkB / 1024))),
  openDiagCount: ok[0]?.openDiagCount, openDiagSample: ok[0]?.openDiagSample, lastDiagCount: ok[0]?.lastDiagCount, lastDiagSample: ok[0]?.lastDiagSample,
  strayPublishes: ok.map((r) => r.strayPublishes), serverRequests: ok[0]?.serverRequests, contentRequests: ok[0]?.contentRequests,
  errors: runs.filter((r) => r.error).map((r) => r.error),
  runs,
};
const out = JSON.stringify(summary, null, 1);
if (opts.jsonOut) { fs.mkdirSync(path.dirname(path.resolve(opts.jsonOut)), { recursive: true }); fs.writeFileSync(opts.jsonOut, out); }
const { runs: _r, ...brief } = summary;
console.log(JSON.stringify(brief));
