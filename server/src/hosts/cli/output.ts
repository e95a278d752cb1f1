// Where the report goes: stdout, or the file named by --output (opened up front so a bad path fails fast).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

/** The process's standard output (main.ts passes the real one; tests their own). */
export interface Stdout {
  write(text: string): void;
  /** True when a person is (probably) reading: colors are allowed. */
  readonly isTTY: boolean;
}

export interface Output extends Stdout {
  close(): void;
}

/** `file` is relative to `cwd` (the CLI's working directory, which is not always this process's). */
export function openOutput(file: string | undefined, stdout: Stdout, cwd: string): Output {
  if (file === undefined) return { write: (text) => stdout.write(text), close: () => undefined, isTTY: stdout.isTTY };
  let fd: number;
  try {
    const target = path.resolve(cwd, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fd = fs.openSync(target, 'w');
  } catch (error) {
    throw new CliError(`Cannot write the report to ${file}: ${describeIoError(error)}`);
  }
  return {
    write: (text) => void fs.writeSync(fd, text),
    close: () => fs.closeSync(fd),
    isTTY: false,
  };
}

/** `ENOENT: no such file or directory, open 'x'` → `no such file or directory`. */
export function describeIoError(error: unknown): string {
  if (error instanceof Error) {
    const match = /^[A-Z]+: ([^,]+)/.exec(error.message);
    return match ? match[1] : error.message;
  }
  return String(error);
}
