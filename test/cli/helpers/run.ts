// Runs the CLI in temporary folders the test creates: the bundled CLI (bin/harden.js) in a process of its own,
// as users do (`harden`), or its `runCli` from the sources in the test's process (`hardenInProcess`, no Node start-up:
// for the many tests of reports, options and exit codes; what only a process shows, such as the bin, stdin piping
// and the exit status of a real process, keeps spawned runs).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/hosts/cli/run';
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

/** `harden <args>` in this process (runCli from the sources), with NO_COLOR set unless `env` says otherwise. */
export async function hardenInProcess(
  cwd: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string | undefined>; workerScript?: string } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd,
    env: { NO_COLOR: '1', ...options.env },
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: (text) => void (stderr += text),
    readStdin: () => options.input ?? '',
    workerScript: options.workerScript,
  });
  return { status, stdout, stderr };
}
