// The CLI and LSP tests run the bundles (dist/cli.js, dist/server.js) as users do. A test file bundles what it
// runs first, exactly as `npm run build` does (scripts/bundles.ts), so that it tests the current sources even
// without a build.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeIfChanged } from '../../../scripts/atomicWrite';
import { bundleOptions, type BundleName } from '../../../scripts/bundles';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI_BUNDLE = path.join(REPO, 'dist', 'cli.js');

/**
 * Builds the named bundles into dist/, rewriting a file only when it changed, aside and renamed: the unit
 * suite's other process may be running the CLI or the server from dist/ right now (esbuild's own `write`
 * truncates the file in place, and a process started meanwhile reads half of it).
 */
export async function ensureBundles(names: readonly BundleName[]): Promise<void> {
  const results = await Promise.all(names.map((name) => build({ ...bundleOptions(name, REPO), write: false })));
  for (const file of results.flatMap((result) => result.outputFiles)) writeIfChanged(file.path, file.contents);
}

/** Builds dist/cli.js (and the shell parser bundle it loads, when missing). */
export async function ensureCliBundle(): Promise<void> {
  await ensureBundles(fs.existsSync(path.join(REPO, 'dist', 'mvdan-sh.js')) ? ['cli'] : ['cli', 'mvdan-sh']);
}
