#!/usr/bin/env node
// Provisions what the end-to-end tests need, idempotently:
//  - Debian packages (only when root and missing): chromium, neovim, ripgrep, and what code-server's native
//    modules build with. `apt-get update` runs only if a first install attempt fails.
//  - code-server 4.100.3 from npm into a cache dir outside the repository, reused when present, with the four
//    work-arounds of docs/e2e.md (unsafe-perm as root, ripgrep tarball from /usr/bin/rg in $TMPDIR,
//    npm_config_yes for `npx node-gyp`, nodedir=/usr for native modules).
// Usage: node test/e2e/provision.mjs  (prints the resolved tools as JSON). Also imported by the e2e tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE, CHROMIUM, CODE_SERVER_BIN, CODE_SERVER_DIR, CODE_SERVER_VERSION, NVIM, RIPGREP_CACHE, RIPGREP_TARBALL } from './lib/paths.mjs';

const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'build-essential', 'python3', 'pkg-config', 'fonts-dejavu-core', 'neovim'];

const log = (...args) => console.error('[provision]', ...args);

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function provisionDebian() {
  const missing = DEBIAN_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')} and not root: install them with apt-get`);
  }
  log(`apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (install().status !== 0) {
    log('install failed; apt-get update and retry');
    execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (install().status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
  }
  return missing;
}

/** Installs code-server into CODE_SERVER_DIR unless a complete install is already there. */
export function provisionCodeServer() {
  const marker = join(CODE_SERVER_DIR, '.complete');
  if (existsSync(marker) && existsSync(CODE_SERVER_BIN)) return false;
  mkdirSync(CACHE, { recursive: true });
  const staging = `${CODE_SERVER_DIR}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const tmp = join(staging, '.tmp');
  // Work-around 2: @vscode/ripgrep's postinstall takes this tarball instead of downloading from GitHub.
  const rgCache = join(tmp, RIPGREP_CACHE);
  mkdirSync(rgCache, { recursive: true });
  const rgStage = join(tmp, 'rg-stage');
  mkdirSync(rgStage);
  copyFileSync('/usr/bin/rg', join(rgStage, 'rg'));
  execFileSync('tar', ['-czf', join(rgCache, RIPGREP_TARBALL), '-C', rgStage, 'rg']);
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'harden-e2e-code-server', private: true }));
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about a minute)`);
  const started = Date.now();
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // work-around 1: postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // work-around 3: node-pty's postinstall runs `npx node-gyp`
    npm_config_nodedir: '/usr', // work-around 4: build native modules against the local Node headers
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: staging,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(join(staging, 'node_modules', '.bin', 'code-server'))) {
    throw new Error(`code-server install failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  renameSync(staging, CODE_SERVER_DIR);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

/** Everything the e2e tests need; returns the tool paths. */
export function provision() {
  const started = Date.now();
  const installedPackages = provisionDebian();
  const installedCodeServer = provisionCodeServer();
  for (const bin of [CHROMIUM, NVIM, CODE_SERVER_BIN]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing after provisioning`);
  }
  const codeServerVersion = JSON.parse(readFileSync(join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
  return {
    codeServer: CODE_SERVER_BIN,
    codeServerVersion,
    chromium: CHROMIUM,
    nvim: NVIM,
    installedPackages,
    installedCodeServer,
    seconds: (Date.now() - started) / 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(provision(), null, 2));
}
