// Writes what --fix produced. The engine's fixAll returns exact text (line endings and BOM untouched), so
// the file is rewritten only when that text differs; files a fix creates are never overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine';
import { describeIoError } from './output';

export function writeIfChanged(file: string, before: string, after: string): boolean {
  if (before === after) return false;
  fs.writeFileSync(file, after, 'utf8');
  return true;
}

export interface CreatedFiles {
  created: string[];
  errors: string[];
}

/** Creates the files that preferred fixes ask for (e.g. a `.dockerignore`) when they do not exist yet. */
export function createMissingFiles(findings: readonly Finding[]): CreatedFiles {
  const result: CreatedFiles = { created: [], errors: [] };
  for (const finding of findings) {
    const preferred = finding.fixes.find((fix) => fix.isPreferred);
    for (const create of preferred?.createFiles ?? []) {
      if (result.created.includes(create.path) || fs.existsSync(create.path)) continue;
      try {
        fs.mkdirSync(path.dirname(create.path), { recursive: true });
        fs.writeFileSync(create.path, create.text, { encoding: 'utf8', flag: 'wx' }); // 'wx': never clobber
        result.created.push(create.path);
      } catch (error) {
        result.errors.push(`cannot create ${create.path}: ${describeIoError(error)}`);
      }
    }
  }
  return result;
}
