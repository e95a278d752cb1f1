// Bundles the extension client, the language server and the CLI with esbuild (one file each in dist/, plus
// the shell parser and yaml-language-server, which the server and the CLI load lazily). See bundles.ts.
// Then writes the third-party notices of every package the bundles include (notices.ts).
// Every file is written aside and renamed into place: tests run the bundles from two processes while a
// packaging test rebuilds them, and a reader must see a whole old or a whole new file, never half of one.
import { build, type OutputFile } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_NAMES, bundleOptions } from './bundles';
import { bundledPackages, NOTICES_FILE, renderNotices } from './notices';

const root = path.resolve(__dirname, '..');
const minify = process.argv.includes('--minify');

function writeAtomically(file: string, contents: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, file);
}

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
