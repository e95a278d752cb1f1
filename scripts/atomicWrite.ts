// Bundles are rebuilt while tests run them from other processes (the unit suite runs in two): a file is written
// aside and renamed into place, so a reader sees a whole old or a whole new file, never half of one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function writeAtomically(file: string, contents: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, file);
}

/** As writeAtomically, but leaves the file alone (same inode, same mtime) when it already holds `contents`. */
export function writeIfChanged(file: string, contents: Uint8Array): void {
  let current: Buffer | undefined;
  try {
    current = readFileSync(file);
  } catch {
    current = undefined;
  }
  if (!current?.equals(contents)) writeAtomically(file, contents);
}
