// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/, plus
// the shell parser they share and load lazily).
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

// mvdan-sh (the shell parser, 3 MB of GopherJS output) is half of the server's code and only Dockerfiles need
// it: it gets a bundle of its own that the server and the CLI require on first use (~100 ms off startup).
// Likewise yaml-language-server (schema validation, ~1 MB with ajv), which the server loads on first use.
const YAML_LANGUAGE_SERVICE = 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^mvdan-sh$/ }, () => ({ path: './mvdan-sh.js', external: true }));
    build.onResolve({ filter: /^yaml-language-server\/lib\/esm\/languageservice\/yamlLanguageService$/ }, () => ({
      path: './yaml-language-service.js',
      external: true,
    }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: { 'mvdan-sh': 'node_modules/mvdan-sh/index.js' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'yaml-language-service': YAML_LANGUAGE_SERVICE }, outdir: 'dist', alias: SCHEMA_ALIASES }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist', alias: SCHEMA_ALIASES, plugins: [lazyBundles] }),
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', plugins: [lazyBundles] }),
]);
if (watch) console.log('watch mode is not supported; re-run the build');
