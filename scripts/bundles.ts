// The esbuild bundles of the extension, one definition each: scripts/build.ts builds them all, and the CLI
// tests build the CLI bundle the same way (test/cli/helpers/cliBundle.ts).
import type { BuildOptions, Plugin } from 'esbuild';

export type BundleName = 'mvdan-sh' | 'yaml-language-service' | 'client' | 'server' | 'cli' | 'web-client' | 'web-server';
export const BUNDLE_NAMES: readonly BundleName[] = ['mvdan-sh', 'yaml-language-service', 'client', 'server', 'cli', 'web-client', 'web-server'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  outdir: 'dist',
};

// yaml-language-server (schema validation): its ESM build imports jsonc-parser, whose `main` (UMD) does not
// bundle, so use jsonc-parser's ESM build; and it imports prettier for formatting, which the server never
// uses, so a stub stands in (~450 KB less).
const SCHEMA_ALIASES = {
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  'prettier/standalone': './server/src/services/schema/prettier-stub.ts',
  'prettier/plugins/yaml': './server/src/services/schema/prettier-stub.ts',
  'prettier/plugins/estree': './server/src/services/schema/prettier-stub.ts',
};

// mvdan-sh (the shell parser, 3 MB of GopherJS output) is half of the server's code and only Dockerfiles need
// it: it gets a bundle of its own that the server and the CLI require on first use (~100 ms off startup).
// Likewise yaml-language-server (schema validation, ~1.6 MB with ajv), which the server loads on first use.
const YAML_LANGUAGE_SERVICE = 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
const lazyBundles: Plugin = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^mvdan-sh$/ }, () => ({ path: './mvdan-sh.js', external: true }));
    build.onResolve({ filter: /^yaml-language-server\/lib\/esm\/languageservice\/yamlLanguageService$/ }, () => ({
      path: './yaml-language-service.js',
      external: true,
    }));
  },
};

// VS Code for the web (package.json `browser`): the client runs in the web extension host, the server in a web
// worker the client starts. No Node there: the modules the web server shares with the desktop one import only
// `node:path` and `node:url`, which get POSIX stand-ins (test/architecture.test.ts allows no other built-in), and
// the shell parser and yaml-language-server are bundled in (a worker cannot `require` them later).
export const WEB_NODE_SHIMS: Readonly<Record<string, string>> = {
  'node:path': './server/src/hosts/web/shims/path.ts',
  'node:url': './server/src/hosts/web/shims/url.ts',
  // yaml-language-server's ESM build imports `path` (for schema URLs and file names: POSIX is right there too).
  path: './server/src/hosts/web/shims/path.ts',
};
const web: BuildOptions = { platform: 'browser', target: 'es2022', outdir: 'dist/web' };

const BUNDLES: Record<BundleName, BuildOptions> = {
  'mvdan-sh': { entryPoints: { 'mvdan-sh': 'node_modules/mvdan-sh/index.js' } },
  'yaml-language-service': { entryPoints: { 'yaml-language-service': YAML_LANGUAGE_SERVICE }, alias: SCHEMA_ALIASES },
  client: { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  server: { entryPoints: { server: 'server/src/hosts/lsp/main.ts' }, alias: SCHEMA_ALIASES, plugins: [lazyBundles] },
  cli: { entryPoints: { cli: 'server/src/hosts/cli/main.ts' }, plugins: [lazyBundles] },
  'web-client': { ...web, entryPoints: { client: 'client/src/web/extension.ts' }, external: ['vscode'] },
  'web-server': {
    ...web,
    format: 'iife',
    entryPoints: { server: 'server/src/hosts/web/main.ts' },
    alias: { ...SCHEMA_ALIASES, ...WEB_NODE_SHIMS },
    // dockerfile-ast's BOM check calls Buffer.from (shims/buffer.ts).
    inject: ['./server/src/hosts/web/shims/buffer.ts'],
  },
};

/** esbuild options for one bundle, with paths relative to `root` (the repository). */
export function bundleOptions(name: BundleName, root: string, minify = false): BuildOptions {
  return { ...common, ...BUNDLES[name], absWorkingDir: root, minify };
}
