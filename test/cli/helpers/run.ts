// Runs the bundled CLI (bin/harden.js) as users do, in temporary folders the test creates.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './cliBundle';

export const BIN = path.join(REPO, 'bin', 'harden.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const created: string[] = [];

/** A fresh folder holding `files` (path -> content); removed by `removeTempDirs`. */
export function tempDir(files: Record<string, string | Buffer> = {}, prefix = 'harden-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** `harden <args>` in `cwd`; colors off unless `env` says otherwise. */
export function harden(cwd: string, args: readonly string[], options: { input?: string; env?: Record<string, string | undefined> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
