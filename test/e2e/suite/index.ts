// Entry point of the extension-host suites, to the @vscode/test-electron contract: `run()` runs mocha over
// every `*.suite.js` beside this file (esbuild compiles them into .test-artifacts/e2e-suite/). The same file
// runs inside code-server (test/e2e/extension-host.e2e.mjs, via the `payload` URL parameter) and under
// @vscode/test-electron (test/e2e/run-test-electron.mjs) where VS Code can be downloaded.
// When HARDEN_E2E_RESULTS names a file, every test's outcome is also written there as JSON, so that the
// node:test wrapper can report one result per mocha test.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
  /** Why a test was skipped (set by the test in globalThis.hardenE2eNotes). */
  note?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, slow: 5_000 });
  const filter = process.env.HARDEN_E2E_GREP;
  if (filter) mocha.grep(filter);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.suite.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const results: TestResult[] = [];
  const resultsFile = process.env.HARDEN_E2E_RESULTS;
  const flush = (extra: Partial<{ done: boolean; fatal: string }> = {}) => {
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ results, ...extra }, null, 2));
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        flush({ done: true });
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
        flush();
      });
      runner.on('fail', (test, error: Error) => {
        results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error?.stack ?? String(error) });
        flush();
      });
      runner.on('pending', (test) => {
        const notes = (globalThis as { hardenE2eNotes?: Record<string, string> }).hardenE2eNotes ?? {};
        results.push({ title: test.fullTitle(), state: 'pending', durationMs: 0, note: notes[test.fullTitle()] });
        flush();
      });
    } catch (error) {
      flush({ done: true, fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
