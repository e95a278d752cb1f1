// The package version, inlined by esbuild at bundle time (so the bundle needs no package.json at runtime).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../../../../package.json') as { version: string };

export const VERSION: string = manifest.version;
