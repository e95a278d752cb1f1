// The rows of a vendored expectations table: tab-separated, `#` lines are its header and notes.
import { readFileSync } from 'node:fs';

export function readTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}
