// The LSP fuzzer at any budget: `npm run fuzz -- --edits 100000 --seed 1`.
// Streams seeded random incremental edits to the real server (dist/server.js; run `npm run build` first)
// and stops at the first failure, printing the seed and a command that reproduces it.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FuzzFailure, runLspFuzz } from '../test/fuzz/lspFuzzer';

const USAGE = `Usage: npm run fuzz -- [--edits N] [--seed S] [--check-every N] [--no-lone-cr] [--quiet]

  --edits N        didChange notifications to send (default 100000)
  --seed S         PRNG seed (default: random, printed)
  --check-every N  wait for and check diagnostics and code actions every N edits (default 200)
  --no-lone-cr     never insert a lone "\\r" (an LSP line break the engine does not count; see docs/robustness.md)
  --keep-going     record failures the server survives (one example of each kind) and go on to the end
  --shallow        nest huge lines at most 200 levels deep (deeper ones overflow the YAML parser; see docs/robustness.md)
  --quiet          no progress lines`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      edits: { type: 'string', default: '100000' },
      seed: { type: 'string' },
      'check-every': { type: 'string', default: '200' },
      'no-lone-cr': { type: 'boolean', default: false },
      shallow: { type: 'boolean', default: false },
      'keep-going': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const edits = Number(values.edits);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const checkEvery = Number(values['check-every']);
  if (![edits, seed, checkEvery].every((n) => Number.isInteger(n) && n >= 0) || checkEvery === 0) {
    console.error(USAGE);
    return 2;
  }
  const noLoneCr = values['no-lone-cr'];
  const shallow = values.shallow;
  const keepGoing = values['keep-going'];
  const flags = `${noLoneCr ? ' --no-lone-cr' : ''}${shallow ? ' --shallow' : ''}${keepGoing ? ' --keep-going' : ''}`;
  const reproduce = `npm run fuzz -- --edits ${edits} --seed ${seed} --check-every ${checkEvery}${flags}`;
  console.log(`LSP fuzz: ${edits} edits, seed ${seed}, checks every ${checkEvery} edits${flags ? ` (${flags.trim()})` : ''}`);
  let lastProgress = Date.now();
  try {
    const report = await runLspFuzz({
      seed,
      edits,
      checkEvery,
      noLoneCr,
      shallow,
      keepGoing,
      log: (line) => {
        if (values.quiet || (Date.now() - lastProgress < 10_000 && !line.startsWith('FAILURE'))) return;
        lastProgress = Date.now();
        console.log(`  ${line}`);
      },
    });
    console.log(
      `${report.failures.length > 0 ? 'DONE' : 'PASS'}: ${report.edits} edits (${report.changes} content changes) in ${report.seconds.toFixed(1)} s = ${report.editsPerSecond} edits/s ` +
        `(${report.checkpointSeconds.toFixed(1)} s of it at ${report.checkpoints} checkpoints)\n` +
        `  ${report.publishesChecked} publishes with ${report.diagnosticsChecked} diagnostics, ${report.requests} code-action requests ` +
        `with ${report.actionsChecked} actions checked; ${report.fixesApplied} fixes applied; largest document ${report.largestDocumentChars} chars\n` +
        `  seed ${seed}; reproduce: ${reproduce}`,
    );
    if (report.warnings.length > 0) console.log(`  server warnings (not failures):\n    ${report.warnings.slice(0, 10).join('\n    ')}`);
    if (report.failures.length === 0) return 0;
    console.log(`\n${report.failures.length} distinct failures (the server survived them):`);
    for (const [i, { failure, count }] of report.failures.entries()) {
      console.log(`\n[${i + 1}] seen ${count} times; first ${failure.message}`);
      saveDocument(failure);
    }
    console.log(`\nFAIL with seed ${seed}; reproduce: ${reproduce}`);
    return 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof FuzzFailure) saveDocument(error);
    console.error(`FAIL with seed ${seed}; reproduce: ${reproduce}`);
    return 1;
  }
}

function saveDocument(failure: FuzzFailure): void {
  if (failure.documentText !== undefined) {
    const file = join(tmpdir(), `harden-fuzz-seed${failure.seed}-edit${failure.edit}.txt`);
    writeFileSync(file, failure.documentText);
    console.log(`the document text (${failure.uri} version ${failure.version}) is in ${file}`);
  }
  if (failure.allDocuments) {
    const file = join(tmpdir(), `harden-fuzz-seed${failure.seed}-edit${failure.edit}-all.json`);
    writeFileSync(file, JSON.stringify(failure.allDocuments, null, 1));
    console.log(`every open document's text (JSON, by URI) is in ${file}`);
  }
}

void main().then((code) => (process.exitCode = code));
