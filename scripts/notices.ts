// Third-party notices for what the bundles ship: every npm package esbuild put into dist/ (read from the
// builds' metafiles, so exactly the bundled packages, not every dependency), with its name, version, licence
// and the licence text found in the package. scripts/build.ts writes the result to dist/ beside the bundles,
// so that the .vsix and the npm package carry it; test/notices.test.ts checks it covers every package.
import type { Metafile } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

export interface BundledPackage {
  name: string;
  version: string;
  /** The SPDX expression of its package.json (`license`, or the old `licenses` list). */
  license: string;
  /** Its licence and notice files, concatenated; empty when the package ships none. */
  text: string;
  /** Folder of the package, relative to the repository. */
  dir: string;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\..*)?$|^(licen[cs]e|copying)[-_]/i;

/** The package folders (`node_modules/a`, `node_modules/@s/b`, nested ones too) that inputs of the bundles come from. */
export function bundledPackageDirs(metafiles: readonly Metafile[]): string[] {
  const dirs = new Set<string>();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
      if (match) dirs.add(match[1]);
    }
  }
  return [...dirs].sort();
}

/** Reads each package's metadata and licence files. */
export function bundledPackages(metafiles: readonly Metafile[], root: string): BundledPackage[] {
  const byName = new Map<string, BundledPackage>();
  for (const dir of bundledPackageDirs(metafiles)) {
    const full = path.join(root, dir);
    const manifest = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string | { type: string };
      licenses?: Array<{ type: string }>;
      author?: string | { name: string };
    };
    const license =
      typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? manifest.licenses?.map((l) => l.type).join(' OR ') ?? 'UNKNOWN');
    const files = readdirSync(full)
      .filter((name) => LICENCE_FILE.test(name))
      .sort();
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    const shipped = files.map((name) => readFileSync(path.join(full, name), 'utf8').trim()).join('\n\n');
    const text = shipped || (license === 'MIT' && author ? mitLicence(author) : '');
    const key = `${manifest.name}@${manifest.version}`;
    if (!byName.has(key)) byName.set(key, { name: manifest.name, version: manifest.version, license, text, dir });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The MIT licence text, for a package that declares MIT but ships no licence file (e.g. @vscode/l10n). */
function mitLicence(holder: string): string {
  return `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
(The package declares the MIT licence in its package.json and ships no licence file; the text above is the
standard MIT licence with the package's author as copyright holder.)`;
}

/** The notices file: a list, then each package's licence text. */
export function renderNotices(packages: readonly BundledPackage[]): string {
  const rule = '-'.repeat(78);
  const list = packages.map((p) => `- ${p.name} ${p.version} (${p.license})`).join('\n');
  const sections = packages.map((p) => {
    const body = p.text || `The package ships no licence file; its package.json declares ${p.license}.`;
    return `${rule}\n${p.name} ${p.version}\nLicense: ${p.license}\n\n${body}\n`;
  });
  return (
    'Third-party software notices\n\n' +
    'The bundles in this package (dist/*.js) include the following npm packages. Their licences and notices follow.\n\n' +
    `${list}\n\n${sections.join('\n')}`
  );
}
