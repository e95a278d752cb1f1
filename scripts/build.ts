// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/, plus
// the shell parser and yaml-language-server, which the server and the CLI load lazily). See bundles.ts.
import { build } from 'esbuild';
import * as path from 'node:path';
import { BUNDLE_NAMES, bundleOptions } from './bundles';

const root = path.resolve(__dirname, '..');
const minify = process.argv.includes('--minify');

Promise.all(BUNDLE_NAMES.map((name) => build(bundleOptions(name, root, minify)))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
