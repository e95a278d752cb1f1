#!/usr/bin/env node
// floor.mjs — in-process parse cost ("physical floor") for the corpus files.
//   YAML:       yaml@2  new LineCounter() + parseAllDocuments(text, { lineCounter })
//               (+ the same followed by a full visit() of every node; + parse of the largest single document)
//   Dockerfile: dockerfile-ast DockerfileParser.parse(text)
//               (+ dockerfile-utils validate(text): the validator dockerfile-language-server runs per change)
// Each file is measured in its own fresh node process: W warm-up iterations, then R timed ones;
// reports the first (cold, un-JITted) run, the median and min of the timed runs, the heap retained by one
// parse result (forced GC before/after), and the process VmHWM (includes garbage from the repeated runs).
//
// Usage: node floor.mjs [--runs 15] [--warmup 3] [--json-out results/floor.json] <files...>
//        (no files: every file under corpus/k8s, corpus/docker, corpus/synthetic)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const HERE = path.dirname(new URL(import.meta.url).pathname);
// Harden: the parsers come from the nearest node_modules (the repository's, for bench/harness/), and
// dockerfile-utils (dockerfile-language-server's validator) is measured only when it is installed.
const pkgVersion = (name) => {
  for (let d = HERE; ; d = path.dirname(d)) {
    const f = path.join(d, 'node_modules', name, 'package.json');
    if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, 'utf8')).version;
    if (path.dirname(d) === d) return null;
  }
};
const args = process.argv.slice(2);
let runs = 15, warmup = 3, jsonOut = null, one = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = +args[++i];
  else if (args[i] === '--warmup') warmup = +args[++i];
  else if (args[i] === '--json-out') jsonOut = args[++i];
  else if (args[i] === '--one') one = args[++i];
  else files.push(args[i]);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r2 = (x) => Math.round(x * 100) / 100;
const isYaml = (f) => /\.ya?ml$/i.test(f);

function hwm() { const m = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m); return +m[1] / 1024; }

async function measureOne(file) {
  const text = fs.readFileSync(file, 'utf8');
  const baseHWM = hwm();
  const time = (fn) => {
    const t0 = performance.now(); const keep = fn(); const t = performance.now() - t0; return { t, keep };
  };
  // warm-up: at least `warmup` iterations AND at least 500 ms; timed: at least `runs` iterations AND 1 s (max 200)
  const bench = (fn) => {
    const first = time(fn);
    const w0 = performance.now();
    for (let i = 1; i < warmup || performance.now() - w0 < 500; i++) fn();
    const ts = [];
    let keep;
    const t0 = performance.now();
    for (let i = 0; (i < runs || performance.now() - t0 < 1000) && i < 200; i++) { const r = time(fn); ts.push(r.t); keep = r.keep; }
    return { firstMs: r2(first.t), medianMs: r2(median(ts)), minMs: r2(Math.min(...ts)), n: ts.length, keep };
  };
  // retained heap of one parse result (after forced GC; needs --expose-gc)
  const retained = (fn) => {
    if (!global.gc) return null;
    global.gc(); global.gc(); const h0 = process.memoryUsage().heapUsed;
    const keep = fn();
    global.gc(); global.gc(); const h1 = process.memoryUsage().heapUsed;
    globalThis.__keep = keep; // keep alive across the measurement
    return r2((h1 - h0) / 1048576);
  };
  const out = { file: path.relative(HERE, file), bytes: Buffer.byteLength(text), lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
  if (isYaml(file)) {
    const { parseAllDocuments, LineCounter, visit } = await import('yaml');
    out.retainedHeapMB = retained(() => { const lc = new LineCounter(); return parseAllDocuments(text, { lineCounter: lc }); });
    const p = bench(() => { const lc = new LineCounter(); return parseAllDocuments(text, { lineCounter: lc }); });
    const docs = Array.isArray(p.keep) ? p.keep : [p.keep];
    out.docs = docs.length;
    out.parseErrors = docs.reduce((a, d) => a + d.errors.length, 0);
    out.parse = { firstMs: p.firstMs, medianMs: p.medianMs, minMs: p.minMs, n: p.n };
    const v = bench(() => {
      const lc = new LineCounter(); const ds = parseAllDocuments(text, { lineCounter: lc });
      let n = 0; for (const d of (Array.isArray(ds) ? ds : [ds])) visit(d, () => { n++; }); return n;
    });
    out.nodes = v.keep;
    out.parseVisit = { firstMs: v.firstMs, medianMs: v.medianMs, minMs: v.minMs, n: v.n };
    // per-document re-parse: a server that re-parses only the edited document pays about this much
    // (chunks split at lines starting with '---'; the largest chunk by bytes is timed)
    const chunks = text.split(/^(?=---)/m);
    const big = chunks.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a), '');
    const bd = bench(() => { const lc = new LineCounter(); return parseAllDocuments(big, { lineCounter: lc }); });
    out.largestDoc = { lines: big.split('\n').length, bytes: Buffer.byteLength(big), medianMs: bd.medianMs, n: bd.n };
    out.yamlVersion = pkgVersion('yaml');
  } else {
    const { DockerfileParser } = await import('dockerfile-ast');
    out.retainedHeapMB = retained(() => DockerfileParser.parse(text));
    const p = bench(() => DockerfileParser.parse(text));
    out.instructions = p.keep.getInstructions().length;
    out.stages = p.keep.getFROMs().length;
    out.parse = { firstMs: p.firstMs, medianMs: p.medianMs, minMs: p.minMs, n: p.n };
    const utils = await import('dockerfile-utils').catch(() => null);
    if (utils) {
      const v = bench(() => utils.validate(text).length);
      out.validatorDiagnostics = v.keep;
      out.dockerfileUtilsValidate = { firstMs: v.firstMs, medianMs: v.medianMs, minMs: v.minMs, n: v.n };
    }
    out.astVersion = pkgVersion('dockerfile-ast');
  }
  out.vmHWMMB = r2(hwm()); out.baseVmHWMMB = r2(baseHWM);
  out.runs = runs; out.warmup = warmup;
  return out;
}

if (one) {
  console.log(JSON.stringify(await measureOne(one)));
} else {
  let list = files;
  if (!list.length) for (const d of ['k8s', 'docker', 'synthetic']) {
    const dir = path.join(HERE, 'corpus', d);
    for (const f of fs.readdirSync(dir).sort()) list.push(path.join(dir, f));
  }
  const results = [];
  for (const f of list) {
    const r = spawnSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, '--runs', String(runs), '--warmup', String(warmup), '--one', path.resolve(f)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) { console.error(`${f}: FAILED\n${r.stderr}`); continue; }
    const o = JSON.parse(r.stdout.trim().split('\n').pop());
    results.push(o);
    const extra = o.parseVisit ? `parse+visit ${o.parseVisit.medianMs} ms, largest doc (${o.largestDoc.lines} lines) ${o.largestDoc.medianMs} ms` : `dockerfile-utils validate ${o.dockerfileUtilsValidate?.medianMs ?? '(not installed)'} ms`;
    console.error(`${o.file}: ${o.lines} lines, parse median ${o.parse.medianMs} ms (first ${o.parse.firstMs}), ${extra}, retained heap ${o.retainedHeapMB} MB, VmHWM ${o.vmHWMMB} MB`);
  }
  if (jsonOut) { fs.mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true }); fs.writeFileSync(jsonOut, JSON.stringify(results, null, 1)); }
  console.log(JSON.stringify(results));
}
