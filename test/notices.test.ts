// Third-party notices (issue 20): every npm package the esbuild bundles include (read from the real builds'
// metafiles) has its licence text in the notices that scripts/build.ts writes to dist/, and the .vsix ships
// that file (`vsce ls`, the packager's own listing).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { build, type Metafile } from 'esbuild';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { BUNDLE_NAMES, bundleOptions } from '../scripts/bundles';
import { bundledPackages, NOTICES_FILE, renderNotices, type BundledPackage } from '../scripts/notices';
import { REPO_ROOT } from './harness/fixtures';

/** A phrase of each licence's own text, to tell a licence text from any other file. */
const LICENCE_PHRASES: Record<string, RegExp> = {
  MIT: /Permission is hereby granted, free of charge/,
  ISC: /Permission to use, copy, modify, and\/or distribute this software/,
  'BSD-3-Clause': /Redistribution and use in source and binary forms/,
  'BlueOak-1.0.0': /Blue Oak Model License/,
};

let packages: BundledPackage[] = [];
let notices = '';

before(async () => {
  const metafiles: Metafile[] = [];
  for (const name of BUNDLE_NAMES) {
    const result = await build({ ...bundleOptions(name, REPO_ROOT, true), write: false, metafile: true });
    metafiles.push(result.metafile);
  }
  packages = bundledPackages(metafiles, REPO_ROOT);
  notices = renderNotices(packages);
});

describe('third-party notices', () => {
  it('finds the bundled packages, including the non-MIT ones', () => {
    const names = new Set(packages.map((p) => p.name));
    for (const name of ['yaml', 'mvdan-sh', 'dockerfile-ast', 'vscode-languageserver', 'vscode-languageclient']) assert.ok(names.has(name), name);
    const licences = new Set(packages.map((p) => p.license));
    for (const licence of ['BSD-3-Clause', 'ISC', 'BlueOak-1.0.0', 'MIT']) assert.ok(licences.has(licence), `${licence} in ${[...licences].join(', ')}`);
  });

  it('has the licence text of every bundled package', () => {
    for (const p of packages) {
      const phrase = LICENCE_PHRASES[p.license];
      assert.ok(phrase, `${p.name} ${p.version}: licence ${p.license} has no known phrase; review it and add it here`);
      assert.match(p.text, phrase, `${p.name} ${p.version} (${p.dir}): no ${p.license} licence text`);
      assert.ok(notices.includes(`${p.name} ${p.version}\nLicense: ${p.license}\n\n${p.text}`), `${p.name} ${p.version} missing from the notices`);
    }
  });

  it('the .vsix ships the notices file beside the bundles', () => {
    const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
    assert.ok(listed.includes(`dist/${NOTICES_FILE}`), `dist/${NOTICES_FILE} not packaged (npm run build writes it):\n${listed.join('\n')}`);
    assert.ok(listed.includes('dist/server.js'), listed.join('\n'));
  });
});
