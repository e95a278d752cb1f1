// Shared locations for the end-to-end tests. Nothing here writes into ~ or into the repository, except
// `.test-artifacts/` (gitignored) for screenshots and logs.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
export const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Cache dir outside the repo (reused between runs): $HARDEN_E2E_CACHE, else $XDG_CACHE_HOME/harden-e2e, else /tmp/harden-e2e-cache. */
export const CACHE = process.env.HARDEN_E2E_CACHE ?? (process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, 'harden-e2e') : '/tmp/harden-e2e-cache');
export const CODE_SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.HARDEN_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const NVIM = process.env.HARDEN_E2E_NVIM ?? '/usr/bin/nvim';

export const ARTIFACTS = join(REPO, '.test-artifacts', 'e2e');
/** Compiled extension-host suites (gitignored: under .test-artifacts/). */
export const SUITE_OUT = join(REPO, '.test-artifacts', 'e2e-suite');

/** A fresh scratch directory (under /tmp, never ~) holding XDG dirs, profiles and workspaces of one run. */
export function scratchDir(label) {
  const base = process.env.HARDEN_E2E_SCRATCH ?? '/tmp';
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `harden-e2e-${label}-`));
}

/** Environment for child processes: XDG_* and TMPDIR point into `scratch`, so nothing lands in ~. */
export function isolatedEnv(scratch, extra = {}) {
  const env = { ...process.env };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR']) {
    const dir = join(scratch, 'xdg', name.slice(4).toLowerCase());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    env[name] = dir;
  }
  const tmp = join(scratch, 'tmp');
  mkdirSync(tmp, { recursive: true });
  env.TMPDIR = tmp;
  // Never let a child reach out: no telemetry, no update checks, nothing but 127.0.0.1.
  env.NO_PROXY = '127.0.0.1,localhost';
  // code-server's extension gallery (open-vsx.org) points at a closed local port instead.
  env.EXTENSIONS_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' });
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  return Object.assign(env, extra);
}
