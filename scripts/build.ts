// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/, plus
// the shell parser and yaml-language-server, which the server and the CLI load lazily). See bundles.ts.
// Then writes the third-party notices of every package the bundles include (notices.ts).
// Every file is written aside and renamed into place (atomicWrite.ts): tests run the bundles meanwhile.
import { build, type OutputFile } from 'esbuild';
import * as path from 'node:path';
import { writeAtomically } from './atomicWrite';
import { BUNDLE_NAMES, bundleOptions } from './bundles';
import { bundledPackages, NOTICES_FILE, renderNotices } from './notices';

const root = path.resolve(__dirname, '..');
const minify = process.argv.includes('--minify');

const writeOutputs = (files: OutputFile[] = []) => files.forEach((file) => writeAtomically(file.path, file.contents));

Promise.all(BUNDLE_NAMES.map((name) => build({ ...bundleOptions(name, root, minify), metafile: true, write: false })))
  .then((results) => {
    results.forEach((result) => writeOutputs(result.outputFiles));
    const notices = renderNotices(
      bundledPackages(
        results.map((result) => result.metafile),
        root,
      ),
    );
    writeAtomically(path.join(root, 'dist', NOTICES_FILE), notices);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
