// A small, fixed-seed run of the LSP fuzzer on every `npm test` (scripts/fuzz.ts runs any budget).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runLspFuzz } from './lspFuzzer';

const SEED = 20261124;
const EDITS = 1500;

it(`LSP fuzz: ${EDITS} random incremental edits (seed ${SEED}) never crash, hang or misplace a range`, { timeout: 120_000 }, async () => {
  const report = await runLspFuzz({ seed: SEED, edits: EDITS, checkEvery: 60, shallow: true });
  assert.equal(report.edits, EDITS);
  // A checkpoint follows every 60 edits; typing bursts may carry an interval past 60, so fewer than EDITS / 60 is fine.
  assert.ok(report.checkpoints >= EDITS / 120, `checkpoints: ${report.checkpoints}`);
  assert.ok(report.diagnosticsChecked > 0, 'some diagnostics were published and checked');
  assert.ok(report.actionsChecked > 0, 'some code actions were returned and checked');
  console.log(
    `fuzz: ${report.edits} edits (${report.changes} changes) in ${report.seconds.toFixed(1)} s = ${report.editsPerSecond} edits/s; ` +
      `${report.publishesChecked} publishes / ${report.diagnosticsChecked} diagnostics / ${report.actionsChecked} code actions checked, ${report.fixesApplied} fixes applied`,
  );
});
