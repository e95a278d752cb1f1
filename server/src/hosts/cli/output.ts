// Where the report goes: stdout, or the file named by --output (opened up front so a bad path fails fast).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

export interface Output {
  write(text: string): void;
  close(): void;
  /** True when a person is (probably) reading: colors are allowed. */
  readonly isTTY: boolean;
}

export function openOutput(file: string | undefined): Output {
  if (file === undefined) {
    return { write: (text) => void process.stdout.write(text), close: () => undefined, isTTY: process.stdout.isTTY === true };
  }
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = fs.openSync(file, 'w');
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
