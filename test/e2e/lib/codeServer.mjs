// Starts and stops code-server (the real VS Code 1.100 workbench) on 127.0.0.1, in its own process group,
// with every XDG dir in a scratch directory. Only processes started here are ever killed (by group id).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_BIN } from './paths.mjs';
import { isolatedEnv } from './paths.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function dirs(scratch) {
  const userDataDir = join(scratch, 'code-server', 'user-data');
  const extensionsDir = join(scratch, 'code-server', 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  return { userDataDir, extensionsDir };
}

/** `code-server --install-extension <vsix>` into the scratch extensions dir. */
export function installVsix(scratch, vsix) {
  const { userDataDir, extensionsDir } = dirs(scratch);
  const r = spawnSync(CODE_SERVER_BIN, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env: isolatedEnv(scratch),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}): ${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server for `workspace`; resolves once it answers HTTP. `settings` is written to the user
 * settings. Returns { url, port, stop() }.
 */
export async function startCodeServer({ scratch, workspace, settings = {}, env = {}, logFile }) {
  const { userDataDir, extensionsDir } = dirs(scratch);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.colorTheme': 'Default Dark Modern',
        ...settings,
        // Extra user settings for experiments and negative controls, e.g. '{"harden.rules":{"k8s/run-as-non-root":"off"}}'.
        ...JSON.parse(process.env.HARDEN_E2E_USER_SETTINGS ?? '{}'),
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    { env: isolatedEnv(scratch, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(logFile ?? join(scratch, 'code-server.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 5_000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The group may still hold children (file watcher, extension host) even when the main process exited.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early; see ${logFile ?? join(scratch, 'code-server.log')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not start within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, pid: child.pid, stop };
}
