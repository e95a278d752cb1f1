// Compiles the extension-host suites (test/e2e/suite/*.ts) to CommonJS in .test-artifacts/e2e-suite/ (gitignored).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SUITE_OUT } from './paths.mjs';

export async function buildSuite() {
  const dir = join(REPO, 'test', 'e2e', 'suite');
  const entryPoints = readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.suite.ts'))
    .map((f) => join(dir, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // `vscode` is the host's API; mocha must be one instance shared by index.js and the suites.
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}
