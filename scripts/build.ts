// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/, plus
// the shell parser and yaml-language-server, which the server and the CLI load lazily). See bundles.ts.
// Then writes the third-party notices of every package the bundles include (notices.ts).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_NAMES, bundleOptions } from './bundles';
import { bundledPackages, NOTICES_FILE, renderNotices } from './notices';

const root = path.resolve(__dirname, '..');
const minify = process.argv.includes('--minify');

Promise.all(BUNDLE_NAMES.map((name) => build({ ...bundleOptions(name, root, minify), metafile: true })))
  .then((results) => {
    const notices = renderNotices(
      bundledPackages(
        results.map((result) => result.metafile),
        root,
      ),
    );
    mkdirSync(path.join(root, 'dist'), { recursive: true });
    writeFileSync(path.join(root, 'dist', NOTICES_FILE), notices);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
