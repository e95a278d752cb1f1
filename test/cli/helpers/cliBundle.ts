// The CLI tests run the bundled CLI (dist/cli.js) as users do. Each test file bundles it first, exactly as
// `npm run build` does (scripts/bundles.ts), so that they test the current sources even without a build.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleOptions } from '../../../scripts/bundles';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI_BUNDLE = path.join(REPO, 'dist', 'cli.js');

/**
 * Builds dist/cli.js (and the shell parser bundle it loads, when missing), rewriting a file only when it
 * changed: other test files may be running the CLI at the same time and must never see a half-written one.
 */
export async function ensureCliBundle(): Promise<void> {
  const names = fs.existsSync(path.join(REPO, 'dist', 'mvdan-sh.js')) ? (['cli'] as const) : (['cli', 'mvdan-sh'] as const);
  for (const name of names) {
    const result = await build({ ...bundleOptions(name, REPO), write: false });
    for (const file of result.outputFiles) {
      const current = fs.existsSync(file.path) ? fs.readFileSync(file.path) : undefined;
      if (!current?.equals(file.contents)) {
        // Written aside and renamed: the unit suite's other process may be starting the CLI right now.
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        const aside = `${file.path}.${process.pid}.tmp`;
        fs.writeFileSync(aside, file.contents);
        fs.renameSync(aside, file.path);
      }
    }
  }
}
