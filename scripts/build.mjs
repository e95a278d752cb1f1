// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/).
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  legalComments: 'none',
};

// yaml-language-server (schema validation): its ESM build imports jsonc-parser, whose `main` (UMD) does not
// bundle, so use jsonc-parser's ESM build; and it imports prettier for formatting, which the server never
// uses, so a stub stands in (~450 KB less).
const SCHEMA_ALIASES = {
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  'prettier/standalone': './server/src/schema/prettier-stub.ts',
  'prettier/plugins/yaml': './server/src/schema/prettier-stub.ts',
  'prettier/plugins/estree': './server/src/schema/prettier-stub.ts',
};

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist', alias: SCHEMA_ALIASES }),
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist' }),
]);
if (watch) console.log('watch mode is not supported; re-run the build');
