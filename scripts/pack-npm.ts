// Builds the npm package `harden-lint` in dist/npm and packs it (dist/npm/harden-lint-<version>.tgz).
// The repository's package.json is the VS Code extension's manifest (its name is the Marketplace
// identity, and `harden` is taken on npm), so the npm package gets a manifest of its own, derived from it:
// the bundles are self-contained, so it has no runtime dependencies; it ships the CLI and the language
// server, the Kubernetes schema they validate with, and the rule docs `harden rules --docs` prints.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const NPM_PACKAGE_NAME = 'harden-lint';
const root = path.resolve(__dirname, '..');
const stage = path.join(root, 'dist', 'npm');

/** Files of the package, relative to the repository (and to the package). */
export const PACKAGE_FILES = [
  'bin/harden.js',
  'bin/harden-language-server.js',
  'dist/cli.js',
  'dist/server.js',
  'dist/mvdan-sh.js',
  'dist/yaml-language-service.js',
  'dist/THIRD-PARTY-NOTICES.txt',
  'schemas',
  'docs/rules',
  'docs/cli.md',
  'docs/schema.md',
  'docs/editors.md',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

export function npmManifest(): Record<string, unknown> {
  const extension = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: NPM_PACKAGE_NAME,
    version: extension.version,
    description: 'Lints Kubernetes YAML and Dockerfiles for hardening mistakes and fixes them: CLI and language server.',
    license: extension.license,
    repository: extension.repository,
    keywords: extension.keywords,
    engines: { node: '>=20' },
    // `npx harden-lint` runs the bin named like the package.
    bin: { harden: 'bin/harden.js', 'harden-lint': 'bin/harden.js', 'harden-language-server': 'bin/harden-language-server.js' },
    files: PACKAGE_FILES.filter((file) => !['README.md', 'CHANGELOG.md', 'LICENSE'].includes(file)),
  };
}

/** Stages dist/npm from the current build and returns the tarball's path. */
export function packNpm(): string {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of PACKAGE_FILES) cpSync(path.join(root, file), path.join(stage, file), { recursive: true });
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(npmManifest(), null, 2)}\n`);
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', stage], { cwd: stage, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
  return path.join(stage, filename);
}

if (require.main === module) console.log(packNpm());
