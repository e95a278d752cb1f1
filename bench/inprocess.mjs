// In-process cost of the engine (server/src/engine, run from TypeScript through tsx) for one file:
//   cold      first `new Linter().lint()` in a fresh process (un-JITted: what the server pays on the first open)
//   fresh     `new Linter().lint()` with a warm JIT but empty caches (median)
//   edit      one Linter, re-lint after each single-character edit in the middle of the file (per-document
//             cache: only the edited document re-parses) — median and p95
//   publish   size of the publishDiagnostics payload the server would send (findings -> LSP diagnostics)
// Usage (from the repo root): node --import tsx bench/inprocess.mjs [--edits N] [--min-ms N] <file>
// Prints one JSON line. The `yaml` parse floor comes from bench/harness/floor.mjs (see run.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { offsetAt, pickEditPoint } from './lib/edit-point.mjs';

const args = process.argv.slice(2);
let edits = 20,
  minMs = 1000,
  file = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--edits') edits = +args[++i];
  else if (args[i] === '--min-ms') minMs = +args[++i];
  else file = path.resolve(args[i]);
}
if (!file) {
  console.error('usage: node --import tsx bench/inprocess.mjs [--edits N] <file>');
  process.exit(2);
}

const text0 = fs.readFileSync(file, 'utf8');
const t0Import = performance.now();
const engine = await import('../server/src/engine/index.ts');
const { toDiagnostic } = await import('../server/src/hosts/lsp/diagnostics.ts');
const importMs = performance.now() - t0Import;
const { Linter, detectLanguage } = engine;
const language = detectLanguage(file);
const lang = language === 'dockerfile' ? 'dockerfile' : 'yaml';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const r2 = (x) => Math.round(x * 100) / 100;
const hwmMB = () => +fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m)[1] / 1024;

// cold: first lint in this process
let t = performance.now();
const first = new Linter().lint({ path: file, text: text0 });
const coldMs = performance.now() - t;
const findings = first.findings.length;
const payloadKB = Buffer.byteLength(JSON.stringify(first.findings.map((f) => toDiagnostic(f, 1)))) / 1024;

// fresh linter, warm JIT: at least 3 runs and minMs, at most 20
const fresh = [];
const f0 = performance.now();
while (fresh.length < 3 || (performance.now() - f0 < minMs && fresh.length < 20)) {
  t = performance.now();
  new Linter().lint({ path: file, text: text0 });
  fresh.push(performance.now() - t);
}

// edits: type letters at the edit point, re-lint with the same (cached) linter each time
const linter = new Linter();
linter.lint({ path: file, text: text0 });
const pt = pickEditPoint(text0, lang);
const off0 = offsetAt(text0, pt);
const editMs = [];
let text = text0;
const alphabet = 'abcdefghijklmnopqrstuvwxyz';
for (let i = 0; i < edits + 2; i++) {
  const off = off0 + i;
  text = text.slice(0, off) + alphabet[i % 26] + text.slice(off);
  t = performance.now();
  linter.lint({ path: file, text });
  if (i >= 2) editMs.push(performance.now() - t); // first 2 edits are warm-up, as in lspbench
}

console.log(
  JSON.stringify({
    file,
    lines: text0.split('\n').length - (text0.endsWith('\n') ? 1 : 0),
    bytes: Buffer.byteLength(text0),
    language,
    engineImportMs: r2(importMs),
    coldLintMs: r2(coldMs),
    freshLintMsMedian: r2(median(fresh)),
    freshRuns: fresh.length,
    editLintMsMedian: r2(median(editMs)),
    editLintMsP95: r2(p95(editMs)),
    editSamples: editMs.length,
    editPoint: { line: pt.line + 1, character: pt.character },
    findings,
    publishPayloadKB: r2(payloadKB),
    vmHWMMB: r2(hwmMB()),
  }),
);
