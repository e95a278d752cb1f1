// Child processes for the benchmark: run to completion, capture stdout, stream stderr; killed on Ctrl-C.
import { spawn } from 'node:child_process';

const live = new Set();
let hooked = false;
function hookSignals() {
  if (hooked) return;
  hooked = true;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      for (const c of live) {
        try {
          c.kill('SIGKILL');
        } catch {
          /* already exited */
        }
      }
      process.exit(130);
    });
  }
}

/** Runs `cmd args` and resolves with its stdout; rejects on a non-zero exit. stderr goes to `onStderr`. */
export function runProcess(cmd, args, { cwd, env, onStderr = () => {} } = {}) {
  hookSignals();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err = (err + d).slice(-8000);
      onStderr(String(d));
    });
    child.on('error', (e) => {
      live.delete(child);
      reject(e);
    });
    child.on('exit', (code, sig) => {
      live.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code ?? sig}\n${err.slice(-2000)}`));
    });
  });
}

/** The last line of a process's stdout, parsed as JSON. */
export function lastJsonLine(stdout) {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
